import type { FurnaceMode } from '@plantwatch/contracts';
import { clamp, lagFactor } from '../../kit/signal.js';
import type { FurnaceParams } from './aluminium.params.js';
import { EventQueue } from './event-queue.js';

/** Fault overlays of a holding furnace (domain.md §2.3.8 rows). */
export interface FurnaceFaults {
  /** REGEN_SWITCH_FAULT: side the valves are stuck on, and extra gas per tonne (0.15–0.3). */
  regenStuck: { side: 'A' | 'B'; gasPenalty: number } | undefined;
  /** TILT_FAULT: tilt frozen, launder flow 0. */
  tiltFrozen: boolean;
  /** FURNACE_LEAK: metal lost [t/h] and the shell TC that sees it. */
  leak: { tph: number; tc: number } | undefined;
  /** MELT_TEMP_HIGH: no solid metal for cooling additions. */
  noCoolingAdditions: boolean;
}

/**
 * Physics of one regenerative tilting holding furnace (domain.md §2.3.3): a mass balance (crucible
 * pours in, the launder or a tapping ladle drains, solid cooling additions after a hot charge) and
 * a heat balance `m·c·dT/dt = η·Q_burner − Q_loss` with a feed-forward burner controller, roof and
 * regenerator temperatures that lag the firing, and a hydraulic tilt. Stepped on the site's fixed
 * grid; sensor noise lives in the device adapter.
 */
export class HoldingFurnaceModel {
  massT: number;
  tBath: number;
  tRoof: number;
  /** Roof temperature oscillation on top of `tRoof` [°C] (regenerator fault). */
  roofSwingC = 0;
  spBath: number;
  firing = 0.15;
  regenSide: 'A' | 'B' = 'A';
  readonly tRegenOut: [number, number];
  readonly tShellExtra: number[];
  tiltDeg = 0;
  tiltTarget = 0;
  /** Metal leaving the furnace this step [t/h] (launder or tapping). */
  flowTph = 0;
  /** Selected by its cast line to feed the consumer. */
  casting = false;
  /** Crucible metal promised by dispatched crucibles [t]. */
  incomingT = 0;
  /** A crucible is pouring into the furnace. */
  charging = false;
  readonly faults: FurnaceFaults = { regenStuck: undefined, tiltFrozen: false, leak: undefined, noCoolingAdditions: false };
  readonly events = new EventQueue();
  /** `enterprise/site`: the plant whose crucible deliveries this furnace shares. */
  readonly plantKey: string;
  private regenTimerS = 0;
  private pendingSolidKg = 0;
  private solidRateKgPerS = 0;
  private chargedT = 0;
  private chargedHeat = 0;
  private nowMs: number;

  constructor(
    readonly key: string,
    readonly params: FurnaceParams,
    startMs: number,
    fillFrac: number,
  ) {
    this.nowMs = startMs;
    this.plantKey = key.split('/').slice(0, 2).join('/');
    this.massT = params.capacityT * clamp(fillFrac, 0, 1);
    this.spBath = params.spBathC;
    this.tBath = params.spBathC;
    this.tRoof = params.spBathC + 190;
    this.tRegenOut = [params.regenOutC[0], params.regenOutC[1]];
    this.tShellExtra = new Array<number>(params.shellTcs).fill(0);
  }

  /** Level over the radar datum [mm] (§2.3.3: bath area × density). */
  get levelMm(): number {
    const p = this.params;
    return p.levelOffsetMm + (this.massT / (p.bathAreaM2 * p.densityTPerM3)) * 1000;
  }

  get fill(): number {
    return this.massT / this.params.capacityT;
  }

  /** Casting interlock: bath above 760 °C (MELT_TEMP_HIGH) or cooling additions still going in. */
  get castBlocked(): boolean {
    return this.tBath > this.params.castMaxC;
  }

  get mode(): FurnaceMode {
    if (this.charging) return 'charging';
    if (this.casting) return 'casting';
    return this.tiltTarget > this.params.lipDeg ? 'tapping' : 'holding'; // commanded by tilt-to
  }

  /** Natural gas [Nm³/h] at the current firing rate (§2.6.1 LHV). */
  get gasNm3h(): number {
    return (this.firing * this.params.burnerKw * 3.6) / this.params.gasLhvMj;
  }

  /** Can feed a launder now: enough metal, not blocked, tilt working. */
  canCast(): boolean {
    return !this.castBlocked && !this.faults.tiltFrozen && !this.charging && this.massT > this.params.heelT + 0.5;
  }

  /** Room for `t` more tonnes including metal already promised (cooling additions may then overfill the nominal capacity by a few %). */
  hasRoomFor(t: number): boolean {
    return this.massT + this.incomingT + t <= this.params.capacityT;
  }

  /** Pours `t` of crucible metal at `tMetal` into the bath this step (mixing, §2.3.2). */
  pourIn(t: number, tMetal: number): void {
    if (t <= 0) return;
    this.tBath = (this.massT * this.tBath + t * tMetal) / (this.massT + t);
    this.massT += t;
    this.chargedT += t;
    this.chargedHeat += t * tMetal;
  }

  /** Ends a crucible pour: records it and plans the solid cooling addition (§2.3.2: 10–20 %). */
  endCharge(nowMs: number, crucible: string): void {
    this.charging = false;
    const t = this.chargedT;
    this.events.push(nowMs, 'charged', { crucible, massT: round1(t), tMetal: t > 0 ? Math.round(this.chargedHeat / t) : null, levelMm: Math.round(this.levelMm) });
    this.chargedT = 0;
    this.chargedHeat = 0;
    this.planCoolingAddition();
  }

  /** Solid charge that brings the bath back to setpoint + 3 °C, fed over 10 minutes. */
  planCoolingAddition(): void {
    const p = this.params;
    const excess = this.tBath - (this.spBath + 3);
    if (excess <= 5 || this.faults.noCoolingAdditions) return;
    this.pendingSolidKg = (this.massT * 1000 * p.cLiquid * excess) / p.solidAbsorbKjPerKg;
    this.solidRateKgPerS = this.pendingSolidKg / 600;
  }

  /** Draws up to `tph` into the launder for `dtS` seconds; returns the t/h delivered. */
  draw(tph: number, dtS: number): number {
    if (!this.casting || !this.canCast()) return 0;
    if (Math.abs(this.tiltDeg - this.autoTilt()) > 1.5) return 0; // still tilting to the pour angle
    const available = ((this.massT - this.params.heelT) * 3600) / dtS;
    const delivered = clamp(tph, 0, available);
    this.massT -= (delivered * dtS) / 3600;
    this.flowTph += delivered;
    return delivered;
  }

  /** Pour angle that keeps the launder flow at a falling level: 3° full → 18° near empty [E]. */
  autoTilt(): number {
    return clamp(this.params.lipDeg + 15 * (1 - this.fill), 0, 20);
  }

  /** Advances the furnace by `dtS` seconds to `nowMs` (called by the site after the consumers drew). */
  step(dtS: number, nowMs: number): void {
    this.nowMs = nowMs;
    this.stepTilt(dtS);
    this.stepTapping(dtS);
    this.stepLeak(dtS);
    this.stepSolids(dtS);
    this.stepHeat(dtS);
    this.stepRegenerators(dtS);
  }

  /** Start of the next step: outflow is re-accumulated by draw() and tapping. */
  beginStep(): void {
    this.flowTph = 0;
  }

  private stepTilt(dtS: number): void {
    if (this.faults.tiltFrozen) return;
    const target = this.casting ? this.autoTilt() : this.tiltTarget;
    const maxMove = this.params.tiltRateDegPerS * dtS;
    this.tiltDeg += clamp(target - this.tiltDeg, -maxMove, maxMove);
  }

  private stepTapping(dtS: number): void {
    const p = this.params;
    if (this.casting || this.faults.tiltFrozen || this.tiltTarget <= p.lipDeg || this.tiltDeg <= p.lipDeg) return;
    const tph = (p.tappingMaxTph * (this.tiltDeg - p.lipDeg)) / (p.tiltRangeDeg[1] - p.lipDeg);
    const t = Math.min((tph * dtS) / 3600, Math.max(0, this.massT - p.heelT));
    this.massT -= t;
    this.flowTph += (t * 3600) / dtS;
  }

  private stepLeak(dtS: number): void {
    const leak = this.faults.leak;
    const a = lagFactor(dtS * 1000, 600_000);
    this.tShellExtra.forEach((extra, i) => {
      this.tShellExtra[i] = extra + ((leak !== undefined && leak.tc === i ? 100 : 0) - extra) * a;
    });
    if (leak !== undefined) this.massT = Math.max(0, this.massT - (leak.tph * dtS) / 3600);
  }

  private stepSolids(dtS: number): void {
    if (this.pendingSolidKg <= 0) return;
    const kg = Math.min(this.pendingSolidKg, this.solidRateKgPerS * dtS);
    this.pendingSolidKg -= kg;
    const p = this.params;
    this.tBath -= (kg * p.solidAbsorbKjPerKg) / (this.massT * 1000 * p.cLiquid);
    this.massT += kg / 1000;
  }

  /** Burner controller: feed-forward of the losses + closing the gap in ≈ 10 min, within 0–100 %. */
  private stepHeat(dtS: number): void {
    const p = this.params;
    const massKg = Math.max(this.massT, p.heelT) * 1000;
    const eta = p.efficiency / (1 + (this.faults.regenStuck?.gasPenalty ?? 0));
    const lossKw = p.lossKwPerK * (this.tBath - 25);
    const holdOff = this.pendingSolidKg > 0 || this.tBath > this.spBath + 20;
    const needKw = lossKw + (massKg * p.cLiquid * (this.spBath - this.tBath)) / 600;
    const target = holdOff ? 0 : clamp(needKw / (eta * p.burnerKw), 0, 1);
    this.firing += (target - this.firing) * lagFactor(dtS * 1000, 20_000);
    this.tBath += ((eta * p.burnerKw * this.firing - lossKw) * dtS) / (massKg * p.cLiquid);
    const roofTarget = this.tBath + 150 + 250 * this.firing;
    this.tRoof += (roofTarget - this.tRoof) * lagFactor(dtS * 1000, 300_000);
    // A stuck regenerator pair fires unevenly: the roof swings ±50 °C (§2.3.8 REGEN_SWITCH_FAULT).
    this.roofSwingC = this.faults.regenStuck === undefined ? 0 : 50 * Math.sin((2 * Math.PI * this.nowMs) / 120_000);
  }

  /** Alternating firing sides (§2.3.3: every 30–90 s); the exhausting bed's outlet warms through a cycle. */
  private stepRegenerators(dtS: number): void {
    const p = this.params;
    const stuck = this.faults.regenStuck;
    this.regenTimerS += dtS;
    if (stuck !== undefined) this.regenSide = stuck.side;
    else if (this.regenTimerS >= p.regenSwitchS) {
      this.regenSide = this.regenSide === 'A' ? 'B' : 'A';
      this.regenTimerS = 0;
    }
    const [lo, hi] = p.regenOutC;
    const exhausting = this.regenSide === 'A' ? 1 : 0;
    const warmth = clamp(this.regenTimerS / p.regenSwitchS, 0, 3);
    const a = lagFactor(dtS * 1000, 20_000);
    for (let i = 0; i < 2; i++) {
      const target = i === exhausting ? Math.min(lo + (hi - lo) * warmth, 380) : lo;
      this.tRegenOut[i] = (this.tRegenOut[i] ?? lo) + (target - (this.tRegenOut[i] ?? lo)) * a;
    }
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
