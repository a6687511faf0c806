import type { HoldingFurnaceTelemetry } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import type { AluminiumOverrides } from './aluminium.params.js';
import { CasthouseSite } from './casthouse.site.js';
import type { CommandDecision } from '../sim-device.js';
import { casthouseOf, command, eventsOf, harnessWith, HOUR, MIN, T0, valuesOf, XX } from './xingxian.fixture.js';

type V = HoldingFurnaceTelemetry['v'];
const A = XX.yiheFurnace(1);
const B = XX.yiheFurnace(2);
/** Furnace A starts casting at 80 %, its partner B holds at 90 %; no crucible comes. */
const NO_SUPPLY: AluminiumOverrides = { site: { virtualCrucibles: 0, initialCastingFill: [0.8, 0.8], initialOtherFill: [0.9, 0.9] } };

function line(params: AluminiumOverrides = NO_SUPPLY) {
  const h = harnessWith([[A, 'holding-furnace'], [B, 'holding-furnace'], [XX.rodLine(1), 'rod-line']], { params });
  h.start();
  return h;
}

function progressed(decision: CommandDecision, nowMs: number) {
  if (decision.status !== 'accepted') throw new Error(`expected accepted, got ${decision.status}`);
  return decision.progress(nowMs);
}

const span = (xs: number[]): number => Math.max(...xs) - Math.min(...xs);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('holding furnace mass and heat balance (domain.md §2.3.3, §2.3.7)', () => {
  it('falls at 4.2 t/h while the rod line draws and no crucible arrives', () => {
    const site = new CasthouseSite({ site: 'xx-watang', seed: 1, startMs: T0, params: NO_SUPPLY });
    const [a, b, rod] = [site.furnace(A), site.furnace(B), site.rodLine(XX.rodLine(1))];
    site.advance(T0 + 5 * MIN);
    const [mass0, level0] = [a.massT + b.massT, a.levelMm];
    site.advance(T0 + 5 * MIN + 2 * HOUR);
    expect(a.casting && !b.casting).toBe(true);
    expect(mass0 - (a.massT + b.massT)).toBeGreaterThan(8.4 - 0.35); // 4.2 t/h × 2 h, ± the 0.3-t tundish
    expect(mass0 - (a.massT + b.massT)).toBeLessThan(8.4 + 0.35);
    expect(level0 - a.levelMm).toBeGreaterThan(100); // 8.4 t at 13 mm/t
    expect(rod.tph).toBeCloseTo(4.2, 2);
  });

  it('rises on delivery: a crucible pours 10 t plus a solid cooling addition into the furnace that is not casting', () => {
    const site = new CasthouseSite({ site: 'xx-watang', seed: 2, startMs: T0, params: { site: { virtualCrucibles: 0, initialCastingFill: [0.8, 0.8], initialOtherFill: [0.3, 0.3] } } });
    const [a, b, crucible] = [site.furnace(A), site.furnace(B), site.crucible(XX.crucible(1))];
    site.rodLine(XX.rodLine(1));
    site.advance(T0 + 1_000);
    const [massB0, through0] = [b.massT, site.logistics.furnaces.length > 0 ? a.massT : 0];
    let t = T0 + 1_000;
    while (crucible.state !== 'returning' && t < T0 + 2 * HOUR) site.advance((t += 10_000));
    expect(crucible.state).toBe('returning');
    const charged = b.events.next();
    expect(charged?.v).toMatchObject({ type: 'charged', massT: 10 });
    expect(b.massT - massB0).toBeGreaterThan(10);
    expect(a.massT).toBeLessThan(through0); // the casting furnace kept draining and got nothing
    site.advance(t + 20 * MIN);
    expect(b.massT - massB0).toBeLessThan(12); // + 10–20 % of the hot charge as solid metal
    expect(Math.abs(b.tBath - b.spBath)).toBeLessThan(8); // cooled back by the additions
  });

  it('loses 8–20 °C/h without firing and heats at +30–60 °C/h at full fire (40 t)', () => {
    const site = new CasthouseSite({ site: 'xx-watang', seed: 3, startMs: T0, params: { site: { virtualCrucibles: 0, initialOtherFill: [1, 1] } } });
    const f = site.furnace(A);
    site.advance(T0 + MIN);
    f.spBath = 720;
    const t0 = f.tBath;
    site.advance(T0 + MIN + HOUR);
    expect(t0 - f.tBath).toBeGreaterThan(8);
    expect(t0 - f.tBath).toBeLessThan(20);
    f.spBath = 760;
    const t1 = f.tBath;
    site.advance(T0 + MIN + HOUR + 30 * MIN);
    expect((f.tBath - t1) * 2).toBeGreaterThan(30);
    expect((f.tBath - t1) * 2).toBeLessThan(60);
  });
});

describe('holding furnace commands (domain.md §3.5)', () => {
  it('set-bath-sp: accepted with the previous setpoint, applied once the bath is within 3 °C', () => {
    const h = line();
    h.run(MIN);
    const decision = h.device(B).commands?.['set-bath-sp']?.(command(750, h.clock.now()), h.clock.now());
    expect(decision).toMatchObject({ status: 'accepted', prev: 740 });
    expect(progressed(decision as CommandDecision, h.clock.now())).toBeUndefined();
    h.run(40 * MIN);
    expect(progressed(decision as CommandDecision, h.clock.now())).toMatchObject({ status: 'applied', value: 750 });
    expect(valuesOf<V>(h, B).at(-1)?.spBath).toBe(750);
  });

  it('set-bath-sp: rejects values outside 720–760 °C and non-numbers', () => {
    const h = line();
    const set = h.device(B).commands?.['set-bath-sp'];
    expect(set?.(command(780, T0), T0)).toMatchObject({ status: 'rejected', code: 'OUT_OF_RANGE' });
    expect(set?.(command(700, T0), T0)).toMatchObject({ status: 'rejected', code: 'OUT_OF_RANGE' });
    expect(set?.(command('hot', T0), T0)).toMatchObject({ status: 'rejected', code: 'BAD_REQUEST' });
  });

  it('tilt-to: a holding furnace tilts and taps; a casting one refuses (automatic tilt); out of range is rejected', () => {
    const h = line();
    h.run(MIN);
    const now = h.clock.now();
    const tilt = (key: string, value: number) => h.device(key).commands?.['tilt-to']?.(command(value, now), now);
    expect(tilt(A, 10)).toMatchObject({ status: 'rejected', code: 'INTERLOCK' });
    expect(tilt(B, 30)).toMatchObject({ status: 'rejected', code: 'OUT_OF_RANGE' });
    const decision = tilt(B, 10) as CommandDecision;
    expect(decision).toMatchObject({ status: 'accepted', prev: 0 });
    h.run(30_000);
    expect(progressed(decision, h.clock.now())).toMatchObject({ status: 'applied', value: 10 });
    const last = valuesOf<V>(h, B).at(-1);
    expect(last?.mode).toBe('tapping');
    expect(last?.flowTph).toBeGreaterThan(5);
  });
});

describe('holding furnace faults (domain.md §2.3.8)', () => {
  it('MELT_TEMP_HIGH: bath > 800 °C, casting blocked (the line moves to the partner) until cooling additions bring it < 760 °C', () => {
    const h = line();
    h.run(5 * MIN);
    h.device(A).faults?.['MELT_TEMP_HIGH']?.inject(h.clock.now());
    h.run(30 * MIN);
    const hot = valuesOf<V>(h, A).at(-1);
    expect(hot?.tBath).toBeGreaterThan(800);
    expect(hot?.mode).toBe('holding');
    expect(valuesOf<V>(h, B).at(-1)?.mode).toBe('casting');
    expect(valuesOf<{ castBlocked: boolean }>(h, A, 'state').at(-1)?.castBlocked).toBe(true);
    h.device(A).faults?.['MELT_TEMP_HIGH']?.clear(h.clock.now());
    h.run(20 * MIN);
    expect(valuesOf<V>(h, A).at(-1)?.tBath).toBeLessThan(760);
    expect(valuesOf<{ castBlocked: boolean }>(h, A, 'state').at(-1)?.castBlocked).toBe(false);
  });

  it('REGEN_SWITCH_FAULT: switch-over stops, one outlet > 300 °C, roof swings ±50 °C, gas +15–30 %', () => {
    const h = line();
    h.run(30 * MIN);
    h.reset();
    h.run(30 * MIN);
    const before = valuesOf<V>(h, B);
    expect(new Set(before.map((v) => v.regenSide)).size).toBe(2);
    expect(Math.max(...before.flatMap((v) => v.tRegenOut.map((t) => t ?? 0)))).toBeLessThan(260);
    h.device(B).faults?.['REGEN_SWITCH_FAULT']?.inject(h.clock.now(), { side: 'A', gasPct: 20 });
    h.run(10 * MIN);
    h.reset();
    h.run(30 * MIN);
    const after = valuesOf<V>(h, B);
    expect(new Set(after.map((v) => v.regenSide))).toEqual(new Set(['A']));
    expect(Math.min(...after.map((v) => v.tRegenOut[1] ?? 0))).toBeGreaterThan(300);
    expect(span(after.slice(0, 60).map((v) => v.tRoof ?? 0))).toBeGreaterThan(80);
    const ratio = mean(after.map((v) => v.gas ?? 0)) / mean(before.map((v) => v.gas ?? 0));
    expect(ratio).toBeGreaterThan(1.15);
    expect(ratio).toBeLessThan(1.3);
  });

  it('TILT_FAULT: tilt frozen, launder flow → 0 (the partner takes over), tilt commands fail', () => {
    const h = line();
    h.run(5 * MIN);
    h.device(A).faults?.['TILT_FAULT']?.inject(h.clock.now());
    h.reset();
    h.run(10 * MIN);
    const frozen = valuesOf<V>(h, A);
    expect(span(frozen.map((v) => v.tiltDeg ?? 0))).toBeLessThanOrEqual(0.3);
    expect(frozen.at(-1)?.tiltDeg).toBeGreaterThan(3);
    expect(frozen.at(-1)?.flowTph).toBe(0);
    expect(frozen.at(-1)?.mode).toBe('holding'); // the line moved to the partner
    expect(valuesOf<V>(h, B).at(-1)?.flowTph).toBeCloseTo(4.2, 1);
    const now = h.clock.now();
    const decision = h.device(A).commands?.['tilt-to']?.(command(0, now), now) as CommandDecision;
    h.run(5_000);
    expect(progressed(decision, h.clock.now())).toMatchObject({ status: 'failed', code: 'DRIVE_FAULT' });
  });

  it('FURNACE_LEAK: one shell TC +100 °C, level falling without casting', () => {
    const h = line();
    h.run(5 * MIN);
    const levels = (): number => mean(valuesOf<V>(h, B).slice(-15).map((v) => v.levelMm ?? 0));
    const [before, levelBefore] = [valuesOf<V>(h, B).at(-1), levels()];
    h.device(B).faults?.['FURNACE_LEAK']?.inject(h.clock.now(), { leakTph: 2, tc: 2 });
    h.run(HOUR);
    const after = valuesOf<V>(h, B).at(-1);
    expect(after?.mode).toBe('holding');
    expect(levelBefore - levels()).toBeGreaterThan(22); // 2 t/h × 13 mm/t ≈ 26 mm
    expect((after?.tShell[1] ?? 0) - (before?.tShell[1] ?? 0)).toBeGreaterThan(80);
    expect(Math.abs((after?.tShell[0] ?? 0) - (before?.tShell[0] ?? 0))).toBeLessThan(10);
    expect(eventsOf(h, B)).toEqual([]);
    expect(casthouseOf(h).furnace(B).faults.leak).toBeDefined();
  });
});
