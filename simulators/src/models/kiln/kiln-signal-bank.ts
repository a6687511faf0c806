import type { Rng } from '../../kit/rng.js';
import { quantise, type ProcessSignalSpec } from '../../kit/signal.js';

/**
 * Many §2 recipe signals in typed arrays (domain.md §2: lag toward a target + AR(1) wander, read
 * with white noise, quantised) — the kit's `ProcessSignal` semantics, stepped as one batch. The
 * lag and AR(1) coefficients are cached for the step length, so a kiln with ~100 signals costs
 * one `exp`/`pow` per signal only when the step length changes (thousands of kilns, §3.9).
 */
export class SignalBank {
  readonly size: number;
  /** Lagged process values (no wander). */
  readonly lagged: Float64Array;
  /** AR(1) wander, stationary σ = `wanderSigma`. */
  readonly wander: Float64Array;
  private readonly tauMs: Float64Array;
  private readonly sigma: Float64Array;
  private readonly rhoPerSecond: Float64Array;
  private readonly white: Float64Array;
  private readonly resolution: Float64Array;
  private readonly lagK: Float64Array;
  private readonly rho: Float64Array;
  private readonly scale: Float64Array;
  private cachedDtMs = -1;

  constructor(specs: readonly ProcessSignalSpec[], initial: ArrayLike<number>, rng: Rng) {
    this.size = specs.length;
    this.tauMs = Float64Array.from(specs, (s) => s.tauMs);
    this.sigma = Float64Array.from(specs, (s) => s.wanderSigma);
    this.rhoPerSecond = Float64Array.from(specs, (s) => s.rhoPerSecond);
    this.white = Float64Array.from(specs, (s) => s.whiteSigma);
    this.resolution = Float64Array.from(specs, (s) => s.resolution);
    this.lagged = Float64Array.from({ length: this.size }, (_, i) => initial[i] ?? 0);
    this.wander = Float64Array.from(specs, (s) => (s.wanderSigma > 0 ? rng.normal(0, s.wanderSigma) : 0)); // stationary start
    this.lagK = new Float64Array(this.size);
    this.rho = new Float64Array(this.size);
    this.scale = new Float64Array(this.size);
  }

  /** Process value of signal i: lagged + wander. */
  value(i: number): number {
    return (this.lagged[i] ?? 0) + (this.wander[i] ?? 0);
  }

  /** Advances every signal by `dtMs` toward `targets[i]` (exact first-order and AR(1) discretisation). */
  step(targets: ArrayLike<number>, dtMs: number, rng: Rng): void {
    if (dtMs <= 0) return;
    if (dtMs !== this.cachedDtMs) this.cache(dtMs);
    for (let i = 0; i < this.size; i++) {
      const lagged = this.lagged[i] ?? 0;
      this.lagged[i] = lagged + ((targets[i] ?? 0) - lagged) * (this.lagK[i] ?? 1);
      const scale = this.scale[i] ?? 0;
      if (scale > 0) this.wander[i] = (this.rho[i] ?? 0) * (this.wander[i] ?? 0) + scale * rng.normal();
    }
  }

  /** A sensor reading of signal i: value + white noise + `overlay`, quantised. */
  read(i: number, rng: Rng, overlay = 0): number {
    const white = this.white[i] ?? 0;
    return quantise(this.value(i) + (white > 0 ? rng.normal(0, white) : 0) + overlay, this.resolution[i] ?? 0.1);
  }

  private cache(dtMs: number): void {
    this.cachedDtMs = dtMs;
    for (let i = 0; i < this.size; i++) {
      const tau = this.tauMs[i] ?? 0;
      this.lagK[i] = tau <= 0 ? 1 : 1 - Math.exp(-dtMs / tau);
      const rho = Math.pow(this.rhoPerSecond[i] ?? 0, dtMs / 1000);
      this.rho[i] = rho;
      this.scale[i] = (this.sigma[i] ?? 0) * Math.sqrt(1 - rho * rho);
    }
  }
}
