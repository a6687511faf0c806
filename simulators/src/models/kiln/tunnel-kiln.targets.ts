import { interpolate, lag } from '../../kit/signal.js';
import type { FanEffects } from './tunnel-kiln.effects.js';
import type { TunnelKilnModel } from './tunnel-kiln.model.js';
import { o2FromLambda } from './tunnel-kiln.params.js';
import type { SensorTargets } from './tunnel-kiln.sensors.js';

/** Firing-zone O₂ rise per burner out on its own (§2.1.9: local O₂ +0.3–1 %), counted up to 3. */
const O2_PER_DEAD_BURNER = 0.5;
/** Entry O₂ rise per Pa of pressure imbalance (§2.1.9 zero-point drift: entry O₂ ↑). */
const O2_PER_PA_IMBALANCE = 0.2;

/**
 * Targets of the kiln's pressure and atmosphere instruments for one step (domain.md §2.1.5,
 * §2.1.8 items 4–5): the §2.1.5 pressure anchors shifted by the fans and the zero-point offset,
 * O₂ from λ and infiltration, CO. Arrays are allocated once and rewritten in place.
 */
export class KilnSensorTargets implements SensorTargets {
  readonly p: Float64Array;
  readonly pCar: Float64Array;
  readonly o2 = new Float64Array(3);
  co = 30;
  readonly pExcessCar: Float64Array;
  pImbalance = 0;
  /** Lagged zero-point pressure offset [Pa] (§2.1.9 ZERO_POINT_DRIFT). */
  private zeroPointPa = 0;
  private readonly pBase: Float64Array;
  private readonly pCarBase: Float64Array;
  private readonly pShift: Float64Array;
  private readonly pCarShift: Float64Array;
  private readonly tCarShift: Float64Array;
  private readonly fireShift: Float64Array;

  constructor(
    private readonly model: TunnelKilnModel,
    private readonly effects: FanEffects,
  ) {
    const p = model.params;
    const base = (m: number): number => interpolate(p.pressureKnots, m / p.lengthM);
    this.pBase = Float64Array.from(p.pPosM, base);
    this.pCarBase = Float64Array.from(p.pCarPosM, (m) => 0.9 * base(m));
    this.p = new Float64Array(p.pPosM.length);
    this.pCar = new Float64Array(p.pCarPosM.length);
    this.pExcessCar = new Float64Array(p.tCarPosM.length);
    this.pShift = effects.pressureGroup('p', p.pPosM);
    this.pCarShift = effects.pressureGroup('pCar', p.pCarPosM);
    this.tCarShift = effects.pressureGroup('tCar', p.tCarPosM);
    this.fireShift = effects.pressureGroup('fire', [((p.firingZone.startX + p.firingZone.endX) / 2) * p.lengthM]);
  }

  /** Lags the zero-point offset by `dtMs`, then recomputes. */
  step(dtMs: number, burnersOut: number): this {
    this.zeroPointPa = lag(this.zeroPointPa, this.model.faults.zeroPointPa, dtMs, this.model.params.tauMs.zeroPoint);
    return this.compute(burnersOut);
  }

  /** Recomputes every target from the current state; `burnersOut` = burners out on their own. */
  compute(burnersOut: number): this {
    const zp = this.zeroPointPa;
    for (let i = 0; i < this.p.length; i++) this.p[i] = (this.pBase[i] ?? 0) + (this.pShift[i] ?? 0) + zp;
    for (let i = 0; i < this.pCar.length; i++) this.pCar[i] = (this.pCarBase[i] ?? 0) + (this.pCarShift[i] ?? 0) + zp;
    for (let i = 0; i < this.pExcessCar.length; i++) this.pExcessCar[i] = (this.tCarShift[i] ?? 0) + zp;
    this.pImbalance = (this.fireShift[0] ?? 0) + zp;
    this.computeAtmosphere(burnersOut);
    return this;
  }

  /** §2.1.5: preheat 10–16 %, firing from λ (CH₄ formula) + infiltration, flue 8–15 %; air only without gas. */
  private computeAtmosphere(burnersOut: number): void {
    const { o2, combustion } = this.model.params;
    const gas = this.model.combustion.gas;
    const lambda = this.model.combustion.lambda;
    const shift = this.effects.o2Shift;
    const noFire = gas < 1;
    const firingNominal = o2FromLambda(combustion.lambda) + o2.firingInfiltration;
    const firing = noFire ? 20.9 : o2FromLambda(lambda) + o2.firingInfiltration + O2_PER_DEAD_BURNER * Math.min(3, burnersOut) + (shift[1] ?? 0);
    const preheat = noFire ? 20.9 : o2.preheat + (shift[0] ?? 0) + O2_PER_PA_IMBALANCE * Math.abs(this.zeroPointPa);
    const flue = noFire ? 20.9 : o2.flue + 0.5 * (firing - firingNominal) + (shift[2] ?? 0);
    this.o2[0] = clampO2(preheat);
    this.o2[1] = clampO2(firing);
    this.o2[2] = clampO2(flue);
    const rich = Number.isFinite(lambda) && lambda < 1.05 ? (1.05 - lambda) * 4000 : 0;
    this.co = noFire ? 0 : 30 + this.effects.coShift + rich;
  }
}

function clampO2(value: number): number {
  return Math.min(20.9, Math.max(0.1, value));
}
