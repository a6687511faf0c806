import type { CrucibleTelemetry, HoldingFurnaceTelemetry, RodLineTelemetry } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import type { DeviceHarness } from './device-harness.js';
import { casthouseOf, eventsOf, harnessWith, HOUR, MIN, valuesOf, XX } from './xingxian.fixture.js';

type C = CrucibleTelemetry['v'];
const [A, B, C1, C2, ROD] = [XX.yiheFurnace(1), XX.yiheFurnace(2), XX.crucible(1), XX.crucible(2), XX.rodLine(1)];

/** Furnace A casting at 80 % into rod line 1, partner B at 30 % wanting metal, `crucibles` serving them. */
function supplied(crucibles: number): DeviceHarness {
  const layout: [string, 'crucible'][] = Array.from({ length: crucibles }, (_, i) => [XX.crucible(i + 1), 'crucible']);
  const h = harnessWith([...layout, [A, 'holding-furnace'], [B, 'holding-furnace'], [ROD, 'rod-line']], {
    params: { site: { initialCastingFill: [0.8, 0.8], initialOtherFill: [0.3, 0.3] } },
  });
  h.start();
  return h;
}

/** Runs until crucible `key` is on the road (at most 2 h). */
function untilInTransit(h: DeviceHarness, key: string): void {
  const model = casthouseOf(h).crucible(key);
  for (let i = 0; i < 120 && model.state !== 'in_transit'; i++) h.run(MIN);
  expect(model.state).toBe('in_transit');
}

function distinct<T>(xs: readonly T[]): T[] {
  return xs.filter((x, i) => i === 0 || x !== xs[i - 1]);
}

describe('crucible transit (domain.md §2.3.2)', () => {
  it('runs filling → in transit → pouring → returning, delivering 10 t at 850–920 °C', () => {
    const h = supplied(1);
    h.run(2 * HOUR);
    const values = valuesOf<C>(h, C1);
    const states = distinct(values.map((v) => v.state));
    // `arrived` lasts until the furnace accepts (one physics step here); back at the smelter it is tapped again at once.
    expect(states.slice(0, 4)).toEqual(['filling', 'in_transit', 'pouring', 'returning']);
    expect(['at_smelter', 'filling']).toContain(states[4]);
    const [departed, delivered] = eventsOf(h, C1);
    expect(departed).toMatchObject({ type: 'departed', dest: B, massT: 10 });
    expect(delivered).toMatchObject({ type: 'delivered', furnace: B, massT: 10 });
    expect(delivered?.['tMetal']).toBeGreaterThan(850);
    expect(delivered?.['tMetal']).toBeLessThan(920);
    expect(eventsOf(h, B, 'charged')[0]).toMatchObject({ crucible: 'crucible-01', massT: 10 });
    const transit = values.filter((v) => v.state === 'in_transit');
    expect(transit.length).toBeGreaterThan(30); // 3.2 km at ≈ 18 km/h ≈ 11 min at 10 s
    expect(transit.at(-1)?.etaMin).toBeLessThan(transit[0]?.etaMin ?? 0);
    expect(transit.every((v) => v.lid === 'closed' && v.dest === B && (v.purityPct ?? 0) >= 99.85)).toBe(true);
    expect(values.filter((v) => v.state === 'pouring').every((v) => v.lid === 'open')).toBe(true);
    expect(values.find((v) => v.state === 'returning')).toMatchObject({ tMetal: null, purityPct: null, dest: B });
  });
});

describe('HOT_METAL_SHORTAGE (domain.md §2.3.8, fault-storm t = 10 min)', () => {
  it('road scope: ETA slips, no delivery for 2 h, the casting furnace falls, after 90 min the rod line slows 15 %; recovery after clearing', () => {
    const h = supplied(2);
    untilInTransit(h, C1);
    const eta0 = valuesOf<C>(h, C1).at(-1)?.etaMin ?? 0;
    const level0 = valuesOf<HoldingFurnaceTelemetry['v']>(h, A).at(-1)?.levelMm ?? 0;
    h.device(C1).faults?.['HOT_METAL_SHORTAGE']?.inject(h.clock.now(), { repairMin: 120 });
    h.reset();
    h.run(2 * HOUR);
    expect(eventsOf(h, C1, 'breakdown')).toHaveLength(1);
    expect(eventsOf(h, C1, 'delivered').concat(eventsOf(h, C2, 'delivered'))).toEqual([]);
    expect(eventsOf(h, C2, 'departed')).toEqual([]);
    const stuck = valuesOf<C>(h, C1);
    expect(stuck[0]?.etaMin).toBeGreaterThan(eta0 + 60);
    expect(new Set(stuck.map((v) => v.state))).toEqual(new Set(['breakdown']));
    const lats = stuck.map((v) => v.pos[0]);
    expect(Math.max(...lats) - Math.min(...lats)).toBeLessThan(0.0002); // standing still: GPS noise only
    expect(level0 - (valuesOf<HoldingFurnaceTelemetry['v']>(h, A).at(-1)?.levelMm ?? 0)).toBeGreaterThan(90); // ≈ 8 t at 13 mm/t
    const rod = valuesOf<RodLineTelemetry['v']>(h, ROD).at(-1);
    expect(rod?.tph).toBeCloseTo(4.2 * 0.85, 1);
    expect(valuesOf<{ mode: string }>(h, ROD, 'state').at(-1)?.mode).toBe('slow');
    h.device(C1).faults?.['HOT_METAL_SHORTAGE']?.clear(h.clock.now());
    h.run(HOUR);
    expect(eventsOf(h, C1, 'delivered')).toHaveLength(1);
    expect(valuesOf<RodLineTelemetry['v']>(h, ROD).at(-1)?.tph).toBeCloseTo(4.2, 1);
  });

  it('truck scope: only the broken-down crucible stops, the other one keeps delivering', () => {
    const h = supplied(2);
    untilInTransit(h, C1);
    h.device(C1).faults?.['HOT_METAL_SHORTAGE']?.inject(h.clock.now(), { scope: 'truck' });
    h.run(2 * HOUR);
    expect(valuesOf<C>(h, C1).at(-1)?.state).toBe('breakdown');
    expect(eventsOf(h, C2, 'delivered').length).toBeGreaterThan(0);
  });
});
