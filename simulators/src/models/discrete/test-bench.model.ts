import type { MachineStatus, StopReason, TestBenchBatch, TestBenchTelemetry } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import { lag, quantise } from '../../kit/signal.js';
import { PartCounters } from './machine-cycle.js';
import { EventQueue, type StatusSource } from './machine-state.js';
import { benchSample, stepAt, TEST_DURATION_MS, TEST_SEQUENCE, type BenchFaults } from './test-bench.profile.js';

const MINUTE = 60_000;
/** Relief-valve setting as a multiple of the nominal pressure: above the 1.5 × proof pressure. */
const RELIEF = 1.6;

/** Test-bench parameters (domain.md §2.5.4). */
export interface TestBenchParams {
  /** Nominal pressure of the cylinders under test [MPa]. */
  readonly pnMpa: number;
  readonly strokeMm: number;
  /** Sample rate of the batched signals during tests [Hz] (§2.5.4: 10–100). */
  readonly hz: number;
  /** Period of the sample batches during tests [ms] (see TEST_BENCH_PERIODS). */
  readonly batchMs: number;
  /** Operator load/unload time between tests [ms]. */
  readonly loadMs: number;
  /** Start the next test by itself after loading (the local operator); else only `start-test`. */
  readonly auto: boolean;
}

/** Nominal 16 MPa, 500 mm stroke, 50 Hz samples in 200 ms batches, 2.5 min loading, auto. */
export const TEST_BENCH_DEFAULTS: TestBenchParams = { pnMpa: 16, strokeMm: 500, hz: 50, batchMs: 200, loadMs: 150_000, auto: true };

/** Outcome of one test: PASS, FAIL (leak, stick-slip) or ABORT (over-pressure trip). */
export interface TestOutcome {
  readonly testId: string;
  readonly verdict: 'PASS' | 'FAIL' | 'ABORT';
  readonly endMs: number;
}

/** The test in progress and the faults it has seen. */
export interface RunningTest {
  readonly id: string;
  readonly startMs: number;
  readonly pn: number;
  leak: boolean;
  slip: boolean;
  abortAt: number | undefined;
}

/**
 * A Yuci hydraulic-cylinder test bench (§2.5.4): loading (SETUP) → the GB/T 15622 sequence
 * (RUNNING, ≈ 4 min) → verdict; counters count tested cylinders (good = PASS). Faults set
 * {@link BenchFaults}; an over-pressure trips the test (DOWN 5 min). Pure, stepped by time.
 */
export class TestBenchModel implements StatusSource {
  status: MachineStatus = 'SETUP';
  why: StopReason | null = 'changeover';
  code: string | null = null;
  since: number;
  version = 0;
  readonly counters = new PartCounters();
  readonly events = new EventQueue();
  readonly faults: BenchFaults = { decayPerS: 0, slipMm: 0, overPct: 0 };
  test: RunningTest | undefined;
  private readonly outcomes: TestOutcome[] = [];
  private nextMs: number;
  private testNo = 0;
  private tOil = 45;
  private lastMs: number;
  private readonly seq = { telemetry: new SequenceCounter(), batch: new SequenceCounter() };

  constructor(
    readonly params: TestBenchParams,
    private readonly rng: Rng,
    startMs: number,
    private readonly benchId: string,
  ) {
    this.since = startMs;
    this.lastMs = startMs;
    this.nextMs = startMs + Math.floor(rng.float() * params.loadMs);
  }

  /** Processes test ends, trips and automatic starts up to `nowMs`. */
  advance(nowMs: number): void {
    for (;;) {
      const test = this.test;
      if (test !== undefined) {
        const end = Math.min(test.abortAt ?? Infinity, test.startMs + TEST_DURATION_MS);
        if (end > nowMs) return;
        this.finish(end);
      } else if (this.nextMs <= nowMs) {
        const t = this.nextMs;
        if (this.status === 'DOWN') this.enter(t, 'SETUP', 'changeover', null, t + this.params.loadMs);
        else if (this.params.auto) this.start(t, this.params.pnMpa);
        else this.enter(t, 'IDLE', 'starved', null, Infinity);
      } else return;
    }
  }

  /** Starts a test now (command `start-test`); false when a test runs or the bench is tripped. */
  tryStart(nowMs: number, pn: number): string | undefined {
    this.advance(nowMs);
    if (this.test !== undefined || this.status === 'DOWN') return undefined;
    return this.start(nowMs, pn);
  }

  /** The outcome of test `id`, once it has ended. */
  outcome(id: string): TestOutcome | undefined {
    return this.outcomes.find((o) => o.testId === id);
  }

  /** Marks a fault as seen by the running test (and schedules an over-pressure trip). */
  noteFaults(nowMs: number): void {
    const test = this.test;
    if (test === undefined) return;
    test.leak ||= this.faults.decayPerS > 0;
    test.slip ||= this.faults.slipMm > 0;
    // The relief trips when the proof ramp (5 s to 1.5 × nominal × overshoot) crosses RELIEF × nominal.
    const peak = 1.5 * (1 + this.faults.overPct);
    const proofStart = test.startMs + 40_000;
    if (peak > RELIEF && nowMs < proofStart + 15_000 && test.abortAt === undefined) test.abortAt = Math.max(nowMs, proofStart + Math.round((5_000 * RELIEF) / peak));
  }

  /** `telemetry` (1 s, §2.5.4). */
  telemetry(nowMs: number): TestBenchTelemetry {
    this.advance(nowMs);
    this.tOil = lag(this.tOil, this.test !== undefined ? 55 : 42, nowMs - this.lastMs, 30 * MINUTE);
    this.lastMs = nowMs;
    const test = this.test;
    const at = test === undefined ? undefined : stepAt(nowMs - test.startMs);
    const s = test !== undefined && at !== undefined ? benchSample(at.step, at.t, test.pn, this.params.strokeMm, this.faults) : { pA: 0, pB: 0, pos: 0, v: 0 };
    const leak = at?.step === 'int-leak' ? (test?.leak === true ? 12 : 0.15) * (1 + 0.1 * this.rng.normal()) : 0;
    return {
      ts: nowMs, seq: this.seq.telemetry.next(), q: 'good',
      v: {
        step: at?.step ?? (this.status === 'SETUP' ? 'load' : 'idle'), testId: test?.id ?? null,
        pA: quantise(Math.max(0, s.pA + 0.02 * this.rng.normal()), 0.01), pB: quantise(Math.max(0, s.pB + 0.02 * this.rng.normal()), 0.01),
        posMm: quantise(s.pos, 0.1), vMms: quantise(s.v, 0.1), flowLmin: quantise(Math.abs(s.v) * 0.047, 0.1), tOil: quantise(this.tOil, 0.1), leakMlMin: quantise(Math.max(0, leak), 0.01),
      },
    };
  }

  /** `telemetry/batch` during tests: the last `batchMs` sampled at `hz`, or undefined between tests. */
  batch(nowMs: number): TestBenchBatch | undefined {
    this.advance(nowMs);
    const test = this.test;
    if (test === undefined) return undefined;
    const { hz, strokeMm, batchMs } = this.params;
    const t0 = Math.max(nowMs - batchMs, test.startMs);
    const n = Math.max(1, Math.min(hz, Math.floor(((nowMs - t0) * hz) / 1_000)));
    const pA: number[] = new Array<number>(n);
    const pB: number[] = new Array<number>(n);
    const pos: number[] = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const at = stepAt(t0 + (i * 1_000) / hz - test.startMs) ?? { step: 'stroke' as const, t: 20 };
      const s = benchSample(at.step, at.t, test.pn, strokeMm, this.faults);
      pA[i] = quantise(Math.max(0, s.pA + 0.02 * this.rng.normal()), 0.01);
      pB[i] = quantise(Math.max(0, s.pB + 0.02 * this.rng.normal()), 0.01);
      pos[i] = quantise(s.pos, 0.1);
    }
    const step = stepAt(nowMs - test.startMs)?.step ?? 'stroke';
    return { ts: nowMs, seq: this.seq.batch.next(), q: 'good', v: { testId: test.id, step, hz, t0, pA, pB, pos } };
  }

  private start(t: number, pn: number): string {
    this.testNo++;
    const id = `${this.benchId}-${String(this.testNo).padStart(5, '0')}`;
    this.test = { id, startMs: t, pn, leak: false, slip: false, abortAt: undefined };
    this.noteFaults(t);
    this.enter(t, 'RUNNING', null, null, Infinity);
    return id;
  }

  private finish(t: number): void {
    const test = this.test;
    if (test === undefined) return;
    this.test = undefined;
    const aborted = test.abortAt !== undefined && test.abortAt <= t;
    const verdict = aborted ? 'ABORT' : test.leak || test.slip ? 'FAIL' : 'PASS';
    const failStep = aborted ? 'proof' : test.leak ? 'int-leak' : test.slip ? 'start-p' : null;
    this.counters.count(verdict === 'PASS');
    this.outcomes.push({ testId: test.id, verdict, endMs: t });
    if (this.outcomes.length > 16) this.outcomes.shift();
    const leakMlMin = quantise(test.leak ? 12 : 0.15 + 0.05 * this.rng.float(), 0.01);
    this.events.push({ ts: t, v: { type: 'test_done', testId: test.id, verdict, failStep, pnMpa: test.pn, proofMpa: quantise(1.5 * test.pn * (1 + (aborted ? this.faults.overPct : 0)), 0.1), leakMlMin, durS: Math.round((t - test.startMs) / 1000), steps: TEST_SEQUENCE.length } });
    if (aborted) this.enter(t, 'DOWN', 'fault', 'OVER_PRESSURE', t + 5 * MINUTE);
    else this.enter(t, 'SETUP', 'changeover', null, t + this.params.loadMs * (0.8 + 0.4 * this.rng.float()));
  }

  private enter(t: number, status: MachineStatus, why: StopReason | null, code: string | null, nextMs: number): void {
    this.status = status;
    this.why = why;
    this.code = code;
    this.since = t;
    this.version++;
    this.nextMs = Math.round(nextMs);
  }
}
