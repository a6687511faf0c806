import type { Rng } from '../../kit/rng.js';
import { Ar1Noise } from '../../kit/signal.js';

/** Noise of one sensor (domain.md §2 recipe): AR(1) wander σ/ρ per second, white σ, resolution. */
export interface SensorSpec {
  readonly wander: number;
  readonly rho: number;
  readonly white: number;
  readonly resolution: number;
}

/**
 * The measurement side of a signal: a process value from a model, read with AR(1) wander (advanced
 * by the time since the last read), white noise and quantisation. Models keep physics; sensors
 * keep their own noise state, drawn from the device's random stream, so reading a device more or
 * less often never changes the physics other devices see.
 */
export class Sensor {
  private readonly noise: Ar1Noise;
  private lastMs: number | undefined;
  private readonly quantise: (value: number) => number;

  constructor(
    private readonly spec: SensorSpec,
    rng: Rng,
  ) {
    this.noise = new Ar1Noise(spec.wander, spec.rho, rng);
    this.quantise = quantiser(spec.resolution);
  }

  /** `value` as this sensor reports it at `nowMs`. */
  read(value: number, nowMs: number, rng: Rng): number {
    const dt = this.lastMs === undefined ? 0 : nowMs - this.lastMs;
    this.lastMs = nowMs;
    const wander = dt > 0 && this.spec.wander > 0 ? this.noise.step(rng, dt) : this.noise.current;
    const white = this.spec.white > 0 ? rng.normal(0, this.spec.white) : 0;
    return this.quantise(value + wander + white);
  }
}

/** One sensor per element (per mould, per rotor …) sharing a spec. */
export function sensors(count: number, spec: SensorSpec, rng: Rng): Sensor[] {
  return Array.from({ length: count }, () => new Sensor(spec, rng));
}

/** Non-negative reading (flows, speeds, concentrations): no negative noise around zero. */
export function nonNegative(value: number): number {
  return value < 0 ? 0 : value;
}

/**
 * A rounding function to `step` (a power of ten, or any step ≥ 1): the same results as the kit's
 * `quantise` for decimal steps, without its string round trip — sensors round millions of readings
 * a simulated day. Never returns -0.
 */
export function quantiser(step: number): (value: number) => number {
  if (step >= 1) return (value) => Math.round(value / step) * step + 0;
  const inverse = Math.round(1 / step);
  return (value) => Math.round(value * inverse) / inverse + 0;
}

const ROUNDERS = new Map<number, (value: number) => number>();

/** `value` rounded to `step` through a cached {@link quantiser}. */
export function roundTo(value: number, step: number): number {
  let round = ROUNDERS.get(step);
  if (round === undefined) {
    round = quantiser(step);
    ROUNDERS.set(step, round);
  }
  return round(value);
}
