import { z } from 'zod';

/** Environment of the ingest process (validated once by `loadConfig`). */
export const ingestEnv = z.object({
  PLANTWATCH_PLANT_MODEL: z.string().min(1),
  MQTT_URL: z.string().url().default('mqtt://127.0.0.1:1883'),
  MQTT_USERNAME: z.string().default('svc-ingest'),
  MQTT_PASSWORD: z.string().min(1),
  /** `influx` (InfluxDB 1.x) or `embedded` (DuckDB file under PLANTWATCH_DATA_DIR). */
  STORE: z.enum(['influx', 'embedded']).default('embedded'),
  INFLUX_URL: z.string().url().default('http://127.0.0.1:8086'),
  INFLUX_DB: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/).default('plantwatch'),
  INFLUX_USERNAME: z.string().optional(),
  INFLUX_PASSWORD: z.string().optional(),
  PLANTWATCH_DATA_DIR: z.string().default('./data'),
  INGEST_BATCH_MS: z.coerce.number().int().min(10).max(60_000).default(1_000),
  INGEST_BATCH_MAX: z.coerce.number().int().min(1).max(100_000).default(5_000),
  INGEST_RETRY_MS: z.coerce.number().int().min(100).max(600_000).default(2_000),
  /** How often ingest publishes its counters and latency histograms on `svc/v1/ingest/stats` [ms]. */
  INGEST_STATS_MS: z.coerce.number().int().min(200).max(600_000).default(10_000),
  INGEST_MAX_PAYLOAD_BYTES: z.coerce.number().int().min(256).max(16 * 1024 * 1024).default(64 * 1024),
});
export type IngestEnv = z.infer<typeof ingestEnv>;
