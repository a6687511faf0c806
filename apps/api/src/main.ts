import { loadConfig, loadPlantModel, runService } from '@plantwatch/platform';
import { startApi } from './bootstrap.js';
import { apiEnv, sessionTimes } from './config.js';

async function main(): Promise<() => Promise<void>> {
  const env = loadConfig(apiEnv);
  const plant = await loadPlantModel(env.PLANTWATCH_PLANT_MODEL);
  const api = await startApi({
    plant,
    mqtt: { url: env.MQTT_URL, username: env.MQTT_USERNAME, password: env.MQTT_PASSWORD },
    dataDir: env.PLANTWATCH_DATA_DIR,
    host: env.API_HOST,
    port: env.API_PORT,
    coalesceMs: env.LIVE_COALESCE_MS,
    cookieSecure: env.API_COOKIE_SECURE === 'true',
    ...sessionTimes(env),
    ...(env.ONEMAP_DIR === undefined ? {} : { onemapDir: env.ONEMAP_DIR }),
    ...(env.API_INITIAL_ADMIN_PASSWORD === undefined ? {} : { initialAdminPassword: env.API_INITIAL_ADMIN_PASSWORD }),
  });
  console.log(`api: one-map and REST at ${api.url}`);
  if (api.initialAdminPassword !== undefined && env.API_INITIAL_ADMIN_PASSWORD === undefined) {
    console.log(`api: created ${env.PLANTWATCH_DATA_DIR}/users.json — log in as admin / ${api.initialAdminPassword} (shown once; add users under /api/users)`);
  }
  return () => api.close();
}

runService('api', main);
