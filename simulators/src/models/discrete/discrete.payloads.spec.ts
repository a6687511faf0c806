import { deviceMeta, DISCRETE_PAYLOADS, pressFitCurve } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import type { SimDevice } from '../sim-device.js';
import { DISCRETE_FACTORIES } from './discrete.factories.js';
import { HUAXIANG_DISCRETE_MIX, JINZHONG_DISCRETE_MIX } from './discrete.mix.js';
import { HOUR, T0, parseWithSchema, runDevices, testContext, testDevice, type Published } from './discrete.test-kit.js';

/**
 * One device of each distinct (type, params) of both mixes — line stations keep their line, so a
 * Huaxiang line of 5 roles and a Jingwei line of 6 — enough to see every payload kind.
 */
function sampleDevices(seed: number): SimDevice[] {
  const context = testContext(seed);
  const seen = new Set<string>();
  const devices: SimDevice[] = [];
  const jinzhong = JINZHONG_DISCRETE_MIX.filter((g) => !g.keyOf(0).includes('legacy'));
  for (const group of [...HUAXIANG_DISCRETE_MIX, ...jinzhong]) {
    for (let i = 0; i < Math.min(group.count, group.unit ?? 1); i++) {
      const params: Record<string, string | number | boolean> = { ...group.paramsOf?.(i), ...(group.type === 'test-bench' ? { batchMs: 1_000 } : {}) }; // same schema, fewer batches
      delete params['pos'];
      const kind = `${group.type} ${JSON.stringify(params)}`;
      if (seen.has(kind)) continue;
      seen.add(kind);
      devices.push((DISCRETE_FACTORIES[group.type] ?? expect.fail(group.type))(testDevice(group.keyOf(i), group.type, params), context));
    }
  }
  return devices;
}

describe('discrete payloads (domain.md §3.3, §3.4)', () => {
  it('every device type publishes payloads that parse with their registry schemas over an 8-h shift', () => {
    const devices = sampleDevices(42);
    const seen = new Set<string>();
    runDevices(devices, 8 * HOUR, {
      onMessage: (device, message) => {
        parseWithSchema(device.type, message);
        seen.add(`${device.type} ${message.topic}`);
      },
    });
    for (const device of devices) {
      expect(deviceMeta.safeParse(device.meta(T0 + 8 * HOUR)).success).toBe(true);
      expect(device.meta(T0).v.type).toBe(device.type);
    }
    for (const [type, topics] of Object.entries(DISCRETE_PAYLOADS)) for (const topic of Object.keys(topics)) expect(seen, `${type} ${topic}`).toContain(`${type} ${topic}`);
  }, 180_000);

  it('sends press-fit curves of 200–500 points, 3–5 kB, at a fixed displacement step (§2.7, §3.9)', () => {
    const devices = sampleDevices(3).filter((d) => d.type === 'press-fit');
    const curves = [...runDevices(devices, HOUR).values()].flat().filter((m: Published) => m.topic === 'event/curve');
    expect(curves.length).toBeGreaterThan(300); // one press left after de-duplication: 450 parts/h at 8 s
    for (const m of curves) {
      const { v } = pressFitCurve.parse(m.payload);
      expect(v.f.length).toBeGreaterThanOrEqual(200);
      expect(v.f.length).toBeLessThanOrEqual(500);
      const bytes = JSON.stringify(m.payload).length;
      expect(bytes).toBeGreaterThan(3_000);
      expect(bytes).toBeLessThan(5_000);
    }
  });

  it('is deterministic: the same seed gives the same messages, another seed different ones', () => {
    const run = (seed: number): string => JSON.stringify([...runDevices(sampleDevices(seed), HOUR / 4).values()]);
    expect(run(11)).toBe(run(11));
    expect(run(11)).not.toBe(run(12));
  }, 120_000);
});
