import { loadConfig } from '@plantwatch/platform';
import { describe, expect, it } from 'vitest';
import { brokerEnvSchema, brokerOptionsFromEnv } from './broker.config.js';
import { testPlant } from './test-support/broker-kit.js';

describe('broker environment', () => {
  const plant = testPlant();

  it('needs only the plant model path; the rest has deployment defaults', () => {
    const env = loadConfig(brokerEnvSchema, { PLANTWATCH_PLANT_MODEL: '/etc/plantwatch/plant.json' });
    expect(brokerOptionsFromEnv(env, plant)).toMatchObject({ host: '0.0.0.0', tcpPort: 1883, wsPort: 8083, maxPacketBytes: 262_144, publishRate: 2000 });
  });

  it('reads every variable, with "off" disabling WebSocket', () => {
    const env = loadConfig(brokerEnvSchema, {
      PLANTWATCH_PLANT_MODEL: 'plant.json',
      BROKER_HOST: '127.0.0.1',
      BROKER_TCP_PORT: '0',
      BROKER_WS_PORT: 'off',
      BROKER_MAX_PACKET_BYTES: '65536',
      BROKER_PUBLISH_RATE: '500',
      BROKER_STATS_INTERVAL_MS: '0',
    });
    expect(brokerOptionsFromEnv(env, plant)).toMatchObject({ host: '127.0.0.1', tcpPort: 0, wsPort: null, maxPacketBytes: 65_536, publishRate: 500, publishBurst: 500, statsIntervalMs: 0 });
  });

  it('names every bad variable', () => {
    expect(() => loadConfig(brokerEnvSchema, { BROKER_TCP_PORT: '70000', BROKER_WS_PORT: 'on' })).toThrow(/PLANTWATCH_PLANT_MODEL[\s\S]*BROKER_TCP_PORT[\s\S]*BROKER_WS_PORT/);
  });
});
