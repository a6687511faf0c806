import type { Rng } from '../../kit/rng.js';
import { quantise } from '../../kit/signal.js';

/**
 * Press-fit force–displacement curves and their window check (domain.md §2.5.3): `F(s) = 0`
 * until contact at s₀, then `F = k·(s − s₀)·(1 + ε)` through the interference length, and a
 * seating spike of 1.3–1.8 × F at the hard stop. Sampled at a fixed displacement step.
 */
export interface PressFitParams {
  /** Displacement step of the curve samples [mm]. */
  readonly dsMm: number;
  /** Nominal contact point s₀ [mm] (free travel before the part touches). */
  readonly contactMm: number;
  /** End of the interference length [mm]. */
  readonly interferenceEndMm: number;
  /** Nominal end position (hard stop) [mm]; window ± 0.01 mm [S J1]. */
  readonly endMm: number;
  /** Nominal force at the end of the interference [kN] (§2.5.3: peak 2–15 kN). */
  readonly forceKn: number;
  /** Share of parts NOK for reasons beyond the model (the line's 0.2–1 % in-line rejects). */
  readonly naturalNokRate: number;
}

/** 19.8 mm stroke at 0.04 mm → 496 points, ≈ 3.1–3.4 kB of JSON (§2.7: 3–5 kB per curve). */
export const PRESS_FIT_DEFAULTS: PressFitParams = { dsMm: 0.04, contactMm: 6.6, interferenceEndMm: 19, endMm: 19.8, forceKn: 9.7, naturalNokRate: 0.001 };

/** §2.5.3 failure modes: missing part, oversize part, burr/misalignment, wrong seating. */
export const PRESS_FIT_MODES = ['missing', 'oversize', 'burr', 'seating'] as const;
/** A press-fit failure mode. */
export type PressFitMode = (typeof PRESS_FIT_MODES)[number];

/** Window check result: `pass` or the first window violated. */
export type WindowResult = 'pass' | 'entry' | 'corridor' | 'force' | 'position';

/** One pressed part: curve [kN], peak and end force [kN], end position [mm], window result. */
export interface PressFitResult {
  readonly f: number[];
  readonly fMaxKn: number;
  readonly fEndKn: number;
  readonly sEndMm: number;
  readonly win: WindowResult;
}

/**
 * kN to 1 N resolution. An integer divided by 1,000 is the double nearest the 3-decimal value, so
 * it prints exactly as `quantise(x, 0.001)` would, without its string round trip (500 per curve).
 */
function toNewton(kn: number): number {
  return Math.round(kn * 1000) / 1000;
}

/** One press: the sampled curve, then the window check. `mode` injects a §2.5.3 failure. */
export function pressCurve(p: PressFitParams, rng: Rng, mode?: PressFitMode): PressFitResult {
  const s0 = p.contactMm + 0.05 * rng.normal();
  const scale = mode === 'oversize' ? 1.35 : mode === 'missing' ? 0.005 : 1 + 0.03 * rng.normal();
  const k = (p.forceKn * scale) / (p.interferenceEndMm - p.contactMm);
  const sEnd = p.endMm + (mode === 'seating' ? -0.1 : 0) + 0.002 * rng.normal();
  const spike = rng.uniform(1.3, 1.8);
  const n = Math.floor(sEnd / p.dsMm) + 1;
  const f = new Array<number>(n);
  let wobble = 0;
  for (let i = 0; i < n; i++) {
    const s = i * p.dsMm;
    wobble = 0.8 * wobble + 0.01 * rng.normal();
    // Before contact the ram only carries the part against guide friction (≈ 35 N).
    let force = s < s0 ? 0.035 : 0.035 + k * (Math.min(s, p.interferenceEndMm) - s0) * (1 + wobble);
    if (mode === 'burr' && s > s0 && s < s0 + 0.6) force += 0.4 * p.forceKn * Math.sin((Math.PI * (s - s0)) / 0.6);
    if (sEnd - s < 0.12) force *= 1 + (spike - 1) * (1 - (sEnd - s) / 0.12); // seating spike at the hard stop
    f[i] = toNewton(Math.max(0, force + 0.003 * rng.normal()));
  }
  const at = (s: number): number => f[Math.min(n - 1, Math.max(0, Math.round(s / p.dsMm)))] ?? 0;
  const fEnd = at(p.interferenceEndMm - 0.2);
  return { f, fMaxKn: Math.max(...f), fEndKn: fEnd, sEndMm: quantise(sEnd, 0.001), win: checkWindows(p, at, fEnd, sEnd) };
}

/** Entry window, mid-stroke corridor, end force ∈ [F_min, F_max], end position ± 0.01 mm (§2.5.3). */
export function checkWindows(p: PressFitParams, at: (s: number) => number, fEnd: number, sEnd: number): WindowResult {
  const k = p.forceKn / (p.interferenceEndMm - p.contactMm);
  const entry = at(p.contactMm + 0.4);
  if (entry > k * 0.4 * 1.8 + 0.3) return 'entry';
  const mid = (p.contactMm + p.interferenceEndMm) / 2;
  const nominalMid = k * (mid - p.contactMm);
  if (Math.abs(at(mid) - nominalMid) > 0.2 * nominalMid) return 'corridor';
  const nominalEnd = k * (p.interferenceEndMm - 0.2 - p.contactMm);
  if (fEnd < 0.85 * nominalEnd || fEnd > 1.15 * nominalEnd) return 'force';
  if (Math.abs(sEnd - p.endMm) > 0.01) return 'position';
  return 'pass';
}
