import { describe, expect, it } from 'vitest';
import type { SimDevice } from '../sim-device.js';
import { DISCRETE_FACTORIES } from './discrete.factories.js';
import { HUAXIANG_DISCRETE_MIX, JINZHONG_DISCRETE_MIX, OTHER_FAMILY_RATES, type MixGroup } from './discrete.mix.js';
import { HOUR, MINUTE, T0, runDevices, testContext, testDevice } from './discrete.test-kit.js';

/** Devices sampled per group (whole lines where devices share a model). */
const SAMPLE = 7;
const WARM_UP = 10 * MINUTE;

/**
 * Steady msg/s of a mix: sample devices of each group run as the runtime would (streams at their
 * periods, retained state published on change) for `durationMs`; each group's per-device rate
 * after a warm-up, times its count. Returns the rate per group label and the total.
 */
function steadyRate(mix: readonly MixGroup[], durationMs: number): { total: number; byType: Record<string, number> } {
  const context = testContext(7);
  const sampled = mix.map((group) => {
    const n = Math.min(group.count, group.unit ?? SAMPLE);
    const devices = Array.from({ length: n }, (_, i) => (DISCRETE_FACTORIES[group.type] ?? expect.fail(`no factory for ${group.type}`))(testDevice(group.keyOf(i), group.type, group.paramsOf?.(i)), context));
    return { group, devices };
  });
  const out = runDevices(sampled.flatMap((s) => s.devices), durationMs);
  const byType: Record<string, number> = {};
  let total = 0;
  for (const { group, devices } of sampled) {
    const messages = devices.reduce((sum, d: SimDevice) => sum + (out.get(d) ?? []).filter((m) => m.payload.ts >= T0 + WARM_UP).length, 0);
    const rate = (messages / devices.length / ((durationMs - WARM_UP) / 1000)) * group.count;
    byType[group.type] = (byType[group.type] ?? 0) + rate;
    total += rate;
  }
  return { total, byType };
}

describe('steady message rates of the scenario mixes (domain.md §2.7, §4.2, §4.4)', () => {
  it('huaxiang-5g-factory: ≈ 660 msg/s ± 10 % without the gateways’ own 15 (CNC ≈ 320, vibration 60, foundry 30, robots 50, stations 90, AGV 40 …)', () => {
    const { total, byType } = steadyRate(HUAXIANG_DISCRETE_MIX, HOUR + WARM_UP);
    const withMeters = total + OTHER_FAMILY_RATES.huaxiangEnergyMeters;
    expect(withMeters).toBeGreaterThan(660 * 0.9);
    expect(withMeters).toBeLessThan(660 * 1.1);
    expect(byType['cnc']).toBeGreaterThan((320 + 60) * 0.9); // telemetry + part events + vibration + state
    expect(byType['cnc']).toBeLessThan((320 + 60) * 1.15);
    expect(byType['foundry-unit']).toBeGreaterThan(27);
    expect(byType['foundry-unit']).toBeLessThan(33);
    expect(byType['robot']).toBeGreaterThan(50);
    expect(byType['robot']).toBeLessThan(56);
    expect(byType['assembly-station']).toBeGreaterThan(81);
    expect(byType['assembly-station']).toBeLessThan(99);
    expect(byType['agv']).toBeGreaterThan(40);
    expect(byType['agv']).toBeLessThan(44);
  }, 120_000);

  it('jinzhong-smart-line: ≈ 20–40 msg/s ± 10 %, per-part events at 8 s / 12 s takt, 3 curves per part, frame 1 s, benches 1 s + batches, glass 5 s', () => {
    const { total, byType } = steadyRate(JINZHONG_DISCRETE_MIX, HOUR + WARM_UP);
    const withMeters = total + OTHER_FAMILY_RATES.jinzhongEnergyMeters;
    expect(withMeters).toBeGreaterThan(20 * 0.9);
    expect(withMeters).toBeLessThan(40 * 1.1);
    // Curves: 3 per part on each line (8 s and 12 s takt, availability ≈ 85–95 %).
    expect(byType['press-fit']).toBeGreaterThan(3 * (1 / 8 + 1 / 12) * 0.8 * 2 + 6 * 0.2 - 0.2);
    expect(byType['spinning-frame']).toBeGreaterThanOrEqual(1);
    expect(byType['test-bench']).toBeGreaterThan(4);
  }, 120_000);
});
