import { describe, expect, it } from 'vitest';
import { HOUR, kilnRig, MINUTE, QUIET, SECOND, type KilnRig, type RigOptions } from './kiln.spec-kit.js';

/**
 * §2.1.9 fault rows of the kiln equipment (burners, fans, pusher, gas skid), each asserted on the
 * published payloads: direction, rough magnitude and timing of every signal the row lists.
 */
type Values = Record<string, unknown>;
const num = (v: Values, field: string, i?: number): number => Number(i === undefined ? v[field] : (v[field] as unknown[])[i]);
const mean = (v: Values, field: string, from: number, to: number): number => {
  const values = (v[field] as number[]).slice(from, to + 1);
  return values.reduce((a, b) => a + b, 0) / values.length;
};

/** Reads one payload now from a device's stream (`sub` '' = plain telemetry). */
function read(rig: KilnRig, device: string, sub = ''): Values {
  const stream = rig.device(device).streams.find((s) => s.cls === 'telemetry' && s.sub.join('/') === sub);
  return (stream?.emit(rig.clock.now()) as { v: Values }).v;
}

function inject(rig: KilnRig, device: string, code: string, options?: Record<string, number | string>): void {
  rig.device(device).faults?.[code]?.inject(rig.clock.now(), options);
}

function quietRig(pushIntervalMs = 2 * HOUR, only: RigOptions['only'] = ['tunnel-kiln', 'kiln-burner', 'flame-camera', 'kiln-fan', 'kiln-pusher', 'gas-skid']): KilnRig {
  const rig = kilnRig({ params: { noise: QUIET }, pushIntervalMs, only });
  rig.advance(20 * MINUTE);
  return rig;
}

describe('equipment faults (domain.md §2.1.9)', () => {
  it('BURNER_FLAME_FAIL: flame 0, valve closed, camera shows background only, local TC dips, the zone PID opens the others, local O₂ up', () => {
    const rig = quietRig();
    const [camBefore, profileBefore, combBefore] = [read(rig, 'cam02'), read(rig, 'plc', 'profile'), read(rig, 'plc', 'combustion')];
    inject(rig, 'b15', 'BURNER_FLAME_FAIL');
    rig.advance(SECOND);
    expect(rig.device('b15').state?.(rig.clock.now())).toMatchObject({ flame: false, valve: 'closed', sig: 0 });
    rig.advance(2 * SECOND);
    const cam = read(rig, 'cam02');
    expect(camBefore).toMatchObject({ colour: 'blue', status: 'normal' });
    expect(cam).toMatchObject({ burner: 'b15', colour: 'none', lenM: 0, status: 'off', hueDeg: null });
    expect(num(cam, 'brightPct')).toBeLessThan(num(camBefore, 'brightPct') - 30);
    rig.advance(10 * MINUTE);
    const profile = read(rig, 'plc', 'profile');
    expect(num(profileBefore, 't', 16) - num(profile, 't', 16)).toBeGreaterThan(4); // the TC next to b15
    expect(num(profileBefore, 't', 16) - num(profile, 't', 16)).toBeLessThan(20);
    expect(num(read(rig, 'plc', 'combustion'), 'zoneValve', 2) - num(combBefore, 'zoneValve', 2)).toBeGreaterThan(5);
    expect(num(profile, 'o2', 1) - num(profileBefore, 'o2', 1)).toBeGreaterThan(0.3);
    expect(rig.device('b15').state?.(rig.clock.now())).toMatchObject({ mode: 'lockout', relightCnt: 3 });
    const events = rig.messages.filter((m) => m.key.endsWith('/b15') && m.topic === 'event').map((m) => (m.payload['v'] as Values)['type']);
    expect(events).toEqual(['flame_fail', 'relight', 'relight', 'relight']);
  });

  it('FAN_TRIP exhaust (interlock bypassed): current 0 at once, entry pressure to +10…+30 Pa within 60 s, preheat TCs fall 20–60 °C over 10–30 min, firing O₂ −1–2 %, CO up', () => {
    const rig = quietRig();
    const [before, fanBefore] = [read(rig, 'plc', 'profile'), read(rig, 'exhaust-1')];
    inject(rig, 'exhaust-1', 'FAN_TRIP', { bypass: 1 });
    rig.advance(SECOND);
    const fan = read(rig, 'exhaust-1');
    expect(fan).toMatchObject({ run: false, hz: 0, i: 0, kw: 0 });
    expect(num(fan, 'rpm')).toBeGreaterThan(0.5 * num(fanBefore, 'rpm')); // coasting
    rig.advance(59 * SECOND);
    const minute = read(rig, 'plc', 'profile');
    expect(num(minute, 'p', 0)).toBeGreaterThan(10);
    expect(num(minute, 'p', 0)).toBeLessThan(30);
    expect(num(read(rig, 'exhaust-1'), 'rpm')).toBeLessThan(20);
    rig.advance(29 * MINUTE);
    const after = read(rig, 'plc', 'profile');
    const fall = mean(before, 't', 0, 11) - mean(after, 't', 0, 11);
    expect(fall).toBeGreaterThan(20);
    expect(fall).toBeLessThan(60);
    expect(num(before, 'o2', 1) - num(after, 'o2', 1)).toBeGreaterThan(1);
    expect(num(before, 'o2', 1) - num(after, 'o2', 1)).toBeLessThan(2.5);
    expect(num(after, 'co')).toBeGreaterThan(num(before, 'co') + 100);
    expect(rig.model.interlock).toBe('none');
  });

  it('FAN_TRIP exhaust with the interlock: low fire after 20 s, gas shut-off after 90 s', () => {
    const rig = quietRig();
    inject(rig, 'exhaust-1', 'FAN_TRIP');
    rig.advance(40 * SECOND);
    const lowFire = read(rig, 'plc', 'combustion');
    expect(Math.max(...(lowFire['zoneValve'] as number[]))).toBeLessThanOrEqual(30);
    rig.advance(60 * SECOND);
    expect(read(rig, 'plc', 'combustion')).toMatchObject({ burnersOn: 0, gas: 0 });
    expect(rig.device('plc').state?.(rig.clock.now())).toMatchObject({ mode: 'cooldown', interlock: 'exhaust' });
  });

  it('FAN_TRIP combustion air: all burners trip within seconds, SSOV closes, firing zone falls 1–3 °C/min', () => {
    const rig = quietRig();
    const before = read(rig, 'plc', 'profile');
    inject(rig, 'comb-air-1', 'FAN_TRIP');
    rig.advance(5 * SECOND);
    expect(read(rig, 'plc', 'combustion')).toMatchObject({ burnersOn: 0 });
    expect(read(rig, 'skid-1')).toMatchObject({ ssov: 'closed' });
    expect(rig.device('b01').state?.(rig.clock.now())).toMatchObject({ flame: false, mode: 'interlock' });
    expect(read(rig, 'cam01')).toMatchObject({ colour: 'none' });
    rig.advance(20 * MINUTE);
    const fall = num(before, 't', 20) - num(read(rig, 'plc', 'profile'), 't', 20);
    expect(fall).toBeGreaterThan(20);
    expect(fall).toBeLessThan(60);
    inject(rig, 'comb-air-1', 'FAN_TRIP'); // still tripped: a clear restarts after 2–10 min, then purge and relight
    rig.device('comb-air-1').faults?.['FAN_TRIP']?.clear(rig.clock.now());
    rig.advance(30 * MINUTE);
    expect(num(read(rig, 'plc', 'combustion'), 'burnersOn')).toBeGreaterThanOrEqual(38);
  });

  it('FAN_TRIP cooling (final cooling): cooling-zone pressure falls, cooling TCs +50–150 °C over 30–60 min, exit ware > 150 °C', () => {
    const rig = quietRig();
    const before = read(rig, 'plc', 'profile');
    inject(rig, 'final-cool-1', 'FAN_TRIP');
    rig.advance(MINUTE);
    expect(num(read(rig, 'plc', 'profile'), 'p', 9)).toBeLessThan(num(before, 'p', 9) - 10);
    rig.advance(59 * MINUTE);
    const after = read(rig, 'plc', 'profile');
    const rise = mean(after, 't', 33, 35) - mean(before, 't', 33, 35);
    expect(rise).toBeGreaterThan(50);
    expect(rise).toBeLessThan(150);
    expect(num(after, 'tWareExit')).toBeGreaterThan(150);
  });

  it('PUSH_FAIL: pressure to relief with no stroke, no car pushed, push overdue, preheat +20–50 °C over hours, zone gas cut 10–30 %', () => {
    const rig = quietRig(30 * MINUTE, ['tunnel-kiln', 'kiln-pusher']);
    const [before, combBefore] = [read(rig, 'plc', 'profile'), read(rig, 'plc', 'combustion')];
    inject(rig, 'pusher-1', 'PUSH_FAIL');
    rig.advance(HOUR);
    const events = rig.messages.filter((m) => m.key.endsWith('/pusher-1') && m.topic === 'event' && Number(m.payload['ts']) > rig.clock.now() - HOUR);
    expect(events.map((m) => m.payload['v'])).toEqual([expect.objectContaining({ type: 'push_fail', strokeMm: 0, pMaxMPa: 18, cause: 'jam' })]);
    expect(rig.device('pusher-1').state?.(rig.clock.now())).toMatchObject({ mode: 'fault' });
    expect(Number(rig.device('pusher-1').state?.(rig.clock.now())?.['nextPushInMin'])).toBeLessThan(-15);
    rig.advance(3 * HOUR);
    const rise = mean(read(rig, 'plc', 'profile'), 't', 0, 11) - mean(before, 't', 0, 11);
    expect(rise).toBeGreaterThan(20);
    expect(rise).toBeLessThan(50);
    const cut = 1 - num(read(rig, 'plc', 'combustion'), 'gas') / num(combBefore, 'gas');
    expect(cut).toBeGreaterThan(0.1);
    expect(cut).toBeLessThan(0.3);
  });

  it('PUSH_FAIL attempt=now: the jam is met by a push tried at once (fault-storm t = 8 min), not at the next scheduled push', () => {
    const rig = quietRig(2 * HOUR, ['tunnel-kiln', 'kiln-pusher']);
    const since = rig.clock.now();
    inject(rig, 'pusher-1', 'PUSH_FAIL', { attempt: 'now' });
    rig.advance(5 * MINUTE);
    const events = rig.messages.filter((m) => m.key.endsWith('/pusher-1') && m.topic === 'event' && Number(m.payload['ts']) >= since);
    expect(events.map((m) => m.payload['v'])).toEqual([expect.objectContaining({ type: 'push_fail', strokeMm: 0, cause: 'jam' })]);
    expect(rig.device('pusher-1').state?.(rig.clock.now())).toMatchObject({ mode: 'fault' });
  });

  it('GAS_PRESS_LOW: header pressure falls, flames −30–50 % shorter and ~20 % dimmer, O₂ +1–4 points; below the switch the SSOV trips every burner', () => {
    const rig = quietRig();
    const [cam, profile, skid] = [read(rig, 'cam02'), read(rig, 'plc', 'profile'), read(rig, 'skid-1')];
    inject(rig, 'skid-1', 'GAS_PRESS_LOW', { dropPct: 35, hdrDropPct: 35, rampS: 30 });
    rig.advance(5 * MINUTE);
    const low = read(rig, 'skid-1');
    expect(num(low, 'pGasHdr') / num(skid, 'pGasHdr')).toBeCloseTo(0.65, 1);
    expect(low).toMatchObject({ ssov: 'open' });
    const shorter = 1 - num(read(rig, 'cam02'), 'lenM') / num(cam, 'lenM');
    expect(shorter).toBeGreaterThan(0.25);
    expect(shorter).toBeLessThan(0.5);
    expect(1 - num(read(rig, 'cam02'), 'brightPct') / num(cam, 'brightPct')).toBeGreaterThan(0.12);
    const o2Rise = num(read(rig, 'plc', 'profile'), 'o2', 1) - num(profile, 'o2', 1);
    expect(o2Rise).toBeGreaterThan(1);
    expect(o2Rise).toBeLessThan(4);
    inject(rig, 'skid-1', 'GAS_PRESS_LOW', { dropPct: 55, hdrDropPct: 55, rampS: 30, tripPct: 55 });
    rig.advance(2 * MINUTE);
    expect(read(rig, 'skid-1')).toMatchObject({ ssov: 'closed' });
    expect(read(rig, 'plc', 'combustion')).toMatchObject({ burnersOn: 0 });
    expect(rig.device('plc').state?.(rig.clock.now())).toMatchObject({ interlock: 'ssov' });
    const flameFails = rig.messages.filter((m) => m.type === 'kiln-burner' && (m.payload['v'] as Values)['type'] === 'flame_fail');
    expect(flameFails).toHaveLength(40);
  });

  it('GAS_PRESS_LOW on a shared main (§4.5): the regulators decide which kilns trip and which ride through a −55 % drop', () => {
    const tripped = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((seed) => {
      const rig = kilnRig({ seed, params: { noise: QUIET }, only: ['tunnel-kiln', 'gas-skid'] });
      rig.advance(MINUTE);
      inject(rig, 'skid-1', 'GAS_PRESS_LOW', { dropPct: 55 });
      rig.advance(3 * MINUTE);
      return read(rig, 'skid-1')['ssov'] === 'closed';
    });
    expect(tripped.filter(Boolean).length).toBeGreaterThan(2);
    expect(tripped.filter((t) => !t).length).toBeGreaterThan(2);
  });
});
