import { z } from 'zod';

const HOUR_MS = 3_600_000;

/** Environment of the api process (validated once by `loadConfig`). */
export const apiEnv = z.object({
  PLANTWATCH_PLANT_MODEL: z.string().min(1),
  /** Holds `users.json` (operators, scrypt hashes) and `audit.log`. */
  PLANTWATCH_DATA_DIR: z.string().default('./data'),
  MQTT_URL: z.string().url().default('mqtt://127.0.0.1:1883'),
  MQTT_USERNAME: z.string().default('svc-api'),
  MQTT_PASSWORD: z.string().min(1),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65_535).default(8080),
  /** Live updates per series are coalesced to one per this many ms. */
  LIVE_COALESCE_MS: z.coerce.number().int().min(50).max(10_000).default(250),
  /** Folder of the built one-map web app served at `/`. */
  ONEMAP_DIR: z.string().optional(),
  /** Password for the admin of a new users file; random (printed once) when unset. */
  API_INITIAL_ADMIN_PASSWORD: z.string().min(10).optional(),
  /** A session ends after this many hours without use … */
  API_SESSION_IDLE_H: z.coerce.number().positive().max(24 * 30).default(12),
  /** … and this many hours after login at the latest. */
  API_SESSION_MAX_H: z.coerce.number().positive().max(24 * 365).default(24 * 7),
  /** `true` behind HTTPS: the session cookie is then `Secure`. */
  API_COOKIE_SECURE: z.enum(['true', 'false']).default('false'),
});
export type ApiEnv = z.infer<typeof apiEnv>;

/** Session lifetimes of the environment [ms]. */
export function sessionTimes(env: ApiEnv): { sessionIdleMs: number; sessionMaxMs: number } {
  return { sessionIdleMs: env.API_SESSION_IDLE_H * HOUR_MS, sessionMaxMs: env.API_SESSION_MAX_H * HOUR_MS };
}
