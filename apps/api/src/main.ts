import { loadConfig, loadPlantModel } from '@plantwatch/platform';
import { startApi } from './bootstrap.js';
import { apiEnv } from './config.js';

async function main(): Promise<void> {
  const env = loadConfig(apiEnv);
  const plant = await loadPlantModel(env.PLANTWATCH_PLANT_MODEL);
  const api = await startApi({
    plant,
    mqtt: { url: env.MQTT_URL, username: env.MQTT_USERNAME, password: env.MQTT_PASSWORD },
    host: env.API_HOST,
    port: env.API_PORT,
    coalesceMs: env.LIVE_COALESCE_MS,
    ...(env.ONEMAP_DIR === undefined ? {} : { onemapDir: env.ONEMAP_DIR }),
  });
  console.log(`api: one-map and REST at ${api.url}`);
  const shutdown = (): void => {
    api
      .close()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`api failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
