import { describe, expect, it } from 'vitest';
import { Rng } from '../../kit/rng.js';
import type { FaultHandler, SimDevice } from '../sim-device.js';
import { DISCRETE_FACTORIES } from './discrete.factories.js';
import { JINGWEI_LINE } from './discrete.mix.js';
import { HOUR, MINUTE, T0, onTopic, runDevices, testContext, testDevice, type Published } from './discrete.test-kit.js';
import { lineOf } from './line-station.js';
import { oeeOf } from './machine-cycle.js';
import { PRESS_FIT_DEFAULTS, pressCurve } from './press-fit.curve.js';

/** The 12 Jingwei stations of `line` in line order (§4.4), sharing one line model. */
function jingweiLine(line = 'spindle-base-l1', seed = 42, context = testContext(seed)): SimDevice[] {
  return JINGWEI_LINE.map((s, pos) => (DISCRETE_FACTORIES[s.type] ?? expect.fail(s.type))(testDevice(`jingwei/jz-yuci/assembly/${line}/${s.cell}/st-${String(pos + 1).padStart(2, '0')}`, s.type, { ...s.params, pos }), context));
}

const fault = (device: SimDevice | undefined, code: string): FaultHandler => device?.faults?.[code] ?? expect.fail(`no fault ${code}`);
const lastState = (messages: readonly Published[]): Record<string, unknown> => onTopic(messages, 'state').at(-1)?.v ?? expect.fail('no state');
const counters = (device: SimDevice | undefined, now: number): Record<string, unknown> => device?.state?.(now) ?? expect.fail('no state');

describe('Jingwei spindle-base assembly line (domain.md §2.5.3, §4.4)', () => {
  it('passes parts station to station: counters consistent, every NOK reworked, 0.2–1 % in-line rejects, final pass rate 100 %', () => {
    const stations = jingweiLine();
    const out = runDevices(stations, 8 * HOUR);
    let rejects = 0;
    for (const station of stations) {
      const messages = out.get(station) ?? [];
      let total = 0;
      for (const { v } of onTopic(messages, 'state')) {
        expect(Number(v['good']) + Number(v['scrap'])).toBe(v['total']);
        expect(v['rework']).toBe(v['scrap']);
        expect(Number(v['total'])).toBeGreaterThanOrEqual(total);
        total = Number(v['total']);
      }
      rejects += Number(lastState(messages)['scrap']);
    }
    const marking = lastState(out.get(stations[10] as SimDevice) ?? []);
    expect(marking['scrap']).toBe(0); // [S J2] final pass rate 100 %
    const passed = Number(marking['good']);
    expect(passed).toBeGreaterThan(8 * 450 * 0.8); // 8 s takt = 450/h at 100 % OEE
    expect(rejects / passed).toBeGreaterThan(0.002);
    expect(rejects / passed).toBeLessThan(0.01);
    const retests = [...out.values()].flat().filter((m) => m.topic === 'event' && m.payload.v['retest'] === true);
    expect(retests.length).toBeGreaterThan(0);
  }, 120_000);

  it('follows each part: the same serial reaches the stations in line order, one takt apart', () => {
    const stations = jingweiLine('spindle-base-l1', 5);
    const out = runDevices(stations, 10 * MINUTE);
    const serial = onTopic(out.get(stations[0] as SimDevice) ?? [], 'event')[5]?.v['serial'];
    const seen = stations.map((s) => onTopic(out.get(s) ?? [], 'event').find((e) => e.v['serial'] === serial)?.ts ?? NaN);
    for (let i = 1; i < seen.length; i++) expect((seen[i] ?? 0) - (seen[i - 1] ?? 0)).toBeGreaterThanOrEqual(8_000);
  });

  it('lays a Jingwei line out from device order alone (robots, presses, 7 stations as in the scenario file)', () => {
    const context = testContext(13);
    const base = 'jingwei/jz-yuci/assembly/spindle-base-l1';
    const make = (type: 'robot' | 'press-fit' | 'assembly-station', key: string): SimDevice => (DISCRETE_FACTORIES[type] ?? expect.fail(type))(testDevice(`${base}/${key}`, type), context);
    const robots = [1, 2].map((n) => make('robot', `op${n}0/rb-${n}`));
    const presses = [1, 2, 3].map((n) => make('press-fit', `press-${n}/pf-${n}`));
    const stations = [1, 2, 3, 4, 5, 6, 7].map((n) => make('assembly-station', `st${n + 5}0/as-${String(n + 5).padStart(2, '0')}`));
    const out = runDevices([...robots, ...presses, ...stations], 5 * MINUTE);
    expect(stations.map((s) => onTopic(out.get(s) ?? [], 'telemetry')[0]?.v['role'])).toEqual(['assembly', 'assembly', 'gauge', 'gauge', 'gauge', 'run-in', 'marking']);
    const serial = onTopic(out.get(robots[0] as SimDevice) ?? [], 'event')[2]?.v['serial'];
    const at = (device: SimDevice | undefined): number => onTopic(out.get(device as SimDevice) ?? [], 'event').find((e) => e.v['serial'] === serial)?.ts ?? NaN;
    expect(at(robots[1])).toBeGreaterThan(at(stations[6])); // the second robot unloads after marking
    expect(at(stations[6])).toBeGreaterThan(at(presses[2]));
  });

  it('makes +50 % output on the automated 8 s line vs the 12 s baseline [S J2], OEE inputs consistent (§2.5.1)', () => {
    const context = testContext(9);
    const automated = jingweiLine('spindle-base-l1', 9, context);
    const legacy = jingweiLine('spindle-base-legacy', 9, context);
    const end = T0 + 8 * HOUR;
    const made = (line: SimDevice[]): number => Number(counters(line[10], end)['good']);
    expect(made(automated) / made(legacy)).toBeGreaterThan(1.35);
    expect(made(automated) / made(legacy)).toBeLessThan(1.7);
    expect(made(automated)).toBeGreaterThan(3_600 * 0.8); // 8 h × 3,600 / 8 s = 3,600 at 100 % OEE (7,200 in two shifts)
    expect(made(automated)).toBeLessThanOrEqual(3_600);
    const line = lineOf(testDevice(`jingwei/jz-yuci/assembly/spindle-base-l1/load/st-01`, 'robot'), context, {});
    const inputs = line.cycle.oee(end);
    const { availability, performance, quality } = oeeOf(inputs);
    expect(availability).toBeGreaterThan(0.85);
    expect(performance).toBeGreaterThan(0.9);
    expect(performance).toBeLessThanOrEqual(1);
    expect(quality).toBe(1);
    expect(Math.abs(inputs.total - made(automated) - 11)).toBeLessThan(200); // indexes ≈ parts out + parts on the line + rework
    expect(counters(automated[0], end)['idealS']).toBe(8);
  }, 120_000);
});

describe('line station faults (§2.5.7)', () => {
  it('MACHINE_FAULT stops the line: the station DOWN, upstream blocked, downstream starved; clear resumes', () => {
    const stations = jingweiLine('spindle-base-l1', 6);
    const t = T0 + 10 * MINUTE;
    runDevices(stations, 10 * MINUTE);
    fault(stations[6], 'MACHINE_FAULT').inject(t, { mttrMin: 0, code: 'GAUGE_SERVO' });
    expect(counters(stations[6], t + MINUTE)).toMatchObject({ st: 'DOWN', why: 'fault', code: 'GAUGE_SERVO' });
    expect(counters(stations[2], t + MINUTE)).toMatchObject({ st: 'IDLE', why: 'blocked' });
    expect(counters(stations[9], t + MINUTE)).toMatchObject({ st: 'IDLE', why: 'starved' });
    const made = counters(stations[10], t + 5 * MINUTE)['total'];
    expect(counters(stations[10], t + 10 * MINUTE)['total']).toBe(made);
    fault(stations[6], 'MACHINE_FAULT').clear(t + 10 * MINUTE);
    expect(counters(stations[6], t + 11 * MINUTE)['st']).toBe('RUNNING');
  });

  it('ROBOT_STOP stops a line robot (gripper) and a standalone robot', () => {
    const stations = jingweiLine('spindle-base-l1', 7);
    const t = T0 + 5 * MINUTE;
    fault(stations[0], 'ROBOT_STOP').inject(t, { cause: 'gripper', downMin: 0 });
    const robotTelemetry = onTopic(runDevices([stations[0] as SimDevice], 2 * MINUTE, { startMs: t }).get(stations[0] as SimDevice) ?? [], 'telemetry');
    expect(robotTelemetry.at(-1)?.v).toMatchObject({ err: 'gripper', grip: false, speedPct: 0 });
    expect(counters(stations[5], t + MINUTE)['st']).toBe('IDLE');
    const cell = (DISCRETE_FACTORIES.robot ?? expect.fail())(testDevice('huaxiang/hongtong-qinbi/machining/crank-l1/robots/rb-001', 'robot'), testContext(1));
    fault(cell, 'ROBOT_STOP').inject(t, { cause: 'collision', downMin: 10 });
    expect(cell.state?.(t + MINUTE)).toMatchObject({ st: 'DOWN', code: 'ROBOT_STOP' });
    expect(cell.state?.(t + 11 * MINUTE)?.['code']).not.toBe('ROBOT_STOP'); // restarted (a random stop may follow)
  });

  it('MICRO_STOPS raises the micro-stop counter and lengthens the takt', () => {
    const stations = jingweiLine('spindle-base-l1', 8);
    const t = T0 + HOUR;
    const before = Number(counters(stations[3], t)['micro']);
    fault(stations[3], 'MICRO_STOPS').inject(t, { factor: 30 });
    expect(Number(counters(stations[3], t + 2 * HOUR)['micro']) - before).toBeGreaterThan(40);
  });

  it('GAUGE_DRIFT shifts the gauge mean by more than 3 µm and raises rejects', () => {
    const stations = jingweiLine('spindle-base-l1', 10);
    const gauge = stations[6] as SimDevice;
    const meanAt = (from: number): number => {
      const telemetry = onTopic(runDevices([gauge], 30 * MINUTE, { startMs: from }).get(gauge) ?? [], 'telemetry');
      return Number(telemetry.at(-1)?.v['meanUm']);
    };
    const scrap0 = Number(counters(gauge, T0 + HOUR)['scrap']);
    const before = meanAt(T0 + HOUR);
    fault(gauge, 'GAUGE_DRIFT').inject(T0 + 90 * MINUTE, { shiftUm: 6 });
    const after = meanAt(T0 + 90 * MINUTE);
    expect(after - before).toBeGreaterThan(3);
    const scrapAt2h = Number(counters(gauge, T0 + 2 * HOUR)['scrap']);
    const scrapDrift = Number(counters(gauge, T0 + 4 * HOUR)['scrap']) - scrapAt2h;
    expect(scrapDrift).toBeGreaterThan(Math.max(5, 3 * scrap0));
  });

  it('PRESSFIT_NOK: oversize above the corridor, missing part ≈ 0 force, burr early spike, wrong seating short', () => {
    const rng = new Rng(3);
    const ok = pressCurve(PRESS_FIT_DEFAULTS, rng);
    expect(ok.win).toBe('pass');
    expect(ok.fMaxKn / ok.fEndKn).toBeGreaterThan(1.25); // seating spike 1.3–1.8 × F
    expect(pressCurve(PRESS_FIT_DEFAULTS, rng, 'oversize').win).toBe('corridor');
    const missing = pressCurve(PRESS_FIT_DEFAULTS, rng, 'missing');
    expect(missing.fEndKn).toBeLessThan(0.2);
    expect(missing.win).not.toBe('pass');
    expect(pressCurve(PRESS_FIT_DEFAULTS, rng, 'burr').win).toBe('entry');
    const seating = pressCurve(PRESS_FIT_DEFAULTS, rng, 'seating');
    expect(seating.win).toBe('position');
    expect(seating.sEndMm).toBeLessThan(PRESS_FIT_DEFAULTS.endMm - 0.05);
  });

  it('PRESSFIT_NOK on a press diverts its parts: NOK verdicts and curves, rework on the station counters', () => {
    const stations = jingweiLine('spindle-base-l1', 12);
    const press = stations[3] as SimDevice;
    fault(press, 'PRESSFIT_NOK').inject(T0, { mode: 'oversize', rate: 1 });
    const messages = runDevices([press], 10 * MINUTE).get(press) ?? [];
    const verdicts = onTopic(messages, 'event').map((e) => [e.v['verdict'], e.v['win']]);
    expect(verdicts.length).toBeGreaterThan(50);
    expect(verdicts.every(([verdict, win]) => verdict === 'NOK' && win === 'corridor')).toBe(true);
    expect(onTopic(messages, 'event/curve').every((c) => c.v['verdict'] === 'NOK')).toBe(true);
    const state = counters(press, T0 + 12 * MINUTE); // a fresh snapshot (the state refreshes on change or after 60 s)
    expect(state).toMatchObject({ good: 0, rework: state['total'], scrap: state['total'] });
  });
});
