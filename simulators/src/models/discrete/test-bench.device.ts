import type { CommandRequest } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import type { DeviceContext } from '../device-factory.js';
import type { CommandDecision, FaultHandler, SimDevice } from '../sim-device.js';
import { discreteMeta } from './discrete-meta.js';
import { flag, num, optNum, paramsOf, pathOf, type DiscreteParams } from './discrete-params.js';
import { StateSnapshot } from './machine-state.js';
import { TEST_BENCH_DEFAULTS, TestBenchModel } from './test-bench.model.js';
import { TEST_DURATION_MS } from './test-bench.profile.js';

/**
 * Test-bench periods (§4.4): telemetry 1 s; events polled every 1 s; during tests the 10–100 Hz
 * samples go out in batches every `batchMs` (param, default 200 ms = 10 samples at 50 Hz). [!] §4.4
 * reads "1 s (10–100 Hz batched during tests)" yet totals the scenario at ≈ 20–40 msg/s, which its
 * own table rows (≈ 8 msg/s) cannot reach: 1 s batches give ≈ 17 msg/s, 200 ms batches ≈ 26.
 */
export const TEST_BENCH_PERIODS = { telemetryMs: 1_000, eventPollMs: 1_000 } as const;
/** `start-test` limits: nominal pressure of the cylinder under test [MPa] (value; default the bench's). */
export const START_TEST_LIMITS = { minMpa: 6.3, maxMpa: 40 } as const;

/** Units of test-bench telemetry, batches and events, for `meta`. */
export const TEST_BENCH_UNITS: Readonly<Record<string, string>> = { pA: 'MPa', pB: 'MPa', posMm: 'mm', vMms: 'mm/s', flowLmin: 'L/min', tOil: '°C', leakMlMin: 'mL/min', hz: 'Hz', pos: 'mm', pnMpa: 'MPa', proofMpa: 'MPa', durS: 's' };

/**
 * `start-test` (§3.5 `startTest`): value = nominal pressure [MPa] (optional). Rejected INTERLOCK
 * while a test runs or the bench is tripped, OUT_OF_RANGE outside 6.3–40 MPa; accepted → applied
 * when the test ends with value PASS/FAIL and `reachedAt`, or failed INTERLOCK on an over-pressure trip.
 */
export function startTestHandler(model: TestBenchModel): (request: CommandRequest, nowMs: number) => CommandDecision {
  return (request, nowMs) => {
    const pn = typeof request.value === 'number' ? request.value : request.value === undefined || request.value === null ? model.params.pnMpa : NaN;
    if (!(pn >= START_TEST_LIMITS.minMpa && pn <= START_TEST_LIMITS.maxMpa)) return { status: 'rejected', code: 'OUT_OF_RANGE', message: `nominal pressure must be ${START_TEST_LIMITS.minMpa}–${START_TEST_LIMITS.maxMpa} MPa` };
    const id = model.tryStart(nowMs, pn);
    if (id === undefined) return { status: 'rejected', code: 'INTERLOCK', message: model.status === 'DOWN' ? 'bench tripped' : 'a test is running' };
    return {
      status: 'accepted',
      prev: null,
      progress(now) {
        model.advance(now);
        const outcome = model.outcome(id);
        if (outcome === undefined) return undefined;
        if (outcome.verdict === 'ABORT') return { status: 'failed', code: 'INTERLOCK', message: `test ${id} aborted: over-pressure trip` };
        return { status: 'applied', value: outcome.verdict, reachedAt: outcome.endMs };
      },
    };
  };
}

/** Faults of §2.5.4: seal leak, creep/stick-slip, over-pressure. */
export function testBenchFaults(model: TestBenchModel): Record<string, FaultHandler> {
  const set = (apply: (options: Readonly<Record<string, number | string>> | undefined) => void, reset: () => void, description: string): FaultHandler => ({
    description,
    inject(nowMs, options) {
      model.advance(nowMs);
      apply(options);
      model.noteFaults(nowMs);
    },
    clear(nowMs) {
      model.advance(nowMs);
      reset();
    },
  });
  const f = model.faults;
  return {
    SEAL_LEAK: set((o) => (f.decayPerS = optNum(o, 'decayPerS', 0.03)), () => (f.decayPerS = 0), 'Seal leak: pressure decays during the holds, internal leakage ≫ 1 mL/min, test FAIL (§2.5.4). Option: decayPerS (0.03)'),
    STICK_SLIP: set((o) => (f.slipMm = optNum(o, 'ampMm', 1.5)), () => (f.slipMm = 0), 'Creep/stick-slip: position oscillates at low speed (2 Hz), test FAIL (§2.5.4). Option: ampMm (1.5)'),
    OVER_PRESSURE: set((o) => (f.overPct = optNum(o, 'overPct', 20) / 100), () => (f.overPct = 0), 'Over-pressure: proof pressure overshoots 1.5 × nominal, the test trips (ABORT, bench DOWN 5 min) (§2.5.4). Option: overPct (20)'),
  };
}

/**
 * A Yuci hydraulic-cylinder test bench (domain.md §2.5.4, §4.4) as a {@link SimDevice}:
 * `telemetry` every 1 s, `telemetry/batch` (10–100 Hz samples, batches every 200 ms) during tests,
 * `event` test_done, retained machine `state`, command `start-test`. Params: pnMpa, strokeMm,
 * hz, batchMs, loadS, auto (default true: the local operator starts the next test after loading).
 */
export function testBenchDevice(device: PlantDevice, context: DeviceContext, params: DiscreteParams = paramsOf(device, context)): SimDevice {
  const d = TEST_BENCH_DEFAULTS;
  const benchParams = {
    pnMpa: num(params, 'pnMpa', d.pnMpa), strokeMm: num(params, 'strokeMm', d.strokeMm), hz: Math.min(100, Math.max(10, Math.round(num(params, 'hz', d.hz)))),
    batchMs: Math.min(1_000, Math.max(100, num(params, 'batchMs', d.batchMs))), loadMs: num(params, 'loadS', d.loadMs / 1000) * 1000, auto: flag(params, 'auto', d.auto),
  };
  const model = new TestBenchModel(benchParams, Rng.forKey(context.seed, device.key), context.startMs, pathOf(device).device.toUpperCase());
  const snapshot = new StateSnapshot();
  const stagger = fnv1a(device.key) % 1_000;
  const { telemetryMs, eventPollMs } = TEST_BENCH_PERIODS;
  const batchMs = benchParams.batchMs;
  return {
    key: device.key,
    type: 'test-bench',
    meta: (now) => discreteMeta(device, 'test-bench', now, TEST_BENCH_UNITS, { 'start-test': { value: 'pnMpa', unit: 'MPa', min: START_TEST_LIMITS.minMpa, max: START_TEST_LIMITS.maxMpa } }),
    streams: [
      { cls: 'telemetry', sub: [], qos: 0, periodMs: telemetryMs, firstAfterMs: stagger, emit: (now) => model.telemetry(now) },
      { cls: 'telemetry', sub: ['batch'], qos: 0, periodMs: batchMs, firstAfterMs: stagger, emit: (now) => model.batch(now) },
      { cls: 'event', sub: [], qos: 1, periodMs: eventPollMs, firstAfterMs: stagger, emit: (now) => (model.advance(now), model.events.next()) },
    ],
    state: (now) => (model.advance(now), snapshot.get(now, model, model.counters, TEST_DURATION_MS)),
    commands: { 'start-test': startTestHandler(model) },
    faults: testBenchFaults(model),
  };
}
