import type { MachineStatus, StopReason } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** The retained state is refreshed on every status change and at least every 60 s (§2.7 CNC state). */
export const STATE_HEARTBEAT_MS = 60_000;

/**
 * Availability and performance knobs of one machine (domain.md §2.5.1): MTBF 8–40 h, MTTR
 * 10–60 min, micro-stops under 2 min counted as performance loss, starved/blocked idles and
 * changeovers. Defaults land a typical plant at OEE ≈ 70–80 % (§2.5.1: world class 85 %).
 */
export interface MachineCycleParams {
  /** Ideal (nameplate) cycle time [ms]: the OEE Performance reference. */
  readonly idealCycleMs: number;
  /** Mean actual / ideal cycle (speed loss), ≥ 1. */
  readonly speedLoss: number;
  /** Log-normal σ of the cycle time around the mean. */
  readonly cycleSigma: number;
  readonly mtbfH: number;
  readonly mttrMin: number;
  readonly microStopsPerH: number;
  /** Mean micro-stop [s] (uniform 10 s … 2 × mean − 10 s, always < 2 min). */
  readonly microStopS: number;
  readonly starvedPerH: number;
  readonly starvedMin: number;
  readonly blockedPerH: number;
  readonly blockedMin: number;
  readonly changeoverEveryH: number;
  readonly changeoverMin: number;
}

/** Typical plant (§2.5.1): MTBF 16 h, MTTR 30 min, 3 micro-stops/h, a changeover every 12 h → OEE ≈ 0.75–0.85. */
export const MACHINE_CYCLE_DEFAULTS: Omit<MachineCycleParams, 'idealCycleMs'> = {
  speedLoss: 1.06, cycleSigma: 0.03, mtbfH: 16, mttrMin: 30, microStopsPerH: 3, microStopS: 40,
  starvedPerH: 0.6, starvedMin: 5, blockedPerH: 0.3, blockedMin: 4, changeoverEveryH: 12, changeoverMin: 25,
};

/** Monotonic part counters of §2.5.1: good + scrap = total; rework ⊆ scrap; micro-stops counted. */
export class PartCounters {
  total = 0;
  good = 0;
  scrap = 0;
  rework = 0;
  micro = 0;

  count(ok: boolean, reworked = false): void {
    this.total++;
    if (ok) this.good++;
    else {
      this.scrap++;
      if (reworked) this.rework++;
    }
  }
}

/** OEE inputs over the run so far (§2.5.1, §7): A = run/planned, P = ideal·total/run, Q = good/total. */
export interface OeeInputs {
  readonly plannedMs: number;
  readonly runMs: number;
  readonly total: number;
  readonly good: number;
  readonly idealCycleMs: number;
}

/** OEE = A × P × Q from its inputs, Performance capped at 100 % (§2.5.1). */
export function oeeOf(inputs: OeeInputs): { availability: number; performance: number; quality: number; oee: number } {
  const availability = inputs.plannedMs > 0 ? inputs.runMs / inputs.plannedMs : 0;
  const performance = inputs.runMs > 0 ? Math.min(1, (inputs.idealCycleMs * inputs.total) / inputs.runMs) : 0;
  const quality = inputs.total > 0 ? inputs.good / inputs.total : 1;
  return { availability, performance, quality, oee: availability * performance * quality };
}

/** Judges one finished part at `endMs` (cycle `cycleMs`); true = good. May stop the machine. */
export type PartJudge = (endMs: number, cycleMs: number) => boolean;

/**
 * The machine state machine of §2.5.1 as a discrete-event model: RUNNING produces parts at
 * log-normally spread cycle times (micro-stops folded into the cycle, as Performance loss);
 * random stops (fault by MTBF/MTTR, starved, blocked, changeover) come at part boundaries;
 * faults and holds can force a stop at any time. Its own Rng, consumed in event order, so the
 * outcome is the same however often the caller advances it. Pure and allocation-light.
 */
export class MachineCycle {
  status: MachineStatus = 'RUNNING';
  why: StopReason | null = null;
  code: string | null = null;
  since: number;
  /** Bumped on every status change: the retained state's change detector. */
  version = 0;
  lastCycleMs: number;
  readonly counters = new PartCounters();
  /** Multiplies the micro-stop rate (MICRO_STOPS fault). */
  microFactor = 1;
  /**
   * Told when the machine's own random fault stop (MTBF) begins and ends, so the simulation can
   * record it as ground truth (injected faults are recorded by the injector instead).
   */
  onOwnFault: ((phase: 'begin' | 'end', code: string, atMs: number) => void) | undefined;
  private ownFault: string | undefined;
  private readonly startMs: number;
  private runMs = 0;
  private plannedStopMs = 0;
  private nextMs: number;
  private partStartMs: number;
  private runToStopMs: number;
  private forced = false;
  /** Latest time the cycle has been advanced to: forced changes never go back before it. */
  private clockMs: number;

  constructor(
    readonly params: MachineCycleParams,
    private readonly rng: Rng,
    startMs: number,
    private readonly judge: PartJudge,
  ) {
    this.startMs = startMs;
    this.since = startMs;
    this.clockMs = startMs;
    this.lastCycleMs = params.idealCycleMs;
    // Start at a random phase of the first cycle so a fleet of machines does not finish together.
    const first = this.drawCycle();
    this.partStartMs = startMs - Math.floor(rng.float() * first);
    this.nextMs = this.partStartMs + first;
    this.runToStopMs = this.drawRunToStop();
  }

  /** Processes every part end and stop end up to `nowMs`. */
  advance(nowMs: number): void {
    while (this.nextMs <= nowMs) {
      const t = this.nextMs;
      if (this.status === 'RUNNING') this.finishPart(t);
      else this.restart(t);
    }
    if (nowMs > this.clockMs) this.clockMs = nowMs;
  }

  /** Stops the machine now (fault, hold); `durationMs` Infinity = until {@link resume}. The part in work is abandoned. */
  forceStop(nowMs: number, status: Exclude<MachineStatus, 'RUNNING'>, why: StopReason, code: string | null, durationMs = Infinity): void {
    this.advance(nowMs);
    const t = Math.max(nowMs, this.clockMs);
    this.enter(t, status, why, code);
    this.nextMs = t + Math.round(durationMs);
    this.forced = true;
  }

  /** Ends a forced stop (fault cleared, hold released); `why` and `code` limit it to stops of that reason and code. */
  resume(nowMs: number, why?: StopReason, code?: string): void {
    this.advance(nowMs);
    if (this.status === 'RUNNING' || !this.forced || (why !== undefined && this.why !== why) || (code !== undefined && this.code !== code)) return;
    this.restart(Math.max(nowMs, this.clockMs));
  }

  /** Counts a part that ended outside the normal cycle (e.g. broken on a tool break). */
  countPart(ok: boolean): void {
    this.counters.count(ok);
  }

  /** OEE inputs from `startMs` to `nowMs`. */
  oee(nowMs: number): OeeInputs {
    this.advance(nowMs);
    const current = nowMs - this.since;
    const runMs = this.runMs + (this.status === 'RUNNING' ? current : 0);
    const planned = this.plannedStopMs + (this.why === 'planned' ? current : 0);
    return { plannedMs: nowMs - this.startMs - planned, runMs, total: this.counters.total, good: this.counters.good, idealCycleMs: this.params.idealCycleMs };
  }

  private finishPart(t: number): void {
    const cycleMs = t - this.partStartMs;
    this.runToStopMs -= cycleMs;
    this.lastCycleMs = cycleMs;
    this.counters.count(this.judge(t, cycleMs));
    if (this.status !== 'RUNNING') return; // the judge stopped the machine
    if (this.runToStopMs <= 0) this.randomStop(t);
    else this.startPart(t);
  }

  private startPart(t: number): void {
    this.partStartMs = t;
    this.nextMs = t + this.drawCycle();
  }

  private restart(t: number): void {
    this.enter(t, 'RUNNING', null, null);
    this.forced = false;
    this.startPart(t);
  }

  private enter(t: number, status: MachineStatus, why: StopReason | null, code: string | null): void {
    if (this.ownFault !== undefined) this.onOwnFault?.('end', this.ownFault, t);
    this.ownFault = undefined;
    if (this.status === 'RUNNING') this.runMs += t - this.since;
    if (this.why === 'planned') this.plannedStopMs += t - this.since;
    this.status = status;
    this.why = why;
    this.code = code;
    this.since = t;
    this.version++;
  }

  /** Cycle time: ideal × speed loss × log-normal spread (never faster than ideal) + a micro-stop now and then. */
  private drawCycle(): number {
    const { idealCycleMs, speedLoss, cycleSigma, microStopsPerH, microStopS } = this.params;
    const spread = Math.exp(cycleSigma * this.rng.normal() - (cycleSigma * cycleSigma) / 2);
    let ms = idealCycleMs * Math.max(1, speedLoss * spread);
    if (this.rng.float() < (microStopsPerH * this.microFactor * idealCycleMs) / HOUR) {
      this.counters.micro++;
      ms += this.rng.uniform(10_000, Math.min(119_000, 2 * microStopS * 1000 - 10_000));
    }
    return Math.round(ms);
  }

  private stopRates(): readonly [number, number, number, number] {
    const p = this.params;
    // A non-positive MTBF switches the model's own random faults off (e.g. when a scenario injects them).
    return [p.mtbfH > 0 ? 1 / p.mtbfH : 0, p.starvedPerH, p.blockedPerH, p.changeoverEveryH > 0 ? 1 / p.changeoverEveryH : 0];
  }

  private drawRunToStop(): number {
    const [a, b, c, d] = this.stopRates();
    const perHour = a + b + c + d;
    return perHour > 0 ? (-Math.log(1 - this.rng.float()) / perHour) * HOUR : Infinity;
  }

  private randomStop(t: number): void {
    const rates = this.stopRates();
    const p = this.params;
    let pick = this.rng.float() * (rates[0] + rates[1] + rates[2] + rates[3]);
    if ((pick -= rates[0]) < 0) {
      this.stopFor(t, 'DOWN', 'fault', 'MACHINE_FAULT', p.mttrMin);
      this.ownFault = 'MACHINE_FAULT';
      this.onOwnFault?.('begin', 'MACHINE_FAULT', t);
    }
    else if ((pick -= rates[1]) < 0) this.stopFor(t, 'IDLE', 'starved', null, p.starvedMin);
    else if ((pick -= rates[2]) < 0) this.stopFor(t, 'IDLE', 'blocked', null, p.blockedMin);
    else this.stopFor(t, 'SETUP', 'changeover', null, p.changeoverMin);
    this.runToStopMs = this.drawRunToStop();
  }

  private stopFor(t: number, status: Exclude<MachineStatus, 'RUNNING'>, why: StopReason, code: string | null, meanMin: number): void {
    this.enter(t, status, why, code);
    this.nextMs = t + Math.max(MINUTE / 2, Math.round(logNormal(this.rng, meanMin * MINUTE, 0.5)));
  }
}

/** A log-normal draw with the given mean and σ of the underlying normal (MTTR-like durations). */
export function logNormal(rng: Rng, mean: number, sigma: number): number {
  return mean * Math.exp(sigma * rng.normal() - (sigma * sigma) / 2);
}
