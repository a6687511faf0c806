import type { DegasserTelemetry, FilterBoxTelemetry } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import type { DeviceHarness } from './device-harness.js';
import { eventsOf, harnessWith, MIN, valuesOf, XX } from './xingxian.fixture.js';

type D = DegasserTelemetry['v'];
type F = FilterBoxTelemetry['v'];

/** The Yuantai line with its furnaces full, run until a drop has been casting for `castMin`. */
function casting(castMin = 10): DeviceHarness {
  const h = harnessWith(
    [[XX.yuantaiFurnace(1), 'holding-furnace'], [XX.yuantaiFurnace(2), 'holding-furnace'], [XX.degasser, 'degasser'], [XX.filterPlate, 'filter-box'], [XX.filterTube, 'filter-box'], [XX.dcCaster, 'dc-caster']],
    { params: { site: { virtualCrucibles: 0, initialOtherFill: [0.9, 0.9] } } },
  );
  h.start();
  for (let i = 0; i < 60 && h.device(XX.dcCaster).state?.(h.clock.now())?.['mode'] !== 'cast'; i++) h.run(MIN);
  h.run(castMin * MIN);
  return h;
}

/** H₂ samples (value, time) taken after `sinceMs`. */
function samplesAfter(h: DeviceHarness, sinceMs: number): { h2: number; at: number }[] {
  const seen = new Map<number, number>();
  for (const v of valuesOf<D>(h, XX.degasser)) if (v.h2Ts !== null && v.h2Ts > sinceMs && v.h2 !== null) seen.set(v.h2Ts, v.h2);
  return [...seen].map(([at, h2]) => ({ at, h2 }));
}

describe('inline degasser (domain.md §2.3.4)', () => {
  it('removes ≈ 60 % of the hydrogen at 450 rpm / 15 NL/min and samples H₂ every 10 min', () => {
    const h = casting(5);
    const t = h.clock.now();
    h.run(40 * MIN);
    const samples = samplesAfter(h, t);
    expect(samples.length).toBeGreaterThanOrEqual(3);
    expect((samples[1]?.at ?? 0) - (samples[0]?.at ?? 0)).toBe(10 * MIN);
    expect(samples.every((s) => s.h2 >= 0.08 && s.h2 <= 0.15)).toBe(true);
    const v = valuesOf<D>(h, XX.degasser).at(-1);
    expect(v?.rpm.every((r) => Math.abs((r ?? 0) - 450) < 10)).toBe(true);
    expect(v?.ar.every((a) => Math.abs((a ?? 0) - 15) < 1)).toBe(true);
    expect(eventsOf(h, XX.degasser, 'h2_sample').length).toBeGreaterThanOrEqual(3);
  });

  it('DEGAS_FAULT (rotor): rpm → 0 and the next sample 5–15 min later reads H₂ > 0.20 mL/100 g', () => {
    const h = casting();
    const t = h.clock.now();
    h.device(XX.degasser).faults?.['DEGAS_FAULT']?.inject(t);
    h.run(30 * MIN);
    expect(valuesOf<D>(h, XX.degasser).at(-1)?.rpm).toEqual([0, 0]);
    const next = samplesAfter(h, t + 5 * MIN)[0];
    expect(next?.at).toBeLessThanOrEqual(t + 15 * MIN);
    expect(next?.h2).toBeGreaterThan(0.2);
  });

  it('DEGAS_FAULT (gas): argon → 0 and H₂ > 0.20 mL/100 g on the next sample', () => {
    const h = casting();
    const t = h.clock.now();
    h.device(XX.degasser).faults?.['DEGAS_FAULT']?.inject(t, { mode: 'gas' });
    h.run(30 * MIN);
    const v = valuesOf<D>(h, XX.degasser).at(-1);
    expect(v?.ar).toEqual([0, 0]);
    expect(v?.rpm.every((r) => (r ?? 0) > 400)).toBe(true);
    expect(samplesAfter(h, t + 5 * MIN)[0]?.h2).toBeGreaterThan(0.2);
  });

  it('H2_HIGH: high incoming hydrogen gives H₂ > 0.20 mL/100 g with the rotors running', () => {
    const h = casting();
    const t = h.clock.now();
    h.device(XX.degasser).faults?.['H2_HIGH']?.inject(t, { h2In: 0.6 });
    h.run(30 * MIN);
    expect(samplesAfter(h, t + 5 * MIN)[0]?.h2).toBeGreaterThan(0.2);
  });
});

describe('filter box (domain.md §2.3.4)', () => {
  it('primes at 100–200 mm, then runs near 8 mm head loss, rising slowly with metal through', () => {
    const h = casting(0);
    const flowing = valuesOf<F>(h, XX.filterPlate).filter((v) => (v.dpMm ?? 0) > 0);
    expect(flowing[0]?.dpMm).toBeGreaterThan(100);
    h.run(30 * MIN);
    const v = valuesOf<F>(h, XX.filterPlate).at(-1);
    expect(v?.dpMm).toBeGreaterThan(7);
    expect(v?.dpMm).toBeLessThan(12);
    expect(v?.ppi).toEqual([30, 50]);
    expect(valuesOf<F>(h, XX.filterTube).at(-1)?.ppi).toEqual([50]);
    expect(v?.metalT).toBeGreaterThan(3);
    expect((v?.tIn ?? 0) - (v?.tOut ?? 0)).toBeGreaterThan(1);
  });

  it('FILTER_DP_HIGH: head loss rises from ≈ 8 to > 25–40 mm over tens of minutes, the upstream launder level with it', () => {
    const h = casting();
    const before = valuesOf<F>(h, XX.filterPlate).at(-1);
    h.device(XX.filterPlate).faults?.['FILTER_DP_HIGH']?.inject(h.clock.now());
    h.run(10 * MIN);
    expect(valuesOf<F>(h, XX.filterPlate).at(-1)?.dpMm).toBeLessThan(25); // tens of minutes, not a step
    h.run(30 * MIN);
    const after = valuesOf<F>(h, XX.filterPlate).at(-1);
    expect(after?.dpMm).toBeGreaterThan(25);
    expect(after?.dpMm).toBeLessThan(52);
    expect((after?.lvlUpMm ?? 0) - (before?.lvlUpMm ?? 0)).toBeGreaterThan(15);
    expect(valuesOf<F>(h, XX.filterTube).at(-1)?.dpMm).toBeLessThan(12);
  });
});
