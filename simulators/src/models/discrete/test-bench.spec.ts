import type { CommandRequest } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../kit/rng.js';
import type { CommandDecision, CommandOutcome } from '../sim-device.js';
import { MINUTE, T0, onTopic, runDevices, testContext, testDevice } from './discrete.test-kit.js';
import { startTestHandler, testBenchDevice, testBenchFaults } from './test-bench.device.js';
import { TEST_BENCH_DEFAULTS, TestBenchModel } from './test-bench.model.js';
import { TEST_DURATION_MS } from './test-bench.profile.js';

const startTest = (value?: number, ts = T0): CommandRequest => ({ cmdId: `st-${ts}`, ts, expiresAt: ts + 15_000, user: 'qa', ...(value === undefined ? {} : { value, unit: 'MPa' }) });
/** A bench that waits for `start-test` (no local operator). */
const manualBench = (): TestBenchModel => new TestBenchModel({ ...TEST_BENCH_DEFAULTS, auto: false }, new Rng(2), T0, 'TB-1');

function settle(decision: CommandDecision, from: number): CommandOutcome {
  if (decision.status !== 'accepted') return expect.fail(`expected accepted, got ${decision.status}`);
  for (let t = from; t <= from + 30 * MINUTE; t += 1_000) {
    const outcome = decision.progress(t);
    if (outcome !== undefined) return outcome;
  }
  return expect.fail('no outcome');
}

/** pA samples of the running test between `from` and `to` (1 s telemetry). */
function pressures(bench: TestBenchModel, from: number, to: number): { step: string; pA: number }[] {
  const out: { step: string; pA: number }[] = [];
  for (let t = from; t <= to; t += 1_000) {
    const { v } = bench.telemetry(t);
    out.push({ step: v.step, pA: v.pA ?? NaN });
  }
  return out;
}

describe('Yuci test bench: start-test (domain.md §2.5.4, §3.5)', () => {
  it('accepts start-test on an idle bench, runs the GB/T 15622 sequence and applies PASS at the end', () => {
    const bench = manualBench();
    const decision = startTestHandler(bench)(startTest(20), T0 + MINUTE);
    const outcome = settle(decision, T0 + MINUTE);
    expect(outcome).toMatchObject({ status: 'applied', value: 'PASS', reachedAt: T0 + MINUTE + TEST_DURATION_MS });
    expect(bench.counters).toMatchObject({ total: 1, good: 1, scrap: 0 });
    expect(bench.events.next()?.v).toMatchObject({ type: 'test_done', verdict: 'PASS', pnMpa: 20, proofMpa: 30 });
  });

  it('holds the proof pressure at 1.5 × nominal for 10 s (§2.5.4)', () => {
    const bench = manualBench();
    startTestHandler(bench)(startTest(16), T0);
    const proof = pressures(bench, T0, T0 + 80_000).filter((p) => p.step === 'proof' && p.pA > 23.5);
    expect(proof.length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...proof.map((p) => p.pA))).toBeLessThan(24.2);
  });

  it('rejects start-test while a test runs (INTERLOCK) and outside 6.3–40 MPa (OUT_OF_RANGE)', () => {
    const bench = manualBench();
    const handle = startTestHandler(bench);
    expect(handle(startTest(), T0).status).toBe('accepted');
    expect(handle(startTest(16, T0 + 5_000), T0 + 5_000)).toMatchObject({ status: 'rejected', code: 'INTERLOCK' });
    expect(handle(startTest(80, T0 + 6_000), T0 + 6_000)).toMatchObject({ status: 'rejected', code: 'OUT_OF_RANGE' });
  });

  it('tests by itself between loads, publishing 10–100 Hz batches only during tests', () => {
    const device = testBenchDevice(testDevice('yuye/jz-yuci/testing/cylinders/_/tb-1', 'test-bench', { hz: 50 }), testContext(4));
    const messages = runDevices([device], 60 * MINUTE).get(device) ?? [];
    const done = onTopic(messages, 'event').filter((e) => e.v['type'] === 'test_done');
    expect(done.length).toBeGreaterThanOrEqual(8);
    expect(done.length).toBeLessThanOrEqual(12);
    const batches = onTopic(messages, 'telemetry/batch');
    expect(batches.every((b) => b.v['testId'] !== null && (b.v['pA'] as unknown[]).length <= 10)).toBe(true);
    expect(batches.length / 5 / 3_600).toBeGreaterThan(0.4); // share of time under test
  });
});

describe('test-bench faults (§2.5.4)', () => {
  it('SEAL_LEAK: the pressure decays during the hold, leakage ≫ 1 mL/min, verdict FAIL', () => {
    const bench = manualBench();
    testBenchFaults(bench)['SEAL_LEAK']?.inject(T0, { decayPerS: 0.05 });
    const decision = startTestHandler(bench)(startTest(16), T0);
    const hold = pressures(bench, T0 + 75_000, T0 + 110_000).filter((p) => p.step === 'int-leak');
    expect((hold[0]?.pA ?? 0) - (hold.at(-1)?.pA ?? 0)).toBeGreaterThan(8);
    expect(bench.telemetry(T0 + 100_000).v.leakMlMin).toBeGreaterThan(5);
    expect(settle(decision, T0 + 110_000)).toMatchObject({ status: 'applied', value: 'FAIL' });
  });

  it('STICK_SLIP: the position oscillates at low speed, verdict FAIL', () => {
    const [clean, slipping] = [manualBench(), manualBench()];
    startTestHandler(clean)(startTest(16), T0);
    const decision = startTestHandler(slipping)(startTest(16), T0);
    testBenchFaults(slipping)['STICK_SLIP']?.inject(T0 + 1_000, { ampMm: 2 });
    const at = T0 + 39_800; // start-p: creeping forward at 4 mm/s
    const [a, b] = [clean.batch(at)?.v, slipping.batch(at)?.v];
    expect(b?.step).toBe('start-p');
    const jerk = (b?.pos ?? []).map((p, i) => Math.abs((p ?? 0) - (a?.pos[i] ?? 0)));
    expect(Math.max(...jerk)).toBeGreaterThan(1);
    const steps = (b?.pos ?? []).slice(1).map((p, i) => (p ?? 0) - (b?.pos[i] ?? 0));
    expect(steps.some((d) => d < 0)).toBe(true); // creeping forward, yet sliding back
    expect(settle(decision, at)).toMatchObject({ status: 'applied', value: 'FAIL' });
  });

  it('OVER_PRESSURE: the proof pressure overshoots and the test trips → failed INTERLOCK, bench DOWN', () => {
    const bench = manualBench();
    testBenchFaults(bench)['OVER_PRESSURE']?.inject(T0, { overPct: 25 });
    const decision = startTestHandler(bench)(startTest(16), T0);
    const trip = T0 + 40_000 + Math.round((5_000 * 1.6) / (1.5 * 1.25)); // the ramp crosses the 1.6 × relief
    const peak = Math.max(...(bench.batch(trip - 1)?.v.pA ?? []).map((p) => p ?? 0));
    expect(peak).toBeGreaterThan(1.5 * 16); // above the proof pressure
    expect(settle(decision, T0)).toMatchObject({ status: 'failed', code: 'INTERLOCK' });
    expect(bench.status).toBe('DOWN');
    expect(startTestHandler(bench)(startTest(16, T0 + 60_000), T0 + 60_000)).toMatchObject({ status: 'rejected', code: 'INTERLOCK' });
  });
});
