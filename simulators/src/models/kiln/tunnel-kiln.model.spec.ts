import { tunnelKilnCombustion, tunnelKilnProfile } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../kit/rng.js';
import { HOUR, MINUTE, QUIET, SECOND, START } from './kiln.spec-kit.js';
import { TunnelKilnModel, zeroCrossingM } from './tunnel-kiln.model.js';
import { recipeKnots } from './tunnel-kiln.params.js';
import { combustionReading, profileReading } from './tunnel-kiln.payloads.js';

function profileAt(model: TunnelKilnModel, now: number, seed = 1) {
  model.advance(now);
  return tunnelKilnProfile.parse({ ts: now, seq: 0, ...profileReading(model, now, new Rng(seed)) }).v;
}

function combustionAt(model: TunnelKilnModel, now: number) {
  model.advance(now);
  return tunnelKilnCombustion.parse({ ts: now, seq: 0, ...combustionReading(model, new Rng(1)) }).v;
}

describe('TunnelKilnModel (domain.md §2.1.8)', () => {
  it('keeps every TC within ±15 °C of the §2.1.3 firing curve over a whole 80-hour cycle (entry TCs outside the 15 min after a push)', () => {
    const model = new TunnelKilnModel({ rng: new Rng(7), startMs: START });
    const curve = model.params.tcPosM.map((m) => model.setpointAt(m));
    let worst = 0;
    for (let now = START + 10 * MINUTE; now <= START + 80 * HOUR; now += 10 * MINUTE) {
      const { t } = profileAt(model, now);
      const sinceDoor = now - model.pusher.doorOpenedAtMs;
      t.forEach((value, k) => {
        if (sinceDoor < 15 * MINUTE && (model.params.tcPosM[k] ?? 0) < 30) return; // door-open sawtooth, §2.1.7
        worst = Math.max(worst, Math.abs((value ?? NaN) - (curve[k] ?? NaN)));
      });
    }
    expect(worst).toBeLessThanOrEqual(15);
    expect(model.pusher.carNo - 40).toBeGreaterThan(0);
    expect(Math.max(...curve)).toBe(1480);
  });

  it('sits at the §2.1.5 operating point: pressures, zero point, O₂, gas ≈ 170 Nm³/h, λ ≈ 1.15, 40 burners', () => {
    const model = new TunnelKilnModel({ rng: new Rng(3), startMs: START });
    const profile = profileAt(model, START + 30 * MINUTE);
    expect(profile.p[0]).toBeLessThan(-25);
    expect(profile.p[5]).toBeGreaterThan(8);
    expect(profile.p[8]).toBeGreaterThan(18);
    expect(profile.zeroPointM).toBeGreaterThan(40);
    expect(profile.zeroPointM).toBeLessThan(56);
    expect(profile.o2[0]).toBeCloseTo(13, -0.5);
    expect(profile.o2[1]).toBeCloseTo(5, -0.5);
    expect(profile.tWareExit).toBeLessThan(100);
    expect(Math.max(...profile.tCar.map(Number))).toBeLessThan(250);
    const combustion = combustionAt(model, START + 30 * MINUTE);
    expect(combustion.gas).toBeGreaterThan(150);
    expect(combustion.gas).toBeLessThan(190);
    expect(combustion.lambda).toBeCloseTo(1.15, 1);
    expect([combustion.burnersOn, combustion.burnersTotal]).toEqual([40, 40]);
  });

  it('integrates the gas totaliser', () => {
    const model = new TunnelKilnModel({ rng: new Rng(3), startMs: START });
    const before = combustionAt(model, START + MINUTE).gasTot ?? NaN;
    const after = combustionAt(model, START + 61 * MINUTE).gasTot ?? NaN;
    expect(after - before).toBeGreaterThan(150);
    expect(after - before).toBeLessThan(190);
  });

  it('shows the door-open sawtooth at a push: entry TCs dip, entry pressure spikes, both recover (§2.1.7)', () => {
    const model = new TunnelKilnModel({ rng: new Rng(3), startMs: START, pushIntervalMs: 60 * MINUTE, params: { noise: QUIET } });
    const before = profileAt(model, START + 59 * MINUTE);
    const during = profileAt(model, START + 60 * MINUTE + 10 * SECOND);
    const after = profileAt(model, START + 100 * MINUTE);
    expect((before.t[0] ?? 0) - (during.t[0] ?? 0)).toBeGreaterThan(10);
    expect((during.p[0] ?? 0) - (before.p[0] ?? 0)).toBeGreaterThan(10);
    expect(Math.abs((after.t[0] ?? 0) - (before.t[0] ?? 0))).toBeLessThan(2);
    expect(Math.abs((during.t[20] ?? 0) - (before.t[20] ?? 0))).toBeLessThan(0.5);
  });

  it('moves the ware one cell per push and reports the heat-work of the leaving car (§2.1.8 item 3)', () => {
    const model = new TunnelKilnModel({ rng: new Rng(3), startMs: START, pushIntervalMs: 30 * MINUTE });
    model.advance(START + 35 * MINUTE);
    const pushed = model.events.next({ at: 0 }, 'pusher');
    expect(pushed?.v).toMatchObject({ type: 'car_pushed', strokeMm: 3000 });
    expect(Number(pushed?.v['exitPeakC'])).toBeGreaterThan(1440);
    expect(Number(pushed?.v['carNo'])).toBe(Number(pushed?.v['exitCarNo']) + 40);
  });

  it('scales the firing part of the curve for other products (§2.1.2)', () => {
    const mullite = recipeKnots(1650);
    expect(Math.max(...mullite.map(([, t]) => t))).toBe(1650);
    expect(mullite[0]).toEqual([0, 200]);
    const model = new TunnelKilnModel({ rng: new Rng(3), startMs: START, params: { setpointKnots: mullite } });
    expect(Math.max(...profileAt(model, START + 30 * MINUTE).sp)).toBeCloseTo(1650, -1);
  });

  it('finds the zero-pressure point by linear interpolation', () => {
    expect(zeroCrossingM([0, 10, 20], [-10, -5, 5])).toBe(15);
    expect(zeroCrossingM([0, 10], [-10, null])).toBeNull();
  });

  it('is the same kiln whoever reads it: the physics does not depend on how often it is read', () => {
    const often = new TunnelKilnModel({ rng: new Rng(9), startMs: START });
    const rarely = new TunnelKilnModel({ rng: new Rng(9), startMs: START });
    for (let now = START; now <= START + 2 * HOUR; now += 7 * SECOND) often.advance(now);
    often.advance(START + 2 * HOUR);
    rarely.advance(START + 2 * HOUR);
    expect(Array.from(often.thermal.d)).toEqual(Array.from(rarely.thermal.d));
    expect(Array.from(often.zones.valve)).toEqual(Array.from(rarely.zones.valve));
  });
});
