import type { PlantIndex } from '@plantwatch/domain';
import { z } from 'zod';
import { defaultBrokerOptions, type BrokerOptions } from './broker.js';

const port = z.coerce.number().int().min(0).max(65_535);

/**
 * Environment of the broker process, validated once by `loadConfig` (@plantwatch/platform).
 * Unset variables fall back to {@link defaultBrokerOptions}, except the host: a deployed
 * broker listens on every interface.
 */
export const brokerEnvSchema = z.object({
  /** Path of the plant model JSON (devices, services, secret hashes). */
  PLANTWATCH_PLANT_MODEL: z.string().min(1),
  BROKER_HOST: z.string().min(1).default('0.0.0.0'),
  BROKER_TCP_PORT: port.default(defaultBrokerOptions.tcpPort),
  /** `off` disables MQTT over WebSocket. */
  BROKER_WS_PORT: z.union([z.literal('off'), port]).default(defaultBrokerOptions.wsPort),
  BROKER_MAX_PACKET_BYTES: z.coerce.number().int().min(1024).default(defaultBrokerOptions.maxPacketBytes),
  /** PUBLISH packets per second per client; the burst allowance is the same number. */
  BROKER_PUBLISH_RATE: z.coerce.number().positive().default(defaultBrokerOptions.publishRate),
  /** How often stats are published retained on `$SYS/plantwatch/broker/stats`; 0 = never. */
  BROKER_STATS_INTERVAL_MS: z.coerce.number().int().min(0).default(defaultBrokerOptions.statsIntervalMs),
});

export type BrokerEnv = z.infer<typeof brokerEnvSchema>;

/** Maps the validated environment to {@link BrokerOptions}. */
export function brokerOptionsFromEnv(env: BrokerEnv, plant: PlantIndex): BrokerOptions {
  return {
    plant,
    host: env.BROKER_HOST,
    tcpPort: env.BROKER_TCP_PORT,
    wsPort: env.BROKER_WS_PORT === 'off' ? null : env.BROKER_WS_PORT,
    maxPacketBytes: env.BROKER_MAX_PACKET_BYTES,
    publishRate: env.BROKER_PUBLISH_RATE,
    publishBurst: Math.max(1, env.BROKER_PUBLISH_RATE),
    statsIntervalMs: env.BROKER_STATS_INTERVAL_MS,
  };
}
