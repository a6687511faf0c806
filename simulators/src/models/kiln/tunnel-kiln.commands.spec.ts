import { describe, expect, it } from 'vitest';
import type { CommandDecision } from '../sim-device.js';
import { kilnRig, MINUTE, QUIET, request, SECOND, settle, type KilnRig } from './kiln.spec-kit.js';

/** A PLC-only kiln (commands act on the shared model), quiet sensors. */
function plcRig(): KilnRig {
  return kilnRig({ only: ['tunnel-kiln', 'kiln-fan', 'kiln-burner'], params: { noise: QUIET } });
}

function send(rig: KilnRig, device: string, name: string, fields: Parameters<typeof request>[0]): CommandDecision {
  const handler = rig.device(device).commands?.[name];
  if (!handler) throw new Error(`${device} has no ${name}`);
  return handler(request(fields), rig.clock.now());
}

function progressOf(decision: CommandDecision): NonNullable<Extract<CommandDecision, { status: 'accepted' }>['progress']> {
  if (decision.status !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(decision)}`);
  return decision.progress;
}

describe('tunnel kiln commands (domain.md §3.5)', () => {
  it('set-zone-sp ramps zone 3 at rampPerMin, the zone follows, then applied with reachedAt', () => {
    const rig = plcRig();
    rig.advance(10 * MINUTE);
    const model = rig.model;
    const before = model.zones.sp[2] ?? 0;
    const pvBefore = model.zones.pvOf(2);
    const decision = send(rig, 'plc', 'set-zone-sp', { target: 'zone.3.sp', value: before + 30, rampPerMin: 2 });
    expect(decision).toMatchObject({ status: 'accepted', prev: before });
    const progress = progressOf(decision);
    rig.advance(5 * MINUTE);
    expect(model.zones.sp[2]).toBeCloseTo(before + 10, 0); // 5 min × 2 °C/min
    expect(model.zones.pvOf(2) - pvBefore).toBeGreaterThan(5);
    expect(progress(rig.clock.now())).toBeUndefined();
    const outcome = settle(progress, rig.clock, 60 * MINUTE);
    expect(outcome).toMatchObject({ status: 'applied', value: before + 30 });
    const reachedAt = outcome?.status === 'applied' ? (outcome.reachedAt ?? 0) : 0;
    expect(reachedAt - rig.clock.now()).toBeLessThanOrEqual(0);
    expect(reachedAt).toBeGreaterThanOrEqual(rig.clock.now() - 10 * SECOND);
    expect(Math.abs(model.zones.pvOf(2) - (before + 30))).toBeLessThanOrEqual(5);
  });

  it('set-curve writes all 8 zones and reports applied once every zone is within tolerance', () => {
    const rig = plcRig();
    rig.advance(10 * MINUTE);
    const current = Array.from(rig.model.zones.spTarget);
    const target = current.map((sp, j) => sp + (j === 0 ? -20 : 10));
    const progress = progressOf(send(rig, 'plc', 'set-curve', { op: 'setCurve', target: 'zones', value: target, rampPerMin: 5 }));
    const outcome = settle(progress, rig.clock, 60 * MINUTE);
    expect(outcome).toMatchObject({ status: 'applied', value: target });
    expect(Array.from(rig.model.zones.sp)).toEqual(target);
  });

  it('rejects out-of-range values, too large steps, bad targets, manual mode and interlocks', () => {
    const rig = plcRig();
    rig.advance(MINUTE);
    const sp = rig.model.zones.spTarget[2] ?? 0;
    expect(send(rig, 'plc', 'set-zone-sp', { target: 'zone.3.sp', value: 1_800 })).toMatchObject({ status: 'rejected', code: 'OUT_OF_RANGE' });
    expect(send(rig, 'plc', 'set-zone-sp', { target: 'zone.3.sp', value: sp + 150 })).toMatchObject({ status: 'rejected', code: 'OUT_OF_RANGE' });
    expect(send(rig, 'plc', 'set-zone-sp', { target: 'zone.3.sp', value: sp + 10, rampPerMin: 50 })).toMatchObject({ status: 'rejected', code: 'OUT_OF_RANGE' });
    expect(send(rig, 'plc', 'set-zone-sp', { target: 'zone.9.sp', value: sp })).toMatchObject({ status: 'rejected', code: 'UNKNOWN_TARGET' });
    expect(send(rig, 'plc', 'set-curve', { value: [1400, 1400] })).toMatchObject({ status: 'rejected', code: 'BAD_REQUEST' });
    expect(send(rig, 'plc', 'set-push-interval', { value: 20 })).toMatchObject({ status: 'rejected', code: 'OUT_OF_RANGE' });
    expect(send(rig, 'exhaust-1', 'set-fan-speed', { value: 55 })).toMatchObject({ status: 'rejected', code: 'OUT_OF_RANGE' });
    rig.model.setMode('manual', rig.clock.now());
    expect(send(rig, 'plc', 'set-zone-sp', { target: 'zone.3.sp', value: sp + 10 })).toMatchObject({ status: 'rejected', code: 'NOT_REMOTE' });
    expect(send(rig, 'exhaust-1', 'set-fan-speed', { value: 45 })).toMatchObject({ status: 'rejected', code: 'NOT_REMOTE' });
    rig.model.setMode('auto', rig.clock.now());
    rig.device('comb-air-1').faults?.['FAN_TRIP']?.inject(rig.clock.now());
    rig.advance(10 * SECOND);
    expect(send(rig, 'plc', 'set-zone-sp', { target: 'zone.3.sp', value: sp + 10 })).toMatchObject({ status: 'rejected', code: 'INTERLOCK' });
    expect(send(rig, 'b05', 'burner-relight', {})).toMatchObject({ status: 'rejected', code: 'INTERLOCK' });
  });

  it('set-push-interval and hold-mode apply at once; hold lowers the setpoints and pauses the pusher', () => {
    const rig = plcRig();
    rig.advance(MINUTE);
    const pushInterval = progressOf(send(rig, 'plc', 'set-push-interval', { value: 100 }));
    expect(pushInterval(rig.clock.now())).toMatchObject({ status: 'applied', value: 100 });
    expect(rig.model.pushIntervalMs).toBe(100 * MINUTE);
    const sp = rig.model.zones.sp[3] ?? 0;
    const hold = progressOf(send(rig, 'plc', 'hold-mode', { value: true }));
    expect(hold(rig.clock.now())).toMatchObject({ status: 'applied', value: true });
    rig.advance(30 * MINUTE);
    expect(rig.model.mode).toBe('hold');
    expect(rig.model.pusher.mode).toBe('hold');
    expect(rig.model.zones.sp[3]).toBeCloseTo(sp - 30, 5);
  });

  it('set-fan-speed ramps the VFD and reports applied when the output frequency is there', () => {
    const rig = plcRig();
    rig.advance(MINUTE);
    const progress = progressOf(send(rig, 'exhaust-1', 'set-fan-speed', { value: 46 }));
    expect(progress(rig.clock.now())).toBeUndefined();
    expect(settle(progress, rig.clock, MINUTE, 5 * SECOND)).toMatchObject({ status: 'applied', value: 46 });
    expect(rig.model.fans['exhaust-1'].outputHz).toBe(46);
  });

  it('burner-relight relights a locked-out burner after the local permissive and purge', () => {
    const rig = plcRig();
    rig.advance(MINUTE);
    const burner = rig.device('b12');
    burner.faults?.['BURNER_FLAME_FAIL']?.inject(rig.clock.now());
    rig.advance(3 * MINUTE);
    expect(rig.model.burners.modeOf(11)).toBe('lockout');
    burner.faults?.['BURNER_FLAME_FAIL']?.clear(rig.clock.now());
    rig.advance(MINUTE); // the clear relights automatically (70–90 % per attempt)
    rig.model.burners.setFaulty(11, true);
    rig.model.burners.flameFail(11, rig.clock.now(), 'fault', rig.model.rng);
    rig.advance(3 * MINUTE);
    rig.model.burners.setFaulty(11, false);
    const progress = progressOf(send(rig, 'b12', 'burner-relight', {}));
    expect(settle(progress, rig.clock, 5 * MINUTE)).toMatchObject({ status: 'applied', value: true });
    expect(rig.model.burners.isLit(11)).toBe(true);
  });
});
