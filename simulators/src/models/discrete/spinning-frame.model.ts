import type { SpinningFrameTelemetry } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import { quantise } from '../../kit/signal.js';
import { EventQueue } from './machine-state.js';

/** Maglev spinning-frame parameters (domain.md §2.5.3, [S J4]). */
export interface SpinningFrameParams {
  readonly spindles: number;
  readonly rpm: number;
  /** Individual spindle speed tolerance ± [%] (§2.5.3: 0.5). */
  readonly tolPct: number;
  /** Stationary σ of a spindle's speed deviation [%]. */
  readonly sigmaPct: number;
  /** End breaks per 1,000 spindle-hours [E]; piecing by the operator takes 1–3 min. */
  readonly breaksPer1000SpH: number;
  /** Drive power per spindle at speed [W] and frame auxiliaries [kW]. */
  readonly wPerSpindle: number;
  readonly auxKw: number;
}

/** Spindles re-drawn per summary: one in STRIDE, in rotation. */
const STRIDE = 10;

/** 1,200 spindles at 18,000 min⁻¹, ± 0.5 %, 30 end breaks per 1,000 spindle-hours, 28 W per spindle. */
export const SPINNING_FRAME_DEFAULTS: SpinningFrameParams = { spindles: 1_200, rpm: 18_000, tolPct: 0.5, sigmaPct: 0.1, breaksPer1000SpH: 30, wPerSpindle: 28, auxKw: 8 };

/**
 * A maglev single-spindle-drive ring frame of 1,200 spindles, aggregated (§2.5.3, §4.4): each
 * spindle's speed deviation is an AR(1) around the setpoint (typed arrays, no per-second
 * allocation); end breaks stop a spindle until pieced. Anomalies — a break, or a spindle leaving
 * its ± 0.5 % band — become `spindle_anomaly` events.
 */
export class SpinningFrameModel {
  readonly events = new EventQueue(64);
  private readonly dev: Float64Array;
  private readonly offset: Float64Array;
  private readonly downUntil: Float64Array;
  private readonly outside: Uint8Array;
  private readonly seq = new SequenceCounter();
  private lastMs: number;
  private round = 0;

  constructor(
    readonly params: SpinningFrameParams,
    private readonly rng: Rng,
    startMs: number,
  ) {
    const n = params.spindles;
    this.dev = new Float64Array(n).map(() => rng.normal(0, params.sigmaPct));
    this.offset = new Float64Array(n);
    this.downUntil = new Float64Array(n);
    this.outside = new Uint8Array(n);
    this.lastMs = startMs;
  }

  /** Gives `count` spindles a drive fault: a fixed speed offset of `devPct` (SPINDLE_ANOMALY). */
  setAnomaly(count: number, devPct: number): void {
    this.offset.fill(0);
    for (let k = 0; k < count; k++) this.offset[this.rng.int(0, this.params.spindles - 1)] = devPct * (k % 2 === 0 ? 1 : -1);
  }

  /**
   * The 1 s summary (§4.4). Each call re-draws one spindle in `STRIDE` (in rotation, with the
   * AR(1) step of their longer interval: same statistics, a tenth of the random draws); the
   * summary covers every spindle.
   */
  telemetry(nowMs: number): SpinningFrameTelemetry {
    const p = this.params;
    const dt = Math.max(0, nowMs - this.lastMs);
    this.lastMs = nowMs;
    this.breaks(nowMs, dt);
    this.redraw(nowMs, dt * STRIDE);
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    let devMax = 0;
    let outTol = 0;
    let running = 0;
    for (let i = 0; i < p.spindles; i++) {
      if ((this.downUntil[i] ?? 0) > nowMs) continue;
      const d = (this.dev[i] ?? 0) + (this.offset[i] ?? 0);
      const rpm = p.rpm * (1 + d / 100);
      running++;
      sum += rpm;
      min = Math.min(min, rpm);
      max = Math.max(max, rpm);
      devMax = Math.max(devMax, Math.abs(d));
      outTol += this.outside[i] ?? 0;
    }
    const kw = (running * p.wPerSpindle) / 1000 + p.auxKw;
    return {
      ts: nowMs, seq: this.seq.next(), q: 'good',
      v: {
        rpmSp: p.rpm, rpmAvg: running > 0 ? Math.round(sum / running) : 0, rpmMin: running > 0 ? Math.round(min) : 0, rpmMax: running > 0 ? Math.round(max) : 0,
        devMaxPct: quantise(devMax, 0.01), outTol, running, down: p.spindles - running, kw: quantise(kw * (1 + 0.005 * this.rng.normal()), 0.01), wPerSp: running > 0 ? quantise((kw * 1000) / running, 0.01) : 0,
      },
    };
  }

  /** AR(1) step of this round's spindles; a spindle leaving its ± tolerance band raises an event. */
  private redraw(nowMs: number, dtMs: number): void {
    const p = this.params;
    const rho = Math.pow(0.9, dtMs / 1000);
    const kick = p.sigmaPct * Math.sqrt(1 - rho * rho);
    this.round = (this.round + 1) % STRIDE;
    for (let i = this.round; i < p.spindles; i += STRIDE) {
      const d = (this.dev[i] = rho * (this.dev[i] ?? 0) + kick * this.rng.normal()) + (this.offset[i] ?? 0);
      const out = (this.downUntil[i] ?? 0) <= nowMs && Math.abs(d) > p.tolPct ? 1 : 0;
      if (out === 1 && this.outside[i] === 0) this.events.push({ ts: nowMs, v: { type: 'spindle_anomaly', spindle: i + 1, kind: 'speed', rpm: Math.round(p.rpm * (1 + d / 100)), devPct: quantise(d, 0.01) } });
      this.outside[i] = out;
    }
  }

  /** End breaks over the last `dtMs` (Poisson, rare per step): the spindle stops until pieced. */
  private breaks(nowMs: number, dtMs: number): void {
    const expected = (this.params.breaksPer1000SpH / 1000) * this.params.spindles * (dtMs / 3_600_000);
    if (this.rng.float() >= expected) return;
    const i = this.rng.int(0, this.params.spindles - 1);
    if ((this.downUntil[i] ?? 0) > nowMs) return;
    this.downUntil[i] = nowMs + this.rng.uniform(60_000, 180_000);
    this.events.push({ ts: nowMs, v: { type: 'spindle_anomaly', spindle: i + 1, kind: 'break', rpm: 0, devPct: -100 } });
  }
}
