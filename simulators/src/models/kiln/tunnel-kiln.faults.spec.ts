import { describe, expect, it } from 'vitest';
import { HOUR, kilnRig, MINUTE, QUIET, SECOND, type KilnRig, type RigOptions } from './kiln.spec-kit.js';

/** §2.1.9 fault rows that belong to the kiln controller, asserted on the published payloads. */
type Envelope = { v: Record<string, unknown>; q: string; qv?: Record<string, string> };
const at = (env: Envelope, field: string, i: number): number => Number((env.v[field] as unknown[])[i]);

function read(rig: KilnRig, device: string, sub = ''): Envelope {
  const stream = rig.device(device).streams.find((s) => s.cls === 'telemetry' && s.sub.join('/') === sub);
  return stream?.emit(rig.clock.now()) as Envelope;
}

const profile = (rig: KilnRig): Envelope => read(rig, 'plc', 'profile');
const combustion = (rig: KilnRig): Envelope => read(rig, 'plc', 'combustion');

function inject(rig: KilnRig, code: string, options?: Record<string, number | string>): void {
  rig.device('plc').faults?.[code]?.inject(rig.clock.now(), options);
}

function clear(rig: KilnRig, code: string): void {
  rig.device('plc').faults?.[code]?.clear(rig.clock.now());
}

function quietRig(only: RigOptions['only'] = ['tunnel-kiln', 'kiln-fan', 'kiln-burner', 'kiln-pusher']): KilnRig {
  const rig = kilnRig({ params: { noise: QUIET }, only });
  rig.advance(20 * MINUTE);
  return rig;
}

describe('controller faults (domain.md §2.1.9)', () => {
  it('TC_OPEN: a step to full scale with quality bad, neighbours unchanged; a protected loop holds its gas, an unprotected one closes it', () => {
    const rig = quietRig();
    const [before, valvesBefore] = [profile(rig), combustion(rig)];
    inject(rig, 'TC_OPEN', { tc: 17 });
    rig.advance(SECOND);
    const open = profile(rig);
    expect(at(open, 't', 17)).toBe(1768); // type S burnout, upscale
    expect(open).toMatchObject({ q: 'uncertain', qv: { 't.17': 'bad' } });
    expect(Math.abs(at(open, 't', 16) - at(before, 't', 16))).toBeLessThan(1);
    rig.advance(10 * MINUTE);
    expect(Math.abs(at(combustion(rig), 'zoneValve', 3) - at(valvesBefore, 'zoneValve', 3))).toBeLessThan(10); // zone 4 falls back to TC 16
    clear(rig, 'TC_OPEN');
    inject(rig, 'TC_OPEN', { tc: 17, unprotected: 1 });
    rig.advance(2 * MINUTE);
    expect(at(combustion(rig), 'zoneValve', 3)).toBe(0);
    clear(rig, 'TC_OPEN');
    rig.advance(SECOND);
    expect(profile(rig).q).toBe('good');
  });

  it('TC_DRIFT: the drifting control TC still reads its setpoint while the real zone drifts the other way', () => {
    const rig = quietRig(['tunnel-kiln']);
    const before = profile(rig);
    inject(rig, 'TC_DRIFT', { tc: 15, ratePerHour: 8 }); // accelerated, as in the §4.5 fault storm
    rig.advance(6 * HOUR);
    const after = profile(rig);
    expect(Math.abs(at(after, 't', 15) - at(before, 't', 15))).toBeLessThan(3);
    const neighbours = (p: Envelope): number => (at(p, 't', 14) + at(p, 't', 16)) / 2;
    const residual = at(after, 't', 15) - neighbours(after) - (at(before, 't', 15) - neighbours(before));
    expect(residual).toBeGreaterThan(15); // detectable against the neighbour-interpolated value
    expect(at(before, 't', 16) - at(after, 't', 16)).toBeGreaterThan(8);
  });

  it('OVER_TEMP: valve stuck at 100 %, zone rises 1–5 °C/min, the zone trips at SP + 50 °C', () => {
    const rig = quietRig();
    const before = profile(rig);
    inject(rig, 'OVER_TEMP', { zone: 3 });
    rig.advance(10 * SECOND);
    expect(at(combustion(rig), 'zoneValve', 2)).toBe(100);
    rig.advance(10 * MINUTE);
    const rate = (at(profile(rig), 't', 15) - at(before, 't', 15)) / 10;
    expect(rate).toBeGreaterThan(1);
    expect(rate).toBeLessThan(5);
    rig.advance(30 * MINUTE);
    const trips = rig.messages.filter((m) => m.topic === 'event' && (m.payload['v'] as Record<string, unknown>)['type'] === 'zone_trip');
    expect(trips.map((m) => (m.payload['v'] as Record<string, unknown>)['zone'])).toEqual([3]);
    expect(at(combustion(rig), 'zoneGas', 2)).toBe(0);
    expect(rig.device('b13').state?.(rig.clock.now())).toMatchObject({ flame: false, mode: 'interlock' });
  });

  it('ZERO_POINT_DRIFT: zero point moves toward the entrance, under-car T > 250 °C, top-bottom ΔT and entry O₂ up', () => {
    const rig = quietRig(['tunnel-kiln']);
    const before = profile(rig);
    inject(rig, 'ZERO_POINT_DRIFT', { shiftM: -9 });
    rig.advance(2 * HOUR);
    const after = profile(rig);
    expect(Number(after.v['zeroPointM'])).toBeLessThan(Number(before.v['zeroPointM']) - 5);
    expect(Math.max(...(after.v['tCar'] as number[]))).toBeGreaterThan(250);
    expect(Number(after.v['dTtb']) - Number(before.v['dTtb'])).toBeGreaterThan(8);
    expect(at(after, 'o2', 0) - at(before, 'o2', 0)).toBeGreaterThan(1);
  });

  it('SHELL_HOT: the shell scan shows +50–150 °C at the hot spot only', () => {
    const rig = quietRig(['tunnel-kiln']);
    const before = profile(rig);
    inject(rig, 'SHELL_HOT', { posM: 52.5, deltaC: 100 });
    rig.advance(2 * HOUR);
    const after = profile(rig);
    const rise = (i: number): number => at(after, 'tShell', i) - at(before, 'tShell', i);
    expect(rise(3)).toBeGreaterThan(50);
    expect(rise(3)).toBeLessThan(150);
    expect(Math.abs(rise(0))).toBeLessThan(5);
    expect(Math.abs(rise(6))).toBeLessThan(5);
  });

  it('ANALYZER_FAULT: a stuck analyzer reads 20.9 %, a frozen one does not follow the combustion air', () => {
    const rig = quietRig();
    inject(rig, 'ANALYZER_FAULT', { analyzer: 1, mode: 'stuck' });
    expect(at(profile(rig), 'o2', 1)).toBe(20.9);
    clear(rig, 'ANALYZER_FAULT');
    inject(rig, 'ANALYZER_FAULT', { analyzer: 1, mode: 'frozen' });
    const frozen = at(profile(rig), 'o2', 1);
    rig.model.fans['comb-air-1'].hzSp = 50; // more air: λ and the real O₂ rise
    rig.advance(10 * MINUTE);
    expect(at(profile(rig), 'o2', 1)).toBe(frozen);
    expect(at(profile(rig), 'o2', 2)).toBeGreaterThan(12.5); // the flue analyzer sees it
  });

  it('POWER_FAIL: every drive stops, burners trip, pusher stops, exhaust back on diesel in 10–30 s; staged restart and relight after', () => {
    const rig = quietRig();
    inject(rig, 'POWER_FAIL');
    rig.advance(5 * SECOND);
    for (const fan of ['exhaust-1', 'comb-air-1', 'rapid-cool-1', 'final-cool-1']) expect(read(rig, fan).v).toMatchObject({ run: false, i: 0 });
    expect(combustion(rig).v).toMatchObject({ burnersOn: 0 });
    expect(rig.device('plc').state?.(rig.clock.now())).toMatchObject({ mode: 'cooldown', interlock: 'power' });
    expect(rig.device('pusher-1').state?.(rig.clock.now())).toMatchObject({ mode: 'stopped' });
    rig.advance(25 * SECOND);
    expect(read(rig, 'exhaust-1').v).toMatchObject({ run: true });
    expect(read(rig, 'comb-air-1').v).toMatchObject({ run: false });
    rig.advance(10 * MINUTE);
    clear(rig, 'POWER_FAIL');
    rig.advance(20 * MINUTE);
    expect(Number(combustion(rig).v['burnersOn'])).toBeGreaterThanOrEqual(38);
    expect(rig.device('plc').state?.(rig.clock.now())).toEqual({ mode: 'auto' });
    expect(read(rig, 'final-cool-1').v).toMatchObject({ run: true });
  });
});
