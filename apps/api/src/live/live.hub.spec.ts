import { buildTopic, parseTopic } from '@plantwatch/contracts';
import { PlantIndex, type ValidEnvelope } from '@plantwatch/domain';
import { describe, expect, it } from 'vitest';
import { LiveHub } from './live.hub.js';

const KEY = 'huaxiang/hx-plant/machining/l1/gw/gateway';
const plant = new PlantIndex({ version: 1, name: 'test', nodes: {}, devices: [{ key: KEY, type: 'gateway-5g', name: 'GW', secretSha256: 'a'.repeat(64) }], services: [] });
const topic = parseTopic(buildTopic({ enterprise: 'huaxiang', site: 'hx-plant', area: 'machining', line: 'l1', cell: 'gw', device: 'gateway', cls: 'telemetry', sub: ['link'] }));
const envelope = (ts: number, stale?: boolean): ValidEnvelope => ({ ts, seq: ts, v: { rsrp: -90 }, ...(stale ? { stale } : {}) });

describe('LiveHub', () => {
  it('marks a gateway-replayed value as stale, never replaces a newer value with an older one', () => {
    const hub = new LiveHub(plant);
    hub.update(topic, envelope(1_000, true));
    const [first] = hub.drain(() => true, 5_000);
    expect(first?.values[0]).toMatchObject({ ts: 1_000, stale: true, ageMs: 4_000 });
    hub.update(topic, envelope(6_000));
    hub.update(topic, envelope(2_000, true));
    const [second] = hub.drain(() => true, 6_500);
    expect(second?.values).toHaveLength(1);
    expect(second?.values[0]).toMatchObject({ ts: 6_000, ageMs: 500 });
    expect(second?.values[0]).not.toHaveProperty('stale');
  });
});
