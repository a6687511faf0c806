import { join } from 'node:path';
import { loadConfig, loadPlantModel, runService } from '@plantwatch/platform';
import { createDuckDbStore, createInfluxStore, type TelemetryStore } from '@plantwatch/store';
import { startIngest } from './bootstrap.js';
import { ingestEnv, type IngestEnv } from './config.js';

async function openStore(env: IngestEnv): Promise<TelemetryStore> {
  if (env.STORE === 'influx') {
    return createInfluxStore({ url: env.INFLUX_URL, database: env.INFLUX_DB, username: env.INFLUX_USERNAME, password: env.INFLUX_PASSWORD });
  }
  return createDuckDbStore({ file: join(env.PLANTWATCH_DATA_DIR, 'plantwatch.duckdb') });
}

async function main(): Promise<() => Promise<void>> {
  const env = loadConfig(ingestEnv);
  const plant = await loadPlantModel(env.PLANTWATCH_PLANT_MODEL);
  const store = await openStore(env);
  const ingest = await startIngest({
    plant,
    store,
    mqtt: { url: env.MQTT_URL, username: env.MQTT_USERNAME, password: env.MQTT_PASSWORD },
    spoolDir: join(env.PLANTWATCH_DATA_DIR, 'spool'),
    statsEveryMs: env.INGEST_STATS_MS,
    pipeline: { batchMs: env.INGEST_BATCH_MS, batchMax: env.INGEST_BATCH_MAX, retryMs: env.INGEST_RETRY_MS, maxPayloadBytes: env.INGEST_MAX_PAYLOAD_BYTES },
  });
  console.log(`ingest: ${plant.devices.length} devices, store=${env.STORE}, broker ${env.MQTT_URL}`);
  return async () => {
    await ingest.close();
    await store.close();
  };
}

runService('ingest', main);
