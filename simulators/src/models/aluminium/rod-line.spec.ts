import type { RodLineTelemetry } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import type { AluminiumOverrides } from './aluminium.params.js';
import type { DeviceHarness } from './device-harness.js';
import { eventsOf, harnessWith, MIN, valuesOf, XX } from './xingxian.fixture.js';

type V = RodLineTelemetry['v'];
const ROD = XX.rodLine(1);

function rodLine(params: AluminiumOverrides = { site: { virtualCrucibles: 0, initialCastingFill: [0.8, 0.8], initialOtherFill: [0.9, 0.9] } }): DeviceHarness {
  const h = harnessWith([[XX.yiheFurnace(1), 'holding-furnace'], [XX.yiheFurnace(2), 'holding-furnace'], [ROD, 'rod-line']], { params });
  h.start();
  return h;
}

const mode = (h: DeviceHarness): unknown => valuesOf<{ mode: string }>(h, ROD, 'state').at(-1)?.mode;

describe('rod line (domain.md §2.3.6–2.3.7)', () => {
  it('casts 4.2 t/h of Ø9.5 rod with mass flow conserved from wheel to coiler', () => {
    const h = rodLine();
    h.run(10 * MIN);
    const v = valuesOf<V>(h, ROD).at(-1);
    expect(v).toMatchObject({ tph: 4.2, rodDiaMm: 9.5 });
    expect(v?.barSpeed).toBeGreaterThan(8);
    expect(v?.barSpeed).toBeLessThan(12);
    expect(v?.rodSpeed).toBeGreaterThan(4);
    expect(v?.rodSpeed).toBeLessThan(6.2);
    expect(v?.tMillIn).toBeGreaterThan(460);
    expect(v?.tMillIn).toBeLessThan(520);
    expect(mode(h)).toBe('run');
  });

  it('slows by 15 % when its casting furnace is below 20 % and the partner is not ready', () => {
    const h = rodLine({ site: { virtualCrucibles: 0, initialCastingFill: [0.18, 0.18], initialOtherFill: [0.3, 0.3] } });
    h.run(10 * MIN);
    expect(valuesOf<V>(h, ROD).at(-1)?.tph).toBeCloseTo(4.2 * 0.85, 1);
    expect(mode(h)).toBe('slow');
  });
});

describe('rod line faults (domain.md §2.3.8)', () => {
  it('WHEEL_COOLING_LOW: bar exit T +30–80 °C, mill entry out of range, then the rod breaks', () => {
    const h = rodLine();
    h.run(5 * MIN);
    const before = valuesOf<V>(h, ROD).at(-1);
    h.device(ROD).faults?.['WHEEL_COOLING_LOW']?.inject(h.clock.now(), { deltaC: 60, breakAfterMin: 15 });
    h.run(10 * MIN);
    const hot = valuesOf<V>(h, ROD).at(-1);
    const rise = (hot?.tBarOut ?? 0) - (before?.tBarOut ?? 0);
    expect(rise).toBeGreaterThan(30);
    expect(rise).toBeLessThan(80);
    expect(hot?.tMillIn).toBeGreaterThan(520);
    expect(eventsOf(h, ROD, 'rod_break')).toEqual([]);
    h.run(6 * MIN);
    expect(eventsOf(h, ROD, 'rod_break')[0]).toMatchObject({ cause: 'WHEEL_COOLING_LOW' });
    expect(valuesOf<V>(h, ROD).at(-1)?.rodSpeed).toBe(0);
  });

  it('ROD_BREAK: motor power spikes then drops to no load, rod speed 0 (mismatch), coiler stops; restarts when cleared', () => {
    const h = rodLine();
    h.run(5 * MIN);
    h.reset();
    const t = h.clock.now();
    h.device(ROD).faults?.['ROD_BREAK']?.inject(t);
    h.run(2 * MIN);
    const after = h.of(ROD, 'telemetry') as { ts: number; v: V }[];
    expect(Math.max(...after.slice(0, 3).map((p) => p.v.millKw ?? 0))).toBeGreaterThan(1.5 * 288);
    const settled = after.at(-1)?.v;
    expect(settled?.millKw).toBeLessThan(70);
    expect(settled?.millA).toBeLessThan(150);
    expect(settled?.rodSpeed).toBe(0);
    expect(settled?.coilT).toBe(after.at(-20)?.v.coilT);
    expect(eventsOf(h, ROD, 'rod_break')).toHaveLength(1);
    expect(mode(h)).toBe('stopped');
    h.device(ROD).faults?.['ROD_BREAK']?.clear(h.clock.now());
    h.run(15 * MIN);
    expect(valuesOf<V>(h, ROD).at(-1)?.tph).toBeGreaterThan(4);
    expect(mode(h)).toBe('run');
  });
});
