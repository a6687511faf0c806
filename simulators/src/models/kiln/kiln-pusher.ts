import type { PUSHER_MODES } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { quantise } from '../../kit/signal.js';
import type { KilnEventLog } from './kiln-events.js';
import type { TunnelKilnParams } from './tunnel-kiln.params.js';
import type { ExitCar } from './tunnel-kiln.thermal.js';

export type PusherMode = (typeof PUSHER_MODES)[number];
export type JamKind = 'jam' | 'derail';

/** What a push does to the rest of the kiln. */
export interface PushHooks {
  /** The entrance door opened (§2.1.7 door-open disturbance). */
  doorOpened(nowMs: number): void;
  /** One car went in and one came out at `nowMs`; returns the leaving car's heat-work. */
  pushed(nowMs: number, carNo: number): ExitCar;
}

type Phase = 'idle' | 'door' | 'stroke' | 'closing';

/**
 * The hydraulic kiln-car pusher (domain.md §2.1.7): every push interval the doors open, one car is
 * pushed in (30–120 s, 9–11 MPa) and the doors close; `car_pushed` goes to the event log. A jam
 * (§2.1.9 PUSH_FAIL) drives the pressure to the relief valve with no stroke, logs `push_fail` and
 * stops pushing until cleared. Kiln hold or a power failure pause it. Sequences shorter than the
 * interval are compressed so a test can push every second.
 */
export class KilnPusher {
  intervalMs: number;
  lastPushMs: number;
  carNo: number;
  private nextAtMs: number;
  private phase: Phase = 'idle';
  private phaseEndMs = 0;
  private doorOpenedMs: number;
  private strokeMs = 0;
  private jam: JamKind | undefined;
  private failed = false;
  private paused: 'hold' | 'stopped' | undefined;

  constructor(
    private readonly params: TunnelKilnParams['pusher'],
    startMs: number,
    firstCarNo: number,
    private readonly log: KilnEventLog,
  ) {
    this.intervalMs = params.intervalMs;
    this.lastPushMs = startMs;
    this.doorOpenedMs = startMs;
    this.nextAtMs = startMs + params.intervalMs;
    this.carNo = firstCarNo;
  }

  get mode(): PusherMode {
    return this.failed ? 'fault' : (this.paused ?? 'auto');
  }

  /** When the doors last opened for a push [epoch ms]. */
  get doorOpenedAtMs(): number {
    return this.doorOpenedMs;
  }

  get doorsOpen(): boolean {
    return this.phase !== 'idle';
  }

  /** Minutes to the next push; negative when overdue (jam, hold), 0 while pushing. */
  nextPushInMin(nowMs: number): number {
    if (this.phase !== 'idle') return 0;
    return quantise((this.nextAtMs - nowMs) / 60_000, 0.1);
  }

  /** Minutes since the last completed push beyond the interval (§2.1.9 PUSH_OVERDUE), ≥ 0. */
  overdueMin(nowMs: number): number {
    return Math.max(0, (nowMs - this.lastPushMs - this.intervalMs) / 60_000);
  }

  /** New push interval (set-push-interval): the next push is due one new interval after the last. */
  setInterval(intervalMs: number): void {
    this.intervalMs = intervalMs;
    this.nextAtMs = this.doorOpenedMs + intervalMs;
  }

  /** Pause pushing (kiln hold, power lost) or resume with `undefined`. */
  pause(kind: 'hold' | 'stopped' | undefined): void {
    this.paused = kind;
  }

  /**
   * A car jam or derailment: the next push fails at the relief pressure. `attemptNow`: the jam is
   * met by a push attempted at `nowMs` (the kiln's push falls due now) instead of at the next
   * scheduled push — a latent jam is invisible until a push is tried (§2.1.9).
   */
  setJam(kind: JamKind, nowMs?: number, attemptNow = false): void {
    this.jam = kind;
    if (attemptNow && nowMs !== undefined && this.phase === 'idle' && !this.failed) this.nextAtMs = Math.min(this.nextAtMs, nowMs);
  }

  /** Jam cleared: push at once. */
  clearJam(nowMs: number): void {
    this.jam = undefined;
    if (this.failed) this.nextAtMs = nowMs;
    this.failed = false;
  }

  /** Runs every phase change of the push sequence that falls due up to `nowMs`. */
  step(nowMs: number, rng: Rng, hooks: PushHooks): void {
    for (let guard = 0; guard < 10_000; guard++) {
      if (!this.advancePhase(nowMs, rng, hooks)) return;
    }
  }

  /** One phase change if due; false when nothing is due. */
  private advancePhase(nowMs: number, rng: Rng, hooks: PushHooks): boolean {
    if (this.phase === 'idle') {
      if (this.failed || this.paused !== undefined || nowMs < this.nextAtMs) return false;
      const t = this.nextAtMs;
      const scale = this.compression();
      this.doorOpenedMs = t;
      this.strokeMs = Math.max(1, Math.round(rng.normal(this.params.durationS, 3) * 1000 * scale));
      hooks.doorOpened(t);
      this.enter('door', t + this.params.doorLeadS * 1000 * scale);
      return true;
    }
    if (nowMs < this.phaseEndMs) return false;
    const t = this.phaseEndMs;
    if (this.phase === 'door') this.enter('stroke', t + this.strokeMs);
    else if (this.phase === 'stroke') this.finishStroke(t, rng, hooks);
    else {
      this.phase = 'idle';
      this.nextAtMs = this.failed ? this.doorOpenedMs : this.doorOpenedMs + this.intervalMs; // failed: overdue since then
    }
    return true;
  }

  private finishStroke(t: number, rng: Rng, hooks: PushHooks): void {
    if (this.jam !== undefined) {
      this.failed = true;
      const spike = this.jam === 'derail' ? 2 : 0; // a derailment shows a sharp spike, then a hold
      const v = { type: 'push_fail', carNo: this.carNo + 1, pMaxMPa: quantise(this.params.reliefMPa + spike, 0.1), strokeMm: 0, cause: this.jam, overdueMin: quantise(this.overdueMin(t), 0.1) };
      this.log.append({ source: 'pusher', ts: t, v });
    } else {
      this.carNo += 1;
      const exit = hooks.pushed(t, this.carNo);
      const v = {
        type: 'car_pushed',
        carNo: this.carNo,
        durS: quantise(this.strokeMs / 1000, 0.1),
        pMaxMPa: quantise(rng.normal(this.params.peakMPa, 0.3), 0.1),
        strokeMm: this.params.strokeMm,
        intervalMin: quantise((t - this.lastPushMs) / 60_000, 0.1),
        exitCarNo: exit.carNo,
        exitPeakC: quantise(exit.peakC, 0.1),
        exitSoakMin: quantise(exit.soakMin, 0.1),
      };
      this.lastPushMs = t;
      this.log.append({ source: 'pusher', ts: t, v });
    }
    this.enter('closing', t + this.params.doorLagS * 1000 * this.compression());
  }

  private enter(phase: Phase, endMs: number): void {
    this.phase = phase;
    this.phaseEndMs = Math.round(endMs); // whole ms: event `ts` is an integer
  }

  /** Whole sequence within half the interval. */
  private compression(): number {
    const sequenceMs = (this.params.doorLeadS + this.params.durationS + this.params.doorLagS) * 1000;
    return Math.min(1, this.intervalMs / (2 * sequenceMs));
  }
}
