import type { Rng } from '../../kit/rng.js';
import { Ar1Noise, clamp, lagFactor } from '../../kit/signal.js';
import type { DegasserParams, FilterParams } from './aluminium.params.js';
import type { CastLine } from './cast-line.js';
import { EventQueue } from './event-queue.js';

/** Launder temperature drop from the furnace to the degasser / filter box inlet [°C] [E]. */
const DEGASSER_DROP_C = 15;
const FILTER_DROP_C = 22;
/** Heated degasser box / filter preheat while no metal flows [°C] (§2.3.4: ≥ 700 before priming). */
const IDLE_HOLD_C = 715;
const PREHEAT_C = 705;

/** Melt residence in the degasser box: the treated metal's hydrogen follows the rotors with this lag [ms] [E]. */
const RESIDENCE_MS = 120_000;

/** Fault overlays of a degasser (domain.md §2.3.8 DEGAS_FAULT / H2_HIGH). */
export interface DegasserFaults {
  /** Rotors whose drive failed (rpm → 0) or whose argon supply is lost (Ar → 0). */
  rotorDown: boolean[];
  gasDown: boolean[];
  /** H2_HIGH: incoming hydrogen [mL/100 g] (wet flux, humid charge), or undefined. */
  h2In: number | undefined;
}

/**
 * Inline rotor degasser (domain.md §2.3.4): rotors at 450 rpm with 15 NL/min argon remove ≈ 60 %
 * of the hydrogen (0.28 → 0.11 mL/100 g); efficiency follows rotor speed and gas flow with the
 * melt's residence lag, and the analyser samples every 10 min.
 */
export class DegasserModel {
  readonly rpm: number[];
  readonly ar: number[];
  tIn: number = IDLE_HOLD_C;
  h2: number | null = null;
  h2Ts: number | null = null;
  readonly faults: DegasserFaults;
  readonly events = new EventQueue();
  private efficiency: number;
  private readonly h2Wander: Ar1Noise;
  private nextSampleMs: number;

  constructor(
    readonly key: string,
    readonly params: DegasserParams,
    readonly line: CastLine,
    private readonly rng: Rng,
    startMs: number,
  ) {
    this.rpm = new Array<number>(params.rotors).fill(params.idleRpm);
    this.ar = new Array<number>(params.rotors).fill(params.idleArNlpm);
    this.faults = { rotorDown: new Array<boolean>(params.rotors).fill(false), gasDown: new Array<boolean>(params.rotors).fill(false), h2In: undefined };
    this.efficiency = this.efficiencyNow();
    this.h2Wander = new Ar1Noise(0.03, 0.9995, rng);
    this.nextSampleMs = startMs + rng.int(1, params.sampleMs / 1000) * 1000;
  }

  get tOut(): number {
    return this.tIn - (this.line.flowTph > 0 ? this.params.tempDropC : 2);
  }

  step(dtS: number, nowMs: number): void {
    const p = this.params;
    const flowing = this.line.flowTph > 0;
    for (let r = 0; r < p.rotors; r++) {
      const rpmSp = this.faults.rotorDown[r] === true ? 0 : flowing ? p.rpm : p.idleRpm;
      const arSp = this.faults.gasDown[r] === true ? 0 : flowing ? p.arNlpm : p.idleArNlpm;
      this.rpm[r] = (this.rpm[r] ?? 0) + (rpmSp - (this.rpm[r] ?? 0)) * lagFactor(dtS * 1000, 3_000);
      this.ar[r] = (this.ar[r] ?? 0) + (arSp - (this.ar[r] ?? 0)) * lagFactor(dtS * 1000, 2_000);
    }
    const tTarget = flowing ? this.line.tSource - DEGASSER_DROP_C : IDLE_HOLD_C;
    this.tIn += (tTarget - this.tIn) * lagFactor(dtS * 1000, 60_000);
    this.efficiency += (this.efficiencyNow() - this.efficiency) * lagFactor(dtS * 1000, RESIDENCE_MS);
    this.h2Wander.step(this.rng, dtS * 1000);
    if (nowMs >= this.nextSampleMs) this.sample(nowMs);
  }

  /** Incoming hydrogen [mL/100 g] (§2.3.4: 0.20–0.40). */
  get h2In(): number {
    return this.faults.h2In ?? clamp(this.params.h2In + this.h2Wander.current, 0.22, 0.4);
  }

  private sample(nowMs: number): void {
    this.nextSampleMs = nowMs + this.params.sampleMs;
    this.h2 = clamp(Math.round(this.h2In * (1 - this.efficiency) * 100) / 100, 0, 0.99);
    this.h2Ts = nowMs;
    this.events.push(nowMs, 'h2_sample', { h2: this.h2 });
  }

  /** Rotors in series: 1 − Π(1 − e_r), e_r scaled by speed^0.7 and gas^0.5 relative to nominal. */
  private efficiencyNow(): number {
    const p = this.params;
    let pass = 1;
    for (let r = 0; r < p.rotors; r++) {
      const speed = clamp((this.rpm[r] ?? 0) / p.rpm, 0, 1.3);
      const gas = clamp((this.ar[r] ?? 0) / p.arNlpm, 0, 1.5);
      pass *= 1 - p.effPerRotor * speed ** 0.7 * gas ** 0.5;
    }
    return 1 - pass;
  }
}

/** FILTER_DP_HIGH overlay: extra head-loss growth while metal flows [mm/min], up to a ceiling [mm]. */
export interface FilterBlockage {
  readonly rateMmPerMin: number;
  readonly maxMm: number;
  extraMm: number;
}

/**
 * Ceramic-foam plate or tube filter box (domain.md §2.3.4): 8 mm head loss when new, rising with
 * the metal through it, a priming head at the first flow, changed between casts when spent.
 */
export class FilterBoxModel {
  metalT = 0;
  tIn: number = PREHEAT_C;
  blockage: FilterBlockage | undefined;
  readonly events = new EventQueue();
  private flowS = 0;

  constructor(
    readonly key: string,
    readonly params: FilterParams,
    readonly line: CastLine,
    /** Foam grade per stage: [30, 50] dual plate, [50] tube filter ([E] from the device slug). */
    readonly ppi: readonly number[],
  ) {}

  /** Metal head loss over the filter [mm]; 0 with no flow. */
  get dpMm(): number {
    if (this.line.flowTph <= 0) return 0;
    const p = this.params;
    const priming = this.flowS < p.primingS ? (p.primingHeadMm - p.newHeadMm) * (1 - this.flowS / p.primingS) : 0;
    return p.newHeadMm + p.loadMmPerT * this.metalT + (this.blockage?.extraMm ?? 0) + priming;
  }

  /** Metal level in the launder upstream [mm]: rises with the head loss (overflow risk, §2.3.8). */
  get levelUpMm(): number {
    return this.line.flowTph > 0 ? this.params.launderLevelMm + this.dpMm : 0;
  }

  get tOut(): number {
    return this.tIn - this.params.tempDropC;
  }

  step(dtS: number, nowMs: number): void {
    const flowing = this.line.flowTph > 0;
    if (flowing) {
      this.metalT += (this.line.flowTph * dtS) / 3600;
      this.flowS += dtS;
      const b = this.blockage;
      if (b !== undefined) b.extraMm = Math.min(b.maxMm, b.extraMm + (b.rateMmPerMin * dtS) / 60);
    } else if (this.metalT >= this.params.lifeT) this.change(nowMs);
    const tTarget = flowing ? this.line.tSource - FILTER_DROP_C : PREHEAT_C;
    this.tIn += (tTarget - this.tIn) * lagFactor(dtS * 1000, 60_000);
  }

  /** New filter between casts: head back to 8 mm, primed again at the next flow. */
  private change(nowMs: number): void {
    this.events.push(nowMs, 'filter_changed', { metalT: Math.round(this.metalT * 10) / 10 });
    this.metalT = 0;
    this.flowS = 0;
    if (this.blockage !== undefined) this.blockage.extraMm = 0;
  }
}
