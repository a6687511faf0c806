import { clamp, quantise } from '../../kit/signal.js';
import type { Rng } from '../../kit/rng.js';

/** Fixed radio situation of one gateway (domain.md §2.4.4, §4.2 "Radio"). */
export interface RadioSite {
  /** P_site − PL(d) [dBm]: −70…−95 indoors. */
  readonly baseRsrp: number;
  /** Noise floor N [dBm]: −100…−105. */
  readonly noiseFloor: number;
  /** σ of the slow shadowing S(t) [dB]: 3–6. */
  readonly shadowSigma: number;
  /** τ of the shadowing OU process [s]: 30–120. */
  readonly shadowTauS: number;
  /** Metal occlusions (crane, AGV, stock) per hour. */
  readonly occlusionsPerHour: number;
  /** Near induction furnaces or welding: EMI bursts while they melt (§4.2: 5 % of gateways). */
  readonly difficult: boolean;
  /** Base PRB load of the serving cell, 0–1. */
  readonly cellLoad: number;
}

/** Extra degradation applied by faults (§2.4.6). */
export interface RadioPenalty {
  /** Extra path loss [dB] (signal degradation fault: 10–25 dB). */
  rsrpDb: number;
  /** Extra PRB load, 0–1 (cell congestion: load > 80 %). */
  load: number;
}

/** Melt cycle of the furnaces next to a difficult gateway [s] (assumption: 40 min melt, 20 min idle). */
const MELT_ON_S = 2_400;
const MELT_CYCLE_S = 3_600;
/** Mean time between EMI bursts while melting [s] and burst length range [s]. */
const EMI_BURST_EVERY_S = 120;
const EMI_BURST_S: readonly [number, number] = [2, 20];

/**
 * The simple radio model of domain.md §2.4.4: RSRP = P_site − PL(d) − S(t) − occl(t), with S an
 * exactly discretised Ornstein–Uhlenbeck process and occlusions of −10…−25 dB for 5 s…5 min;
 * SINR = RSRP − (N + I(t)) with I rising with cell load and, for difficult spots, EMI bursts that
 * pin SINR to −5…−15 dB while the furnaces melt; RSRQ, UL capacity, RTT and loss follow.
 */
export class RadioModel {
  private shadow: number;
  private occlusionDb = 0;
  private occlusionUntil = 0;
  private emiUntil = 0;
  private emiLevel = 0;
  private readonly meltPhaseS: number;
  readonly penalty: RadioPenalty = { rsrpDb: 0, load: 0 };
  /** Current values. */
  rsrp = 0;
  sinr = 0;

  constructor(
    readonly site: RadioSite,
    private readonly rng: Rng,
  ) {
    this.shadow = rng.normal(0, site.shadowSigma);
    this.meltPhaseS = rng.uniform(0, MELT_CYCLE_S);
    this.compute(0);
  }

  /** PRB load of the serving cell now, 0–1. */
  get load(): number {
    return clamp(this.site.cellLoad + this.penalty.load, 0, 1);
  }

  /** Advances by `dtMs` to `nowMs` (the 1 s modem query tick, §2.7). */
  step(dtMs: number, nowMs: number): void {
    if (dtMs <= 0) return;
    const a = Math.exp(-dtMs / 1000 / this.site.shadowTauS);
    this.shadow = this.shadow * a + this.site.shadowSigma * Math.sqrt(1 - a * a) * this.rng.normal();
    this.stepOcclusion(dtMs, nowMs);
    this.stepEmi(dtMs, nowMs);
    this.compute(nowMs);
  }

  rsrq(): number {
    return quantise(clamp(-10.8 + 0.35 * clamp(this.sinr, -10, 25) - 3 * this.load, -20, -3), 0.5);
  }

  /** UL_cap = BW·UL_share·min(0.6·log2(1 + SINR), 5.5) / N_active [Mbps]; 100 MHz TDD, 30 % UL. */
  ulCapMbps(): number {
    const se = Math.min(0.6 * Math.log2(1 + 10 ** (this.sinr / 10)), 5.5);
    return quantise((100 * 0.3 * se) / (1 + 2 * this.load), 0.1);
  }

  /** Median RTT to the edge broker [ms]: 8–15 base + PRB-load queueing. */
  rttMs(base: number): number {
    return base + 40 * Math.max(0, this.load - 0.5) ** 2 + (this.sinr < 3 ? 15 : 0);
  }

  /** Packet loss [%]: 10⁻⁴–10⁻³ normally, rising as SINR → 0 dB. */
  lossPct(): number {
    return quantise(0.02 + 2 / (1 + Math.exp(this.sinr)), 0.01);
  }

  private stepOcclusion(dtMs: number, nowMs: number): void {
    if (nowMs >= this.occlusionUntil) this.occlusionDb = 0;
    if (this.occlusionDb !== 0 || this.rng.float() >= (this.site.occlusionsPerHour * dtMs) / 3_600_000) return;
    this.occlusionDb = this.rng.uniform(10, 25);
    // 5 s … 5 min, log-uniform: most occlusions are short.
    this.occlusionUntil = nowMs + 5_000 * Math.exp(this.rng.float() * Math.log(60));
  }

  private stepEmi(dtMs: number, nowMs: number): void {
    if (!this.site.difficult || nowMs < this.emiUntil) return;
    const melting = (nowMs / 1000 + this.meltPhaseS) % MELT_CYCLE_S < MELT_ON_S;
    if (!melting || this.rng.float() >= dtMs / 1000 / EMI_BURST_EVERY_S) return;
    this.emiLevel = this.rng.uniform(-15, -5);
    this.emiUntil = nowMs + 1000 * this.rng.uniform(...EMI_BURST_S);
  }

  private compute(nowMs: number): void {
    this.rsrp = this.site.baseRsrp - this.shadow - this.occlusionDb - this.penalty.rsrpDb;
    const interference = this.site.noiseFloor - 8 + 12 * this.load;
    const noisePlusI = 10 * Math.log10(10 ** (this.site.noiseFloor / 10) + 10 ** (interference / 10));
    let sinr = this.rsrp - noisePlusI;
    if (nowMs < this.emiUntil) sinr = Math.min(sinr, this.emiLevel);
    this.sinr = clamp(sinr, -23, 40);
    this.rsrp = clamp(this.rsrp, -156, -31);
  }
}
