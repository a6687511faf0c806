import type { Rng } from '../../kit/rng.js';
import { quantise, type ProcessSignalSpec } from '../../kit/signal.js';
import { SignalBank } from './kiln-signal-bank.js';
import { tcFullScaleC, type TunnelKilnParams } from './tunnel-kiln.params.js';
import type { KilnThermal, PositionSampler } from './tunnel-kiln.thermal.js';

/** A thermocouple fault (§2.1.9): burnout (open circuit) or drift. */
export type TcFault =
  | { readonly kind: 'open'; readonly downscale: boolean; readonly unprotected: boolean }
  | { readonly kind: 'drift'; readonly startMs: number; readonly cPerMs: number };

/** One TC reading with its quality. */
export interface TcReading {
  readonly value: number;
  readonly bad: boolean;
}

/** An O₂ analyzer failure (§2.1.9 ANALYZER_FAULT): frozen at its last value, or stuck at 20.9 %. */
export type AnalyzerFault = { readonly mode: 'frozen'; readonly value: number } | { readonly mode: 'stuck' };

/** Targets of the pressure and atmosphere instruments for one step, computed by the model. */
export interface SensorTargets {
  readonly p: ArrayLike<number>;
  readonly pCar: ArrayLike<number>;
  readonly o2: ArrayLike<number>;
  readonly co: number;
  /** Pressure excess over nominal at each under-car TC [Pa] (hot gas leaks under the cars). */
  readonly pExcessCar: ArrayLike<number>;
  /** Pressure imbalance of the firing zone [Pa] (drives the top-to-bottom ΔT). */
  readonly pImbalance: number;
}

const LOCAL_DEFICIT_C = 10;
const LOCAL_WIDTH_M = 1.5;
const LOCAL_TAU_MS = 8 * 60_000;

/**
 * The kiln's instruments (domain.md §2.1.4) over the thermal model: 36 TCs with AR(1) wander and
 * their faults, static and under-car pressures, O₂ analyzers, CO, under-car TCs, IR shell scan and
 * the top-to-bottom ΔT — each after the §2 recipe (lag + AR(1) + white noise + fault overlay,
 * quantised to the sensor resolution), stepped as two typed-array banks.
 */
export class KilnSensors {
  readonly tcFault: (TcFault | undefined)[];
  readonly analyzerFault: (AnalyzerFault | undefined)[] = [undefined, undefined, undefined];
  /** Refractory hot spot (§2.1.9 SHELL_HOT). */
  shellHot: { readonly posM: number; readonly deltaC: number } | undefined;
  private readonly tcWander: SignalBank;
  private readonly tcZero: Float64Array;
  private readonly tcFullScale: number[];
  private readonly tcAt: PositionSampler;
  private readonly tCarAt: PositionSampler;
  private readonly shellAt: PositionSampler;
  /** p, pCar, o2, co, tCar, shell, dTtb in one bank; `at` holds each group's first index. */
  private readonly slow: SignalBank;
  private readonly slowTarget: Float64Array;
  /** Local cooling of each TC by nearby burners that are out while their zone fires [°C] (§2.1.9: −5–20 °C over 5–15 min). */
  private readonly localDeficit: Float64Array;
  private readonly localWeight: Float64Array;
  private readonly burnerCount: number;
  private readonly at: { p: number; pCar: number; o2: number; co: number; tCar: number; shell: number; dTtb: number };

  constructor(
    private readonly params: TunnelKilnParams,
    thermal: KilnThermal,
    initial: SensorTargets,
    rng: Rng,
    burnerPosM: readonly number[],
  ) {
    const { noise } = params;
    const tcCount = params.tcPosM.length;
    this.burnerCount = burnerPosM.length;
    this.localDeficit = new Float64Array(tcCount);
    this.localWeight = Float64Array.from({ length: tcCount * this.burnerCount }, (_, i) => {
      const gap = (params.tcPosM[Math.floor(i / this.burnerCount)] ?? 0) - (burnerPosM[i % this.burnerCount] ?? 0);
      return Math.abs(gap) > 8 ? 0 : LOCAL_DEFICIT_C * Math.exp(-((gap / LOCAL_WIDTH_M) ** 2));
    });
    this.tcWander = new SignalBank(params.tcPosM.map(() => spec(0, noise.tcWanderC, noise.tcRho, 0, 0.1)), new Float64Array(tcCount), rng);
    this.tcZero = new Float64Array(tcCount);
    this.tcFault = params.tcPosM.map(() => undefined);
    this.tcFullScale = params.tcPosM.map((m) => tcFullScaleC(thermal.curveAt(m), thermal.peakC));
    this.tcAt = thermal.sampler(params.tcPosM);
    this.tCarAt = thermal.sampler(params.tCarPosM);
    this.shellAt = thermal.sampler(params.shellPosM);
    const groups = slowSignalGroups(params);
    const at: Record<string, number> = {};
    let next = 0;
    for (const [name, specs] of groups) {
      at[name] = next;
      next += specs.length;
    }
    this.at = at as KilnSensors['at'];
    this.slowTarget = new Float64Array(next);
    this.fillTargets(initial, Number.NEGATIVE_INFINITY);
    this.slow = new SignalBank(groups.flatMap(([, specs]) => specs), this.slowTarget, rng);
  }

  /** The temperature TC k senses, without white noise: gas + wander + drift bias [°C]. */
  tcSensed(k: number, nowMs: number): number {
    const fault = this.tcFault[k];
    const bias = fault?.kind === 'drift' ? fault.cPerMs * (nowMs - fault.startMs) : 0;
    return this.tcAt.gas(k, nowMs) + (this.tcWander.wander[k] ?? 0) + bias - (this.localDeficit[k] ?? 0);
  }

  /** What the TC transmitter outputs [°C] (§2.1.9 burnout: full scale or zero). */
  tcOutputC(k: number, nowMs: number): number {
    const fault = this.tcFault[k];
    if (fault?.kind === 'open') return fault.downscale ? 0 : (this.tcFullScale[k] ?? 1_372);
    return this.tcSensed(k, nowMs);
  }

  /** The transmitter output with its quality. */
  tcOutput(k: number, nowMs: number): TcReading {
    return { value: this.tcOutputC(k, nowMs), bad: this.tcFault[k]?.kind === 'open' };
  }

  /** A published TC reading: output + white noise (×3 while drifting, §2.1.9), 0.1 °C. */
  tcReading(k: number, nowMs: number, rng: Rng): TcReading {
    const out = this.tcOutput(k, nowMs);
    if (out.bad) return out;
    const sigma = this.params.noise.tcWhiteC * (this.tcFault[k]?.kind === 'drift' ? 3 : 1);
    return { value: quantise(out.value + (sigma > 0 ? rng.normal(0, sigma) : 0), 0.1), bad: false };
  }

  /** Static pressure tap i [Pa] with an `overlay` (door spike). */
  pressureReading(i: number, rng: Rng, overlay = 0): number {
    return this.slow.read(this.at.p + i, rng, overlay);
  }

  pCarReading(i: number, rng: Rng): number {
    return this.slow.read(this.at.pCar + i, rng);
  }

  /** O₂ analyzer k's process value [%] (what a frozen analyzer keeps). */
  o2Value(k: number): number {
    return this.slow.value(this.at.o2 + k);
  }

  /** An analyzer reading [%], honouring its fault. */
  o2Reading(k: number, rng: Rng): number {
    const fault = this.analyzerFault[k];
    if (fault?.mode === 'stuck') return 20.9;
    if (fault?.mode === 'frozen') return fault.value;
    return Math.min(20.9, Math.max(0, this.slow.read(this.at.o2 + k, rng)));
  }

  coReading(rng: Rng): number {
    return Math.max(0, this.slow.read(this.at.co, rng));
  }

  underCarReading(i: number, rng: Rng): number {
    return this.slow.read(this.at.tCar + i, rng);
  }

  shellReading(i: number, rng: Rng): number {
    return this.slow.read(this.at.shell + i, rng);
  }

  dTtbReading(rng: Rng): number {
    return Math.max(0, this.slow.read(this.at.dTtb, rng));
  }

  /** Lags each TC's local deficit toward the burners that are out on their own (`out(b)`) now. */
  stepLocal(dtMs: number, out: (burner: number) => boolean, anyOut: boolean): void {
    const k = 1 - Math.exp(-dtMs / LOCAL_TAU_MS);
    for (let tc = 0; tc < this.localDeficit.length; tc++) {
      let target = 0;
      if (anyOut) for (let b = 0; b < this.burnerCount; b++) if (out(b)) target += this.localWeight[tc * this.burnerCount + b] ?? 0;
      const d = this.localDeficit[tc] ?? 0;
      if (target !== 0 || d !== 0) this.localDeficit[tc] = Math.abs(target - d) < 1e-3 ? target : d + (target - d) * k;
    }
  }

  /** Advances every instrument by `dtMs` toward `targets`. */
  step(dtMs: number, nowMs: number, targets: SensorTargets, rng: Rng): void {
    this.tcWander.step(this.tcZero, dtMs, rng);
    this.fillTargets(targets, nowMs);
    this.slow.step(this.slowTarget, dtMs, rng);
  }

  private fillTargets(targets: SensorTargets, nowMs: number): void {
    const t = this.slowTarget;
    const { at } = this;
    copy(targets.p, t, at.p);
    copy(targets.pCar, t, at.pCar);
    copy(targets.o2, t, at.o2);
    t[at.co] = targets.co;
    // Under-car gas 50–250 °C follows the roof (§2.1.4), hotter where the kiln is over-pressured (§2.1.5, §2.1.9).
    for (let i = 0; i < this.params.tCarPosM.length; i++) t[at.tCar + i] = 30 + 0.12 * this.tCarAt.gas(i, nowMs) + Math.min(120, 8 * Math.max(0, targets.pExcessCar[i] ?? 0));
    // Shell 40–110 °C from the gas inside, plus a hot spot (§2.1.9: local +50–150 °C).
    const hot = this.shellHot;
    const shellPosM = this.params.shellPosM;
    for (let i = 0; i < shellPosM.length; i++) {
      const spot = hot === undefined ? 0 : hot.deltaC * Math.exp(-((((shellPosM[i] ?? 0) - hot.posM) / 8) ** 2));
      t[at.shell + i] = 35 + 0.05 * this.shellAt.gas(i, nowMs) + spot;
    }
    // Top-to-bottom ΔT ≤ 10–30 °C when tuned, larger with a pressure imbalance (§2.1.3, §2.1.9).
    t[at.dTtb] = 12 + Math.min(80, 1.5 * Math.abs(targets.pImbalance));
  }
}

/** The slow instruments in bank order, each with its §2 recipe (§2.1.8 item 7 noise). */
function slowSignalGroups(params: TunnelKilnParams): [string, ProcessSignalSpec[]][] {
  const { noise, tauMs } = params;
  const pSpec = spec(tauMs.pressure, noise.pWanderPa, noise.pRho, noise.pWhitePa, 0.1);
  const tcSpec = (tau: number, wander: number): ProcessSignalSpec => spec(tau, wander, noise.tcRho, noise.tcWhiteC, 0.1);
  return [
    ['p', params.pPosM.map(() => pSpec)],
    ['pCar', params.pCarPosM.map(() => pSpec)],
    ['o2', [0, 1, 2].map(() => spec(60_000, noise.o2Pct, 0.98, 0.05, 0.01))],
    ['co', [spec(60_000, 5, 0.98, 2, 1)]],
    ['tCar', params.tCarPosM.map(() => tcSpec(tauMs.underCar, 2))],
    ['shell', params.shellPosM.map(() => tcSpec(tauMs.shell, 1))],
    ['dTtb', [tcSpec(tauMs.underCar, 1.5)]],
  ];
}

function spec(tauMs: number, wanderSigma: number, rhoPerSecond: number, whiteSigma: number, resolution: number): ProcessSignalSpec {
  return { tauMs, wanderSigma, rhoPerSecond, whiteSigma, resolution };
}

function copy(from: ArrayLike<number>, to: Float64Array, offset: number): void {
  for (let i = 0; i < from.length; i++) to[offset + i] = from[i] ?? 0;
}
