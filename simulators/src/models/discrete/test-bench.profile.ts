/**
 * Pressure/position profiles of the Yuci hydraulic-cylinder test sequence after GB/T 15622
 * (domain.md §2.5.4): trial run → minimum start pressure → proof pressure 1.5 × nominal held
 * 10 s at both ends → internal leakage at rated pressure → external leakage → low-pressure leak
 * test (0.5 MPa, ≥ 3 strokes, ≥ 10 s dwell at each end) → cushioning at 50 % → stroke check.
 * Pure functions of the time into a step; faults overlay them (seal leak, stick-slip, over-pressure).
 */
export const TEST_SEQUENCE = [
  { step: 'trial', s: 30 },
  { step: 'start-p', s: 10 },
  { step: 'proof', s: 30 },
  { step: 'int-leak', s: 40 },
  { step: 'ext-leak', s: 20 },
  { step: 'low-p', s: 60 },
  { step: 'cushion', s: 20 },
  { step: 'stroke', s: 20 },
] as const;
/** A step of the test sequence. */
export type TestStep = (typeof TEST_SEQUENCE)[number]['step'];

/** Total test time [ms]. */
export const TEST_DURATION_MS = TEST_SEQUENCE.reduce((sum, s) => sum + s.s * 1000, 0);

/** The step and seconds into it at `ms` after the test start (undefined after the end). */
export function stepAt(ms: number): { step: TestStep; t: number } | undefined {
  let rest = ms / 1000;
  for (const { step, s } of TEST_SEQUENCE) {
    if (rest < s) return { step, t: rest };
    rest -= s;
  }
  return undefined;
}

/** Faults active on the bench (see test-bench.model.ts). */
export interface BenchFaults {
  /** Pressure decay during holds [1/s] (seal leak); 0 = tight. */
  decayPerS: number;
  /** Stick-slip amplitude at low speed [mm]; 0 = smooth. */
  slipMm: number;
  /** Over-pressure overshoot of the proof pressure [fraction]; 0 = none. */
  overPct: number;
}

/** Bench signals at one instant: pressures [MPa], position [mm], speed [mm/s]. */
export interface BenchSample {
  pA: number;
  pB: number;
  pos: number;
  v: number;
}

/** Triangle wave 0 → 1 → 0 with the given period [s]. */
function triangle(t: number, period: number): number {
  const x = (t % period) / period;
  return x < 0.5 ? 2 * x : 2 - 2 * x;
}

/** A hold at `p` from `t0` with seal-leak decay. */
function hold(p: number, t: number, t0: number, f: BenchFaults): number {
  return t < t0 ? (p * t) / Math.max(t0, 1e-9) : p * Math.exp(-f.decayPerS * (t - t0));
}

/** Ideal bench signals at `t` s into `step`, for nominal pressure `pn` [MPa] and stroke `stroke` [mm]. */
export function benchSample(step: TestStep, t: number, pn: number, stroke: number, f: BenchFaults): BenchSample {
  const slip = (v: number): number => (f.slipMm > 0 && v < 60 ? f.slipMm * Math.sin(2 * Math.PI * 2 * t) : 0);
  switch (step) {
    case 'trial': {
      const x = triangle(t, 10);
      const extending = t % 10 < 5;
      return { pA: extending ? 1.8 : 0.3, pB: extending ? 0.3 : 1.8, pos: stroke * x + slip(20), v: extending ? stroke / 5 : -stroke / 5 };
    }
    case 'start-p': {
      const pA = 0.05 * t;
      const moving = pA > 0.3;
      return { pA, pB: 0.05, pos: moving ? 4 * (t - 6) + slip(4) : 0, v: moving ? 4 : 0 };
    }
    case 'proof':
      return t < 15 ? { pA: hold(1.5 * pn * (1 + f.overPct), t, 5, f), pB: 0.1, pos: stroke, v: 0 } : { pA: 0.1, pB: hold(1.5 * pn, t - 15, 5, f), pos: 0, v: 0 };
    case 'int-leak':
      return { pA: hold(pn, t, 4, f), pB: 0.05, pos: stroke, v: 0 };
    case 'ext-leak':
      return { pA: hold(pn, t, 3, f), pB: 0.05, pos: stroke, v: 0 };
    case 'low-p': {
      const x = triangle(t, 20);
      return { pA: 0.5, pB: 0.5, pos: stroke * x + slip(10), v: ((t % 20 < 10 ? 1 : -1) * stroke) / 10 };
    }
    case 'cushion': {
      const x = Math.min(1, t / 6);
      const cushion = x > 0.9 ? 0.5 * pn * 1.4 * Math.sin((Math.PI * (x - 0.9)) / 0.1) : 0;
      return { pA: 0.5 * pn, pB: 0.2 + Math.max(0, cushion), pos: stroke * x, v: x < 1 ? stroke / 6 : 0 };
    }
    case 'stroke':
      return { pA: 2, pB: 0.1, pos: stroke * Math.min(1, t / 8), v: t < 8 ? stroke / 8 : 0 };
  }
}
