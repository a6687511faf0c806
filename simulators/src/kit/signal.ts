import type { Rng } from './rng.js';

/**
 * The signal recipe of domain.md §2, implemented once:
 * `y(t) = lag(target, τ) + noise_AR1(σ, ρ) + drift + fault_overlay`, quantised to the sensor
 * resolution. Every step is the exact discretisation for an arbitrary Δt, so a model stepped
 * once a minute and one stepped once a second follow the same statistics.
 */

/** Fraction of the gap to the target a first-order lag closes in `dtMs`: `1 − e^(−Δt/τ)`. */
export function lagFactor(dtMs: number, tauMs: number): number {
  if (tauMs <= 0) return 1;
  return 1 - Math.exp(-dtMs / tauMs);
}

/** First-order lag step (§2): `y += (target − y)·(1 − e^(−Δt/τ))`. */
export function lag(y: number, target: number, dtMs: number, tauMs: number): number {
  return y + (target - y) * lagFactor(dtMs, tauMs);
}

/**
 * AR(1) "process wander" (§2): `n_k = ρ·n_{k−1} + σ·√(1−ρ²)·N(0,1)` with ρ given per second and
 * raised to Δt/1 s, so `sigma` is the stationary standard deviation whatever the step.
 */
export class Ar1Noise {
  private value: number;

  constructor(
    readonly sigma: number,
    readonly rhoPerSecond: number,
    rng: Rng,
  ) {
    this.value = rng.normal(0, sigma); // start in the stationary distribution: no warm-up transient
  }

  get current(): number {
    return this.value;
  }

  /** Advances by `dtMs` and returns the new value. */
  step(rng: Rng, dtMs: number): number {
    if (dtMs <= 0) return this.value;
    const rho = Math.pow(this.rhoPerSecond, dtMs / 1000);
    this.value = rho * this.value + this.sigma * Math.sqrt(1 - rho * rho) * rng.normal();
    return this.value;
  }
}

/** Rounds to the sensor resolution (§2: TC 0.1 °C, pressure 0.1 Pa, O₂ 0.01 %) without float fuzz. */
export function quantise(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  const q = Number((Math.round(value / step) * step).toFixed(decimals));
  return q === 0 ? 0 : q; // no -0 in payloads
}

/** A knot table `[x, y]` with x ascending, as in domain.md §2.1.3. */
export type Knots = readonly (readonly [number, number])[];

/** Piecewise-linear interpolation over `knots`, clamped to the end values outside the table. */
export function interpolate(knots: Knots, x: number): number {
  const first = knots[0];
  const last = knots[knots.length - 1];
  if (first === undefined || last === undefined) throw new RangeError('interpolate needs at least one knot');
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  let i = 1;
  while ((knots[i] as readonly [number, number])[0] < x) i++;
  const [x0, y0] = knots[i - 1] as readonly [number, number];
  const [x1, y1] = knots[i] as readonly [number, number];
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

/** Clamps `value` into [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Shape of one {@link ProcessSignal}: the §2 recipe parameters of a sensor. */
export interface ProcessSignalSpec {
  /** First-order lag toward the target [ms]. */
  readonly tauMs: number;
  /** Stationary σ of the AR(1) wander. */
  readonly wanderSigma: number;
  /** AR(1) ρ per second (§2: 0.9–0.98). */
  readonly rhoPerSecond: number;
  /** σ of the white sensor noise added on each reading. */
  readonly whiteSigma: number;
  /** Sensor resolution the reading is quantised to. */
  readonly resolution: number;
}

/**
 * One analog signal built from the §2 recipe: a lagged process value plus AR(1) wander (what a
 * controller sees), read with white noise, an optional overlay (push disturbance, fault) and
 * quantisation.
 */
export class ProcessSignal {
  private lagged: number;
  private readonly wander: Ar1Noise;

  constructor(
    initial: number,
    private readonly spec: ProcessSignalSpec,
    rng: Rng,
  ) {
    this.lagged = initial;
    this.wander = new Ar1Noise(spec.wanderSigma, spec.rhoPerSecond, rng);
  }

  /** The process value without sensor noise: lagged target + wander. */
  get value(): number {
    return this.lagged + this.wander.current;
  }

  /** Advances by `dtMs` toward `target`. */
  step(target: number, dtMs: number, rng: Rng): void {
    if (dtMs <= 0) return;
    this.lagged = lag(this.lagged, target, dtMs, this.spec.tauMs);
    this.wander.step(rng, dtMs);
  }

  /** A sensor reading: value + white noise + `overlay`, quantised to the resolution. */
  read(rng: Rng, overlay = 0): number {
    const white = this.spec.whiteSigma > 0 ? rng.normal(0, this.spec.whiteSigma) : 0;
    return quantise(this.value + white + overlay, this.spec.resolution);
  }
}
