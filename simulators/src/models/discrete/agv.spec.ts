import type { CommandRequest } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../kit/rng.js';
import type { CommandDecision, CommandOutcome } from '../sim-device.js';
import { agvDevice, agvFault, transportHandler } from './agv.device.js';
import { AGV_DEFAULTS, AGV_LOCATIONS, AgvModel } from './agv.model.js';
import { HOUR, MINUTE, T0, onTopic, runDevices, testContext, testDevice } from './discrete.test-kit.js';

const request = (target: string, value: string, ts = T0): CommandRequest => ({ cmdId: `c-${target}-${ts}`, ts, expiresAt: ts + 15_000, user: 'dispatcher', op: 'transport', target, value });
const idleAgv = (soc = 80): AgvModel => {
  const model = new AgvModel({ ...AGV_DEFAULTS, autoTasks: false }, new Rng(5), T0, 'AGV-07');
  model.soc = soc;
  return model;
};

/** Polls an accepted command every second until it has an outcome (or `limitMs` passes). */
function settle(decision: CommandDecision, from: number, limitMs = 30 * MINUTE): { outcome: CommandOutcome; at: number } {
  if (decision.status !== 'accepted') return expect.fail(`expected accepted, got ${decision.status}`);
  for (let t = from; t <= from + limitMs; t += 1_000) {
    const outcome = decision.progress(t);
    if (outcome !== undefined) return { outcome, at: t };
  }
  return expect.fail('no outcome');
}

describe('AGV transport (domain.md §2.5.2 H5, §3.5)', () => {
  it('accepts a transport on an idle AGV and applies it at the drop, after to_pick → loading → to_drop → unloading', () => {
    const model = idleAgv();
    const handle = transportHandler(model);
    const decision = handle(request('FDY-1>M03', 'L-42'), T0);
    expect(decision.status).toBe('accepted');
    const states = new Set<string>();
    for (let t = T0; t < T0 + 10 * MINUTE; t += 1_000) states.add(model.stateValues(t).st);
    expect([...states]).toEqual(expect.arrayContaining(['to_pick', 'loading', 'to_drop', 'unloading', 'idle']));
    const { outcome } = settle(decision, T0);
    expect(outcome).toMatchObject({ status: 'applied', value: 'L-42' });
    const reachedAt = outcome.status === 'applied' ? (outcome.reachedAt ?? 0) : 0;
    const at = model.telemetry(reachedAt + 1_000).v;
    expect([at.x, at.y]).toEqual([...(AGV_LOCATIONS['M03'] ?? [])]);
    expect(at.load).toBe(false);
  });

  it('rejects a transport while busy, on low battery, for unknown locations and without from/to', () => {
    const model = idleAgv();
    const handle = transportHandler(model);
    expect(handle(request('WH-1>M01', 'L-1'), T0).status).toBe('accepted');
    expect(handle(request('WH-2>M02', 'L-2', T0 + 5_000), T0 + 5_000)).toMatchObject({ status: 'rejected', code: 'INTERLOCK', message: 'busy' });
    expect(transportHandler(idleAgv(18))(request('WH-1>M01', 'L-3'), T0)).toMatchObject({ status: 'rejected', code: 'INTERLOCK', message: 'low battery' });
    expect(transportHandler(idleAgv())(request('WH-1>X99', 'L-4'), T0)).toMatchObject({ status: 'rejected', code: 'UNKNOWN_TARGET' });
    expect(transportHandler(idleAgv())({ ...request('', 'L-5'), target: 'WH-1' }, T0)).toMatchObject({ status: 'rejected', code: 'BAD_REQUEST' });
  });

  it('keeps busy on self-dispatched tasks, charges below 25 %, drives at ≤ 1.5 m/s, state only on change', () => {
    const device = agvDevice(testDevice('huaxiang/hongtong-qinbi/logistics/agv/_/agv-07', 'agv'), testContext(3));
    const messages = runDevices([device], 4 * HOUR).get(device) ?? [];
    const telemetry = onTopic(messages, 'telemetry');
    expect(telemetry).toHaveLength(4 * 3_600);
    expect(telemetry.every((m) => Number(m.v['v']) <= 1.5 && Number(m.v['soc']) >= 0 && Number(m.v['soc']) <= 100)).toBe(true);
    const sts = new Set(telemetry.map((m) => m.v['st']));
    expect([...sts]).toEqual(expect.arrayContaining(['idle', 'to_pick', 'loading', 'to_drop', 'unloading', 'charging']));
    const states = onTopic(messages, 'state');
    expect(states.length).toBeGreaterThan(20);
    expect(states.length).toBeLessThan(telemetry.length / 10);
  });
});

describe('AGV_FAULT (§2.5.7)', () => {
  it('obstacle: the AGV stops, declares a fault after 30 s, the running transport fails; clear → idle', () => {
    const model = idleAgv();
    const decision = transportHandler(model)(request('WH-1>M16', 'L-9'), T0);
    const fault = agvFault(model);
    const t = T0 + 20_000;
    model.telemetry(t);
    fault.inject(t, { mode: 'obstacle' });
    const stopped = model.telemetry(t + 10_000).v;
    expect(stopped.v).toBe(0);
    expect(model.stateValues(t + 10_000).st).not.toBe('fault');
    expect(model.telemetry(t + 20_000).v.x).toBe(stopped.x);
    expect(model.stateValues(t + 31_000)).toMatchObject({ st: 'fault', fault: 'obstacle' });
    expect(settle(decision, t + 31_000).outcome).toMatchObject({ status: 'failed', code: 'DRIVE_FAULT' });
    fault.clear(t + 60_000);
    expect(model.stateValues(t + 61_000).st).toBe('idle');
  });

  it('localisation lost: position unknown (null, quality uncertain); battery: SoC < 15 % and fault, then charging', () => {
    const model = idleAgv();
    const fault = agvFault(model);
    fault.inject(T0 + 1_000, { mode: 'localisation' });
    const lost = model.telemetry(T0 + 2_000);
    expect(lost.q).toBe('uncertain');
    expect([lost.v.x, lost.v.y]).toEqual([null, null]);
    expect(model.stateValues(T0 + 2_000)).toMatchObject({ st: 'fault', fault: 'localisation' });
    fault.clear(T0 + 3_000);
    fault.inject(T0 + 4_000, { mode: 'battery', soc: 12 });
    expect(model.telemetry(T0 + 5_000).v.soc).toBeLessThan(15);
    expect(model.stateValues(T0 + 5_000)).toMatchObject({ st: 'fault', fault: 'battery' });
    fault.clear(T0 + 6_000);
    expect(model.stateValues(T0 + 7_000).st).toBe('charging');
  });
});
