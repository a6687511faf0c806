import type { CasterPhase } from '@plantwatch/contracts';
import { clamp, lagFactor } from '../../kit/signal.js';
import type { DcCasterParams } from './aluminium.params.js';
import type { CastLine } from './cast-line.js';
import { EventQueue } from './event-queue.js';

/** Fault overlays of a DC caster (domain.md §2.3.8 rows). */
export interface DcCasterFaults {
  /** BLEEDOUT: mould index (0-based); armed until a cast is running, then fires at `atMs`. */
  bleedout: { mould: number; atMs: number | undefined } | undefined;
  /** COOLING_WATER_LOW: flow as % of setpoint, on one mould or all. */
  water: { pct: number; mould: number | undefined } | undefined;
  /** CAST_HANGUP: extra table load [%]; the table stops following the speed. */
  hangup: { loadPct: number } | undefined;
}

/** After an abort the caster keeps fast telemetry for the follow-up [ms], and stays stopped at least [ms]. */
const STOPPED_FAST_MS = 5 * 60_000;
const STOPPED_MIN_MS = 15 * 60_000;
/** Bleed-out: metal level falls 20 mm/s in the affected mould (§2.3.8: > 10 mm in 2 s). */
const BLEED_MM_PER_S = 20;

/**
 * Physics of the Yuantai internally guided hydraulic DC caster (domain.md §2.3.5): drops of
 * 12 × Ø300 mm 7xxx billets, 6 m at 55 mm/min (≈ 1.8 h, seed X2) after a 200-mm start-up ramp,
 * with 35 min of preparation between drops. A drop starts only when a furnace of its cast line
 * holds the whole drop and may cast; it ends with `cast_end` (ok), or is aborted by a bleed-out,
 * a cooling-water trip or lack of metal.
 */
export class DcCasterModel {
  phase: CasterPhase = 'prep';
  castId: string | null = null;
  speedSp: number;
  speed = 0;
  posMm = 0;
  castMassT = 0;
  /** Per-mould metal head [mm], cooling water [L/min] and outlet-temperature excess [°C]. */
  readonly level: number[];
  readonly water: number[];
  readonly waterOutExtra: number[];
  readonly faults: DcCasterFaults = { bleedout: undefined, water: undefined, hangup: undefined };
  readonly events = new EventQueue();
  private phaseSinceMs: number;
  private castStartMs = 0;
  private starvedS = 0;
  private dayKey = '';
  private castOfDay = 0;

  constructor(
    readonly key: string,
    readonly params: DcCasterParams,
    readonly line: CastLine,
    startMs: number,
    /** How far into its preparation the caster is at the start [0–1]. */
    prepDone: number,
  ) {
    this.speedSp = params.speedSp;
    this.phaseSinceMs = startMs - prepDone * params.prepMin * 60_000;
    this.level = new Array<number>(params.moulds).fill(0);
    this.water = new Array<number>(params.moulds).fill(0);
    this.waterOutExtra = new Array<number>(params.moulds).fill(0);
  }

  /** Billet cross-section [m²]. */
  get mouldAreaM2(): number {
    return Math.PI * (this.params.billetDiaMm / 2000) ** 2;
  }

  /** Metal for one full drop [t]. */
  get dropMassT(): number {
    const p = this.params;
    return p.moulds * this.mouldAreaM2 * (p.dropLengthMm / 1000) * p.solidDensity;
  }

  /** Metal drawn at a table speed [t/h]. */
  tphAt(speedMmMin: number): number {
    const p = this.params;
    return p.moulds * this.mouldAreaM2 * (speedMmMin / 1000) * 60 * p.solidDensity;
  }

  /** Casting (start ramp or steady), or stopped within the fast-telemetry window after an abort. */
  fastTelemetry(nowMs: number): boolean {
    return this.phase === 'start' || this.phase === 'cast' || (this.phase === 'stopped' && nowMs - this.phaseSinceMs < STOPPED_FAST_MS);
  }

  /** Cooling water below the trip point on any mould (§2.3.8 COOLING_WATER_LOW). */
  waterTripped(): boolean {
    const w = this.faults.water;
    return w !== undefined && w.pct < this.params.waterTripPct;
  }

  step(dtS: number, nowMs: number): void {
    if (this.phase === 'prep') this.stepPrep(nowMs);
    else if (this.phase === 'stopped') this.stepStopped(nowMs);
    else this.stepCasting(dtS, nowMs);
    this.stepMoulds(dtS, nowMs);
  }

  /** Aborts the running drop: `cast_end` with the cause, table stopped (§2.3.8: bleed-out → cast stop). */
  abort(nowMs: number, cause: string): void {
    if (this.phase !== 'start' && this.phase !== 'cast') return;
    this.endCast(nowMs, 'aborted', cause);
    this.phase = 'stopped';
  }

  private stepPrep(nowMs: number): void {
    if (nowMs - this.phaseSinceMs < this.params.prepMin * 60_000) return;
    if (this.waterTripped()) return;
    if (!this.line.startBatch(this.dropMassT)) return;
    this.phase = 'start';
    this.phaseSinceMs = nowMs;
    this.castStartMs = nowMs;
    this.posMm = 0;
    this.castMassT = 0;
    this.starvedS = 0;
    this.castId = this.nextCastId(nowMs);
    const bleed = this.faults.bleedout;
    if (bleed !== undefined) bleed.atMs = nowMs + 60_000; // butt-curl risk right after the start
    this.events.push(nowMs, 'cast_start', { castId: this.castId, moulds: this.params.moulds, speedSp: this.speedSp, dropMassT: round1(this.dropMassT) });
  }

  private stepStopped(nowMs: number): void {
    const blocked = this.faults.bleedout !== undefined || this.waterTripped();
    if (blocked || nowMs - this.phaseSinceMs < STOPPED_MIN_MS) return;
    this.phase = 'prep';
    this.phaseSinceMs = nowMs;
    this.castId = null;
  }

  private stepCasting(dtS: number, nowMs: number): void {
    const p = this.params;
    const rampTarget = this.speedSp * clamp(0.3 + (0.7 * this.posMm) / p.rampMm, 0.3, 1);
    this.speed += (rampTarget - this.speed) * lagFactor(dtS * 1000, 10_000);
    const advance = this.faults.hangup === undefined ? this.speed : this.speed * 0.05;
    const tph = this.tphAt(advance);
    const delivered = this.line.feedBatch(tph, dtS);
    this.starvedS = delivered < tph * 0.8 ? this.starvedS + dtS : 0;
    this.castMassT += (delivered * dtS) / 3600;
    this.posMm += (advance * dtS) / 60;
    if (this.posMm >= p.rampMm) this.phase = 'cast';
    const bleed = this.faults.bleedout;
    if (bleed?.atMs !== undefined && nowMs >= bleed.atMs) this.bleedOut(nowMs, bleed.mould);
    else if (this.waterTripped()) this.emergencyStop(nowMs);
    else if (this.starvedS > 20) this.abort(nowMs, 'NO_METAL');
    else if (this.posMm >= p.dropLengthMm) {
      this.endCast(nowMs, 'ok', 'END_OF_DROP');
      this.phase = 'prep';
    }
  }

  /** §2.3.8 BLEEDOUT: critical event at once, that position loses its metal, the cast stops. */
  bleedOut(nowMs: number, mould: number): void {
    const bleed = this.faults.bleedout;
    if (bleed !== undefined) bleed.atMs = undefined;
    this.events.push(nowMs, 'bleedout', { castId: this.castId, mould: mould + 1, posMm: Math.round(this.posMm), levelMm: Math.round(this.level[mould] ?? 0), sev: 'critical' });
    this.abort(nowMs, 'BLEEDOUT');
  }

  private emergencyStop(nowMs: number): void {
    const pct = this.faults.water?.pct ?? 0;
    this.events.push(nowMs, 'emergency_stop', { castId: this.castId, cause: 'COOLING_WATER_LOW', waterPct: pct, sev: 'critical' });
    this.abort(nowMs, 'COOLING_WATER_LOW');
  }

  private endCast(nowMs: number, result: 'ok' | 'aborted', cause: string): void {
    const durMin = Math.round((nowMs - this.castStartMs) / 6_000) / 10;
    this.events.push(nowMs, 'cast_end', { castId: this.castId, result, cause, lengthMm: Math.round(this.posMm), durMin, massT: round1(this.castMassT) });
    this.line.release(nowMs);
    this.phaseSinceMs = nowMs;
    this.speed = 0;
  }

  /** Mould heads, water flows and outlet-temperature excess per position. */
  private stepMoulds(dtS: number, nowMs: number): void {
    const p = this.params;
    const casting = this.phase === 'start' || this.phase === 'cast';
    const cooling = casting || (this.phase === 'stopped' && nowMs - this.phaseSinceMs < STOPPED_MIN_MS);
    const w = this.faults.water;
    const bleedMould = this.phase === 'stopped' ? this.faults.bleedout?.mould : undefined;
    const drain = lagFactor(dtS * 1000, 30_000);
    const spike = lagFactor(dtS * 1000, 3_000);
    for (let m = 0; m < p.moulds; m++) {
      const factor = w !== undefined && (w.mould === undefined || w.mould === m) ? w.pct / 100 : 1;
      this.water[m] = cooling ? p.waterLpm * factor : 0;
      const level = this.level[m] ?? 0;
      if (casting) this.level[m] = level + (p.levelMm - level) * lagFactor(dtS * 1000, 5_000);
      else if (m === bleedMould) this.level[m] = Math.max(0, level - BLEED_MM_PER_S * dtS);
      else this.level[m] = level * (1 - drain);
      const extra = this.waterOutExtra[m] ?? 0;
      const target = m === bleedMould && nowMs - this.phaseSinceMs < STOPPED_FAST_MS ? 10 : 0;
      this.waterOutExtra[m] = extra + (target - extra) * spike;
    }
  }

  /** `DC1-240615-03`: device slug, local (UTC+8) date, drop of the day (§3.4). */
  private nextCastId(nowMs: number): string {
    const day = new Date(nowMs + 8 * 3_600_000).toISOString().slice(2, 10).replaceAll('-', '');
    this.castOfDay = day === this.dayKey ? this.castOfDay + 1 : 1;
    this.dayKey = day;
    const slug = (this.key.split('/').pop() ?? 'dc').replaceAll('-', '').toUpperCase();
    return `${slug}-${day}-${String(this.castOfDay).padStart(2, '0')}`;
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
