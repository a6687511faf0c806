import { z } from 'zod';

/** Environment of the api process (validated once by `loadConfig`). */
export const apiEnv = z.object({
  PLANTWATCH_PLANT_MODEL: z.string().min(1),
  MQTT_URL: z.string().url().default('mqtt://127.0.0.1:1883'),
  MQTT_USERNAME: z.string().default('svc-api'),
  MQTT_PASSWORD: z.string().min(1),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  /** Live updates per series are coalesced to one per this many ms. */
  LIVE_COALESCE_MS: z.coerce.number().int().min(50).max(10_000).default(250),
  /** Folder of the one-map web app served at `/`. */
  ONEMAP_DIR: z.string().optional(),
});
export type ApiEnv = z.infer<typeof apiEnv>;
