import { z } from 'zod';

/** Environment of the one-machine stack launcher (`npm start`). */
export const stackEnv = z.object({
  PLANTWATCH_DATA_DIR: z.string().default('./data'),
  /** `embedded` (DuckDB under the data dir, no server) or `influx`. */
  STORE: z.enum(['influx', 'embedded']).default('embedded'),
  INFLUX_URL: z.string().url().default('http://127.0.0.1:8086'),
  INFLUX_DB: z.string().default('plantwatch'),
  BROKER_TCP_PORT: z.coerce.number().int().min(1).max(65_535).default(1883),
  BROKER_WS_PORT: z.coerce.number().int().min(1).max(65_535).default(8083),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(1).max(65_535).default(8080),
  SIM_SPEED: z.coerce.number().min(1).max(3_600).default(1),
  SIM_SEED: z.coerce.number().int().default(42),
  SIM_PUSH_INTERVAL: z.string().default('2m'),
  SIM_KILNS: z.coerce.number().int().min(1).max(500).default(1),
  /** `skeleton` (one tunnel kiln PLC) or scenario names, comma-separated (`plant-sim scenarios`). */
  SIM_SCENARIO: z.string().regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/).default('skeleton'),
  /** Scenario knobs `knob=value,…` (e.g. `scale=0.1`), passed to `plant-sim init --set`. */
  SIM_SET: z.string().optional(),
});
export type StackEnv = z.infer<typeof stackEnv>;
