import type { RodLineRunState } from '@plantwatch/contracts';
import { lagFactor } from '../../kit/signal.js';
import type { RodLineParams } from './aluminium.params.js';
import type { CastLine } from './cast-line.js';
import { EventQueue } from './event-queue.js';

/** Metal held between launder and casting wheel [t] [E]. */
const TUNDISH_T = 0.3;

/** Fault overlays of a rod line (domain.md §2.3.8 rows). */
export interface RodLineFaults {
  /** WHEEL_COOLING_LOW: bar exit T rise [°C] and when the rod breaks because of it (or never). */
  wheelCooling: { deltaC: number; breakAtMs: number | undefined } | undefined;
  /** ROD_BREAK: cobble in the mill; the line is stopped until cleared. */
  brokeAtMs: number | undefined;
}

/**
 * Physics of a Yihe continuous casting and rolling line (domain.md §2.3.6): casting wheel, hot
 * rolling mill and coiler at 4.2 t/h, mass flow conserved from cast bar to Ø9.5 mm rod. The line
 * draws metal from its cast line and slows by 15 % when metal runs short (§2.3.7–2.3.8: the casting
 * furnace below 20 % with no partner ready, or a plant HOT_METAL_SHORTAGE); it stops when starved.
 */
export class RodLineModel {
  /** Speed as a fraction of the nominal output (lagged: drives do not jump). */
  factor = 1;
  state: RodLineRunState = 'run';
  /** Metal actually cast this step [t/h]. */
  tph = 0;
  coilT = 0;
  coilNo = 0;
  /** Lagged bar-exit temperature excess from a wheel cooling loss [°C]. */
  barExtraC = 0;
  readonly faults: RodLineFaults = { wheelCooling: undefined, brokeAtMs: undefined };
  readonly events = new EventQueue();
  /** `enterprise/site`: the plant whose hot-metal supply the line shares. */
  readonly plantKey: string;
  private tundishT = TUNDISH_T;

  constructor(
    readonly key: string,
    readonly params: RodLineParams,
    readonly line: CastLine,
  ) {
    this.plantKey = key.split('/').slice(0, 2).join('/');
  }

  /** Advances by `dtS`; `shortage` is the plant's HOT_METAL_SHORTAGE state. */
  step(dtS: number, nowMs: number, shortage: boolean): void {
    const p = this.params;
    this.stepCooling(dtS, nowMs);
    const broken = this.faults.brokeAtMs !== undefined;
    const noMetal = !this.line.canFeed();
    const slow = shortage || this.line.lowSupply();
    const target = broken || noMetal ? 0 : slow ? p.slowFactor : 1;
    const tau = target < this.factor ? (broken ? 5_000 : 60_000) : 120_000;
    this.factor += (target - this.factor) * lagFactor(dtS * 1000, tau);
    if (this.factor < 0.01 && target === 0) this.factor = 0;
    const wanted = p.tph * this.factor;
    this.tph = this.pour(wanted, dtS);
    const starved = noMetal || (wanted > 0.05 && this.tph < wanted * 0.5);
    this.state = broken ? 'stopped' : starved ? 'starved' : slow ? 'slow' : 'run';
    this.stepCoiler(dtS, nowMs);
  }

  /**
   * The tundish between launder and wheel buffers ≈ 0.3 t, so a furnace change-over (seconds of
   * tilting) does not starve the wheel; returns the t/h cast onto the wheel.
   */
  private pour(wanted: number, dtS: number): number {
    const refill = ((TUNDISH_T - this.tundishT) * 3600) / dtS;
    const request = wanted + Math.min(refill, wanted);
    const inflow = request > 0 ? this.line.feedContinuous(request, dtS) : 0;
    this.tundishT += ((inflow - wanted) * dtS) / 3600;
    if (this.tundishT >= 0) return wanted;
    const cast = wanted + (this.tundishT * 3600) / dtS;
    this.tundishT = 0;
    return Math.max(0, cast);
  }

  /** Rod break / cobble (§2.3.8 ROD_BREAK): mill trips, coiler stops. */
  breakRod(nowMs: number, cause: string): void {
    if (this.faults.brokeAtMs !== undefined) return;
    this.faults.brokeAtMs = nowMs;
    this.events.push(nowMs, 'rod_break', { cause, coilT: Math.round(this.coilT * 100) / 100 });
  }

  /** Cobble cleared: the line restarts and ramps up over a few minutes. */
  restart(nowMs: number): void {
    if (this.faults.brokeAtMs === undefined) return;
    this.faults.brokeAtMs = undefined;
    this.coilT = 0;
    this.events.push(nowMs, 'restart', {});
  }

  private stepCooling(dtS: number, nowMs: number): void {
    const cooling = this.faults.wheelCooling;
    const target = cooling === undefined ? 0 : cooling.deltaC;
    this.barExtraC += (target - this.barExtraC) * lagFactor(dtS * 1000, 120_000);
    if (cooling?.breakAtMs !== undefined && nowMs >= cooling.breakAtMs) {
      cooling.breakAtMs = undefined;
      this.breakRod(nowMs, 'WHEEL_COOLING_LOW');
    }
  }

  private stepCoiler(dtS: number, nowMs: number): void {
    if (this.faults.brokeAtMs !== undefined) return;
    this.coilT += (this.tph * dtS) / 3600;
    if (this.coilT < this.params.coilT) return;
    this.coilNo += 1;
    this.events.push(nowMs, 'coil_done', { coilNo: this.coilNo, massT: Math.round(this.coilT * 100) / 100 });
    this.coilT = 0;
  }
}
