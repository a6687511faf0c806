import { describe, expect, it } from 'vitest';
import { Rng } from '../../kit/rng.js';
import type { FaultHandler, SimDevice } from '../sim-device.js';
import { cncDevice } from './cnc.device.js';
import { cncFaults } from './cnc.faults.js';
import { CNC_DEFAULTS, CncModel, flankWear } from './cnc.model.js';
import { HOUR, MINUTE, T0, onTopic, parseWithSchema, runDevices, testContext, testDevice } from './discrete.test-kit.js';
import { oeeOf } from './machine-cycle.js';

const KEY = 'huaxiang/hongtong-qinbi/machining/crank-l3/op20/cnc-0317';
const cnc = (params = {}, seed = 42): SimDevice => cncDevice(testDevice(KEY, 'cnc', { vib: true, ...params }), testContext(seed));
const model = (seed = 1): CncModel => new CncModel(CNC_DEFAULTS, new Rng(seed), new Rng(seed + 1), T0, 'CNC-1');

describe('CNC model (domain.md §2.5.1, §2.5.2, §2.5.6)', () => {
  it('publishes telemetry, vibration, part events and state that parse with their schemas over an 8-h shift', () => {
    const device = cnc();
    const messages = runDevices([device], 8 * HOUR).get(device) ?? [];
    for (const m of messages) parseWithSchema('cnc', m);
    expect(onTopic(messages, 'telemetry')).toHaveLength(8 * 720);
    expect(onTopic(messages, 'telemetry/vibration')).toHaveLength(8 * 360);
    const parts = onTopic(messages, 'event').filter((e) => e.v['type'] === 'part_done');
    expect(parts.length).toBeGreaterThan(8 * 60); // 25–45 s ideal cycles, OEE ≈ 70–85 %
    expect(parts.length).toBeLessThan(8 * 150);
    expect(parts.every((p, i) => i === 0 || p.ts >= (parts[i - 1]?.ts ?? 0))).toBe(true);
  });

  it('keeps counters monotonic with good + scrap = total, and the state refreshed at least every minute', () => {
    const device = cnc({}, 7);
    const states = onTopic(runDevices([device], 8 * HOUR).get(device) ?? [], 'state');
    let previous = { total: 0, good: 0, scrap: 0 };
    for (const { v, ts } of states) {
      const c = { total: Number(v['total']), good: Number(v['good']), scrap: Number(v['scrap']) };
      expect(c.good + c.scrap).toBe(c.total);
      expect(c.total >= previous.total && c.good >= previous.good && c.scrap >= previous.scrap).toBe(true);
      previous = c;
      expect(ts).toBeGreaterThan(0);
    }
    expect(states.length).toBeGreaterThanOrEqual(8 * 60);
    expect(states.length).toBeLessThan(8 * 60 + 100); // heartbeat + changes, not one per part
  });

  it('gives consistent OEE inputs: run ≤ planned, ideal·total ≤ run, quality from counters (§2.5.1)', () => {
    const m = model(3);
    const inputs = m.cycle.oee(T0 + 24 * HOUR);
    const { availability, performance, quality, oee } = oeeOf(inputs);
    expect(inputs.plannedMs).toBe(24 * HOUR);
    expect(inputs.runMs).toBeLessThanOrEqual(inputs.plannedMs);
    expect(inputs.idealCycleMs * inputs.total).toBeLessThanOrEqual(inputs.runMs + inputs.idealCycleMs);
    expect(quality).toBeCloseTo(m.cycle.counters.good / m.cycle.counters.total, 12);
    expect(availability).toBeGreaterThan(0.7);
    expect(performance).toBeGreaterThan(0.8);
    expect(quality).toBeGreaterThan(0.98);
    expect(oee).toBeGreaterThan(0.55);
    expect(oee).toBeLessThan(0.9);
  });

  it('spreads cycle times realistically and never below the ideal cycle', () => {
    const device = cnc({ cycleS: 35 }, 9);
    const cycles = onTopic(runDevices([device], 8 * HOUR).get(device) ?? [], 'event').filter((e) => e.v['type'] === 'part_done').map((e) => Number(e.v['cycleS']));
    const sorted = [...cycles].sort((a, b) => a - b);
    expect(sorted[0]).toBeGreaterThanOrEqual(35);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    expect(median).toBeGreaterThan(35.5);
    expect(median).toBeLessThan(40);
    expect(sorted[sorted.length - 1]).toBeGreaterThan(median + 5); // micro-stops stretch some cycles
  });

  it('wears the tool in three phases (§2.5.6)', () => {
    expect(flankWear(0.05)).toBeCloseTo(0.05, 6);
    expect(flankWear(0.8)).toBeCloseTo(0.25, 6);
    expect(flankWear(1)).toBeCloseTo(0.3, 6);
    expect(flankWear(0.5) - flankWear(0.4)).toBeCloseTo(flankWear(0.7) - flankWear(0.6), 6);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const run = (seed: number): string => JSON.stringify(runDevices([cnc({}, seed)], 2 * HOUR).values().next().value);
    expect(run(5)).toBe(run(5));
    expect(run(5)).not.toBe(run(6));
  });
});

describe('CNC faults (§2.5.6, §2.5.7)', () => {
  it('TOOL_WEAR raises spindle load 10–30 %, drifts the bore negative and raises scrap', () => {
    const m = model(11);
    const base = meanLoad(m, T0, T0 + HOUR);
    m.ageTool(0);
    const before = m.cycle.counters.scrap;
    const dev = cncFaultsOf(m).TOOL_WEAR;
    dev.inject(T0 + HOUR, { lifePct: 0, loadRisePct: 25 });
    const worn = meanLoad(m, T0 + 2 * HOUR, T0 + 3 * HOUR);
    expect(worn / base).toBeGreaterThan(1.1);
    expect(m.cycle.counters.scrap - before).toBeGreaterThan(3);
    dev.clear(T0 + 3 * HOUR);
    expect(m.toolLifePct).toBe(100);
  });

  it('TOOL_BREAK spikes the load to 150–300 %, then air cut, the part in work NOK, machine DOWN', () => {
    const m = model(12);
    const t = runningAt(m, T0 + 10 * MINUTE);
    const scrap = m.cycle.counters.scrap;
    cncFaultsOf(m).TOOL_BREAK.inject(t, { spikePct: 250 });
    const spiked = m.telemetry(t + 2_000, 5_000).v;
    expect(spiked.loadMax).toBe(250);
    expect(spiked.load).toBeLessThan(11);
    m.telemetry(t + 7_000, 5_000);
    expect(m.cycle.status).toBe('DOWN');
    expect(m.cycle.code).toBe('TOOL_BREAK');
    expect(m.cycle.counters.scrap).toBe(scrap + 1);
  });

  it('SPINDLE_BEARING_WEAR raises HF and crest first, then RMS into zone C/D and the spindle temperature', () => {
    const m = model(13);
    const at = (h: number) => m.vibrationTelemetry(runningAt(m, T0 + h * HOUR)).v;
    const healthy = at(0.5);
    const tBefore = m.telemetry(T0 + HOUR, 5_000).v.tSpindle ?? 0;
    cncFaultsOf(m).SPINDLE_BEARING_WEAR.inject(T0 + HOUR, { tauH: 4 });
    const early = at(2);
    expect(early.hf ?? 0).toBeGreaterThan(5 * (healthy.hf ?? 1));
    expect(early.crest ?? 0).toBeGreaterThan((healthy.crest ?? 0) + 1);
    expect((early.rms ?? 0) / (healthy.rms ?? 1)).toBeLessThan(1.6);
    const late = at(12);
    expect(['C', 'D']).toContain(late.zone);
    expect((m.telemetry(runningAt(m, T0 + 12.1 * HOUR), 5_000).v.tSpindle ?? 0) - tBefore).toBeGreaterThan(5);
  });

  it('UNBALANCE adds a 1× component', () => {
    const m = model(14);
    const before = m.vibrationTelemetry(runningAt(m, T0 + MINUTE)).v;
    cncFaultsOf(m).UNBALANCE.inject(T0 + MINUTE, { addMmS: 3 });
    const after = m.vibrationTelemetry(runningAt(m, T0 + 2 * MINUTE)).v;
    expect((after.bands[0] ?? 0) - (before.bands[0] ?? 0)).toBeGreaterThan(2);
    expect(after.rms ?? 0).toBeGreaterThan(2.8);
  });

  it('MICRO_STOPS counts more micro-stops and lengthens cycles; MACHINE_FAULT puts the machine DOWN until cleared', () => {
    const m = model(15);
    const faults = cncFaultsOf(m);
    m.stateValues(T0 + 4 * HOUR);
    const base = m.cycle.counters.micro;
    faults.MICRO_STOPS.inject(T0 + 4 * HOUR, { factor: 20 });
    expect(m.stateValues(T0 + 8 * HOUR).micro - base).toBeGreaterThan(3 * base + 10);
    faults.MACHINE_FAULT.inject(T0 + 8 * HOUR, { mttrMin: 0, code: 'SERVO_ALARM' });
    expect(m.stateValues(T0 + 9 * HOUR)).toMatchObject({ st: 'DOWN', why: 'fault', code: 'SERVO_ALARM' });
    faults.MACHINE_FAULT.clear(T0 + 9 * HOUR);
    expect(m.stateValues(T0 + 9 * HOUR).st).toBe('RUNNING');
  });
});

/** The CNC fault handlers by code (fails the test when one is missing). */
function cncFaultsOf(m: CncModel): Record<'TOOL_WEAR' | 'TOOL_BREAK' | 'SPINDLE_BEARING_WEAR' | 'UNBALANCE' | 'MICRO_STOPS' | 'MACHINE_FAULT', FaultHandler> {
  const faults = cncFaults(m);
  const get = (code: string): FaultHandler => faults[code] ?? expect.fail(`no fault ${code}`);
  return { TOOL_WEAR: get('TOOL_WEAR'), TOOL_BREAK: get('TOOL_BREAK'), SPINDLE_BEARING_WEAR: get('SPINDLE_BEARING_WEAR'), UNBALANCE: get('UNBALANCE'), MICRO_STOPS: get('MICRO_STOPS'), MACHINE_FAULT: get('MACHINE_FAULT') };
}

/** Mean telemetry load while RUNNING over [from, to). */
function meanLoad(m: CncModel, from: number, to: number): number {
  let sum = 0;
  let n = 0;
  for (let t = from; t < to; t += 5_000) {
    const { load } = m.telemetry(t, 5_000).v;
    if (m.cycle.status === 'RUNNING' && load !== null) {
      sum += load;
      n++;
    }
  }
  return sum / n;
}

/** The first time ≥ `from` (1-s steps) at which the machine is RUNNING. */
function runningAt(m: CncModel, from: number): number {
  let t = from;
  for (m.sync(t); m.cycle.status !== 'RUNNING'; m.sync(t)) t += 1_000;
  return t;
}
