import { interpolate } from '../../kit/signal.js';
import type { FanEffect } from './kiln-equipment.params.js';
import type { FanDrive } from './kiln-fans.js';
import type { KilnCombustion } from './tunnel-kiln.combustion.js';
import type { TunnelKilnParams } from './tunnel-kiln.params.js';
import type { KilnThermal } from './tunnel-kiln.thermal.js';

/** §2.1.9 jam: preheat +20–50 °C over 1–3 h; the firing zone would rise too, so the PIDs cut gas −10–30 %. */
const JAM_PREHEAT_C = 40;
const JAM_FIRING_C = 60;
/** §2.1.8: push interval −10 % → firing −10–20 °C unless gas +8–12 %. */
const THROUGHPUT_FIRING_C = -150;
/** Largest heat deviation a zone passes on to its neighbours [°C] (before the 25 % share). */
const NEIGHBOUR_LIMIT_C = 100;

/** `limit · tanh(slope · s / limit)`: the §2.1.8 small-signal gain that saturates at the §2.1.9 trip value. */
export function saturating(s: number, slope: number, limit: number): number {
  return limit * Math.tanh((slope * s) / limit);
}

/** Weights of one fan effect at a list of positions, with the shift they produce. */
class EffectAtPositions {
  readonly weights: Float64Array;
  constructor(
    readonly fan: number,
    readonly effect: FanEffect,
    positionsX: ArrayLike<number>,
  ) {
    this.weights = Float64Array.from(positionsX, (x) => interpolate(effect.weight, x));
  }
}

/**
 * How the fans' speeds move the kiln's signals (domain.md §2.1.6 couplings, §2.1.8 gains, §2.1.9
 * trip magnitudes). Weights are computed once per position; each step only evaluates one tanh
 * per fan effect and sums into preallocated arrays.
 */
export class FanEffects {
  /** Gas-temperature shift per cell [°C]. */
  readonly cellShift: Float64Array;
  /** O₂ shift [%-points] at the three analyzers, CO shift [ppm]. */
  readonly o2Shift = new Float64Array(3);
  coShift = 0;
  private readonly temp: EffectAtPositions[] = [];
  private readonly groups = new Map<string, { out: Float64Array; effects: EffectAtPositions[] }>();
  /** Speeds of the last update: nothing to do while no fan changes speed (the steady state). */
  private readonly lastSpeed: Float64Array;
  private stale = true;

  constructor(
    private readonly fans: readonly FanDrive[],
    private readonly lengthM: number,
    cellM: ArrayLike<number>,
  ) {
    this.cellShift = new Float64Array(cellM.length);
    this.lastSpeed = new Float64Array(fans.length);
    const cellX = Float64Array.from(cellM, (m) => m / lengthM);
    fans.forEach((fan, f) => fan.spec.temp.forEach((effect) => this.temp.push(new EffectAtPositions(f, effect, cellX))));
  }

  /** Registers a group of pressure positions [m]; its shifts [Pa] are in the returned array after each update. */
  pressureGroup(name: string, positionsM: readonly number[]): Float64Array {
    const x = positionsM.map((m) => m / this.lengthM);
    const effects: EffectAtPositions[] = [];
    this.fans.forEach((fan, f) => {
      if (fan.spec.pressure) effects.push(new EffectAtPositions(f, fan.spec.pressure, x));
    });
    const out = new Float64Array(positionsM.length);
    this.groups.set(name, { out, effects });
    this.stale = true;
    return out;
  }

  /** Re-evaluates every shift from the fans' current speeds. */
  update(): void {
    if (!this.changed()) return;
    this.cellShift.fill(0);
    for (const e of this.temp) addShift(this.cellShift, e, this.speed(e.fan));
    for (const { out, effects } of this.groups.values()) {
      out.fill(0);
      for (const e of effects) addShift(out, e, this.speed(e.fan));
    }
    this.o2Shift.fill(0);
    this.coShift = 0;
    for (const fan of this.fans) {
      const stopped = Math.max(-1, Math.min(1, -fan.speedDeviation));
      fan.spec.o2.forEach((o2, k) => (this.o2Shift[k] = (this.o2Shift[k] ?? 0) + o2 * stopped));
      this.coShift += fan.spec.coPpm * Math.max(0, stopped);
    }
  }

  private changed(): boolean {
    let changed = this.stale;
    this.stale = false;
    for (let f = 0; f < this.fans.length; f++) {
      const s = this.speed(f);
      if (s !== this.lastSpeed[f]) changed = true;
      this.lastSpeed[f] = s;
    }
    return changed;
  }

  private speed(f: number): number {
    return this.fans[f]?.speedDeviation ?? 0;
  }
}

function addShift(out: Float64Array, e: EffectAtPositions, s: number): void {
  const shift = saturating(s, e.effect.slope, e.effect.limit);
  if (shift === 0) return;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) + (e.weights[i] ?? 0) * shift;
}

/** Slow load state: no new cold load (jam, hold) and throughput changes. */
export interface LoadState {
  /** 0 = pushing on time … 1 = a full interval overdue (lagged, §2.1.9 jam). */
  readonly jam: number;
  /** Relative throughput change interval₀/interval − 1 (lagged, §2.1.8). */
  readonly throughput: number;
}

/**
 * Writes each cell's target deviation (§2.1.8 item 2, `Tg_target = SP(x) + Σ G·Δu`): firing cells
 * from their zone's gas (`ambient + (T_nom − ambient)·rel^alpha`, neighbours share 25 %), preheat
 * and cooling cells from the firing zone's deviation scaled by their temperature level, plus the
 * fans' shifts and the load state.
 */
export function writeThermalTargets(params: TunnelKilnParams, thermal: KilnThermal, combustion: KilnCombustion, fans: FanEffects, load: LoadState): void {
  const { ambientC, neighbourShare, coolingCoupling } = params.heat;
  const zones = params.firingZone.zones;
  const firingCells = thermal.firingLast - thermal.firingFirst + 1;
  const heat = zoneHeat(params, thermal, combustion);
  const mean = thermal.firingMeanDev();
  const level = thermal.peakC - ambientC;
  for (let i = 0; i < thermal.n; i++) {
    const nominal = thermal.nominal[i] ?? 0;
    let target = fans.cellShift[i] ?? 0;
    if (i < thermal.firingFirst) {
      target += ((nominal - ambientC) / level) * mean + JAM_PREHEAT_C * load.jam;
    } else if (i > thermal.firingLast) {
      target += coolingCoupling * ((nominal - ambientC) / level) * mean;
    } else {
      const j = Math.floor(((i - thermal.firingFirst) * zones) / firingCells);
      target += (heat[j] ?? 0) + neighbourShare * (spill(heat[j - 1]) + spill(heat[j + 1]));
      target += JAM_FIRING_C * load.jam + THROUGHPUT_FIRING_C * load.throughput;
    }
    thermal.target[i] = Math.max(ambientC - nominal, target);
  }
}

/** What a neighbouring zone passes on: the small-signal share, bounded (a zone that trips does not freeze its neighbours). */
function spill(heat: number | undefined): number {
  return Math.max(-NEIGHBOUR_LIMIT_C, Math.min(NEIGHBOUR_LIMIT_C, heat ?? 0));
}

const heatScratch = new Map<number, Float64Array>();

/** Heat deviation each zone's gas would settle at: `(T_nom − ambient)·(rel^alpha − 1)` [°C]. */
function zoneHeat(params: TunnelKilnParams, thermal: KilnThermal, combustion: KilnCombustion): Float64Array {
  const zones = params.firingZone.zones;
  let heat = heatScratch.get(zones);
  if (heat === undefined) heatScratch.set(zones, (heat = new Float64Array(zones)));
  const firingCells = thermal.firingLast - thermal.firingFirst + 1;
  for (let j = 0; j < zones; j++) {
    const cell = thermal.firingFirst + Math.floor(((j + 0.5) * firingCells) / zones);
    heat[j] = ((thermal.nominal[cell] ?? 0) - params.heat.ambientC) * (Math.pow(Math.max(0, combustion.rel(j)), params.heat.alpha) - 1);
  }
  return heat;
}
