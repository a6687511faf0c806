import type { DcCasterTelemetry } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import type { DeviceHarness } from './device-harness.js';
import type { CommandDecision } from '../sim-device.js';
import { command, eventsOf, harnessWith, HOUR, MIN, valuesOf, XX } from './xingxian.fixture.js';

type V = DcCasterTelemetry['v'];
const DC = XX.dcCaster;

/** Yuantai: two furnaces at 90 % (enough for five drops), melt treatment, the caster; no crucibles. */
function yuantai(): DeviceHarness {
  const h = harnessWith(
    [[XX.yuantaiFurnace(1), 'holding-furnace'], [XX.yuantaiFurnace(2), 'holding-furnace'], [XX.degasser, 'degasser'], [XX.filterPlate, 'filter-box'], [DC, 'dc-caster']],
    { params: { site: { virtualCrucibles: 0, initialOtherFill: [0.9, 0.9] } } },
  );
  h.start();
  return h;
}

const phase = (h: DeviceHarness): unknown => h.device(DC).state?.(h.clock.now())?.['mode'];

/** Runs until the caster is in steady casting (past the start ramp) plus `extraMs`. */
function untilCasting(h: DeviceHarness, extraMs = 5 * MIN): void {
  for (let i = 0; i < 120 && phase(h) !== 'cast'; i++) h.run(MIN);
  expect(phase(h)).toBe('cast');
  h.run(extraMs);
}

describe('DC caster cast cycle (domain.md §2.3.5)', () => {
  it('produces cast_start … cast_end of a 6-m drop in ≈ 1.8 h, 1-s telemetry while casting and 30-s idle', () => {
    const h = yuantai();
    h.run(5 * HOUR);
    const events = eventsOf(h, DC);
    const start = events.find((e) => e['type'] === 'cast_start');
    const end = events.find((e) => e['type'] === 'cast_end');
    expect(start?.['castId']).toMatch(/^DC1-240610-01$/);
    expect(end).toMatchObject({ castId: start?.['castId'], result: 'ok', lengthMm: 6_000 });
    expect(end?.['durMin']).toBeGreaterThan(100);
    expect(end?.['durMin']).toBeLessThan(125);
    expect(end?.['massT']).toBeCloseTo(13.7, 0);
    const telemetry = h.of(DC, 'telemetry') as { ts: number; v: V }[];
    const casting = telemetry.filter((p) => p.v.phase === 'cast');
    const steady = casting.find((p) => (p.v.posMm ?? 0) > 3_000) as { ts: number; v: V };
    expect((casting[101]?.ts ?? 0) - (casting[100]?.ts ?? 0)).toBe(1_000);
    expect(Math.abs((steady.v.speed ?? 0) - 55)).toBeLessThan(1.5);
    expect(steady.v.level.every((l) => (l ?? 0) > 60 && (l ?? 0) < 80)).toBe(true);
    expect(steady.v.water.every((w) => Math.abs((w ?? 0) - 120) < 6)).toBe(true);
    const rise = (steady.v.tWaterOut[0] ?? 0) - (steady.v.tWaterIn ?? 0);
    expect(rise).toBeGreaterThan(3);
    expect(rise).toBeLessThan(10);
    expect(steady.v.tLaunder).toBeGreaterThan(690);
    expect(steady.v.tLaunder).toBeLessThan(720);
    const idle = telemetry.filter((p) => p.v.phase === 'prep');
    expect((idle[3]?.ts ?? 0) - (idle[2]?.ts ?? 0)).toBe(30_000);
  });
});

describe('DC caster command set-cast-speed (domain.md §3.5)', () => {
  it('is applied when the table runs at the new speed; rejected outside 30–80 mm/min', () => {
    const h = yuantai();
    untilCasting(h);
    const now = h.clock.now();
    const set = h.device(DC).commands?.['set-cast-speed'];
    expect(set?.(command(90, now), now)).toMatchObject({ status: 'rejected', code: 'OUT_OF_RANGE' });
    expect(set?.(command(25, now), now)).toMatchObject({ status: 'rejected', code: 'OUT_OF_RANGE' });
    const decision = set?.(command(60, now), now) as CommandDecision;
    expect(decision).toMatchObject({ status: 'accepted', prev: 55 });
    if (decision.status !== 'accepted') return;
    expect(decision.progress(now)).toBeUndefined();
    h.run(2 * MIN);
    expect(decision.progress(h.clock.now())).toMatchObject({ status: 'applied', value: 60 });
    expect(Math.abs((valuesOf<V>(h, DC).at(-1)?.speed ?? 0) - 60)).toBeLessThan(1.5);
  });
});

describe('DC caster faults (domain.md §2.3.8)', () => {
  it('BLEEDOUT: critical event within 1 s, the mould level drops > 10 mm in 2 s, its outlet water +5–15 °C, the cast stops', () => {
    const h = yuantai();
    untilCasting(h);
    h.reset();
    const t = h.clock.now();
    h.device(DC).faults?.['BLEEDOUT']?.inject(t, { mould: 4 });
    h.run(5 * MIN);
    const bleed = h.messages.find((m) => m.topic === 'event' && (m.payload as { v: { type: string } }).v.type === 'bleedout');
    expect(bleed?.payload).toMatchObject({ ts: t, v: { mould: 4, sev: 'critical' } });
    expect((bleed?.atMs ?? Infinity) - t).toBeLessThan(1_000);
    expect(eventsOf(h, DC, 'cast_end')[0]).toMatchObject({ result: 'aborted', cause: 'BLEEDOUT' });
    const after = (h.of(DC, 'telemetry') as { ts: number; v: V }[]).filter((p) => p.ts > t);
    const level = after.map((p) => p.v.level[3] ?? 0);
    expect((level[0] ?? 0) - (level[1] ?? 0)).toBeGreaterThan(10);
    expect(level.at(-1)).toBe(0);
    const outRise = Math.max(...after.slice(0, 20).map((p) => (p.v.tWaterOut[3] ?? 0) - (p.v.tWaterOut[0] ?? 0)));
    expect(outRise).toBeGreaterThan(5);
    expect(outRise).toBeLessThan(15);
    expect(after.at(-1)?.v.phase).toBe('stopped');
    h.run(HOUR);
    expect(eventsOf(h, DC, 'cast_start')).toEqual([]); // no new drop while the bleed-out is not cleared
    h.device(DC).faults?.['BLEEDOUT']?.clear(h.clock.now());
    h.run(HOUR);
    expect(eventsOf(h, DC, 'cast_start')).toHaveLength(1);
  });

  it('COOLING_WATER_LOW: below 70 % of the setpoint → emergency stop; at 80 % the cast goes on', () => {
    const h = yuantai();
    untilCasting(h);
    h.device(DC).faults?.['COOLING_WATER_LOW']?.inject(h.clock.now(), { pct: 80, mould: 3 });
    h.run(MIN);
    expect(valuesOf<V>(h, DC).at(-1)?.water[2]).toBeCloseTo(96, -1);
    expect(eventsOf(h, DC, 'emergency_stop')).toEqual([]);
    h.device(DC).faults?.['COOLING_WATER_LOW']?.inject(h.clock.now(), { pct: 60 });
    h.run(MIN);
    expect(eventsOf(h, DC, 'emergency_stop')[0]).toMatchObject({ cause: 'COOLING_WATER_LOW', sev: 'critical' });
    expect(eventsOf(h, DC, 'cast_end')[0]).toMatchObject({ result: 'aborted', cause: 'COOLING_WATER_LOW' });
    expect(valuesOf<V>(h, DC).at(-1)?.water.every((w) => (w ?? 0) < 0.7 * 120)).toBe(true);
  });

  it('CAST_HANGUP: table load up, position no longer follows the speed', () => {
    const h = yuantai();
    untilCasting(h, 20 * MIN);
    const before = valuesOf<V>(h, DC).at(-1);
    h.device(DC).faults?.['CAST_HANGUP']?.inject(h.clock.now());
    h.run(MIN);
    const after = valuesOf<V>(h, DC).at(-1);
    expect(Math.abs((after?.speed ?? 0) - 55)).toBeLessThan(1.5);
    expect((after?.posMm ?? 0) - (before?.posMm ?? 0)).toBeLessThan(0.2 * 55);
    expect(after?.loadKn).toBeGreaterThan(1.3 * (before?.loadKn ?? Infinity));
  });
});
