import type { PvSiteTelemetry } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import { Ar1Noise, clamp } from '../../kit/signal.js';
import { roundTo } from '../aluminium/sensor.js';
import { localDay, localHour } from './shift-profile.js';

const DEG = Math.PI / 180;

/** A Datong base-station PV overlay (domain.md §2.6.6, seeds D1/D2). */
export interface PvSiteParams {
  /** Site latitude/longitude [°] (Datong ≈ 40.08 N, 113.30 E). */
  readonly latDeg: number;
  readonly lonDeg: number;
  /**
   * PV size [kWp]: 2.15 gives the seed's 3,134 kWh/site/yr (210,000 kWh / 67 sites, §2.6.6) with this
   * irradiance and weather model; module tilt [°] facing south.
   */
  readonly kWp: number;
  readonly tiltDeg: number;
  /** Performance ratio and power temperature coefficient [1/K]. */
  readonly pr: number;
  readonly tempCoeff: number;
  /** Base-station load [kW] (1.5–4 continuous). */
  readonly loadKw: number;
  /** Daily weather: probability of a clear and of a partly cloudy day (the rest overcast) [E]. */
  readonly clearDays: number;
  readonly partlyDays: number;
}

export const PV_SITE_DEFAULTS: PvSiteParams = { latDeg: 40.08, lonDeg: 113.3, kWp: 2.15, tiltDeg: 35, pr: 0.8, tempCoeff: 0.0037, loadKw: 3.1, clearDays: 0.55, partlyDays: 0.3 };

/**
 * Plane-of-array irradiance under a clear sky [W/m²] at `nowMs`: sun position from declination,
 * equation of time and hour angle; Haurwitz global horizontal irradiance split 85/15 into beam and
 * diffuse, projected on a south-facing module tilted `tiltDeg`.
 */
export function clearSkyPoa(nowMs: number, p: Pick<PvSiteParams, 'latDeg' | 'lonDeg' | 'tiltDeg'>): number {
  const dayOfYear = Math.floor((nowMs - Date.UTC(new Date(nowMs).getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
  const decl = 23.45 * DEG * Math.sin((2 * Math.PI * (284 + dayOfYear)) / 365);
  const b = (2 * Math.PI * (dayOfYear - 81)) / 364;
  const eotMin = 9.87 * Math.sin(2 * b) - 7.53 * Math.cos(b) - 1.5 * Math.sin(b);
  const utcHour = (((nowMs % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000;
  const omega = 15 * DEG * (utcHour + p.lonDeg / 15 + eotMin / 60 - 12);
  const lat = p.latDeg * DEG;
  const cosZ = Math.sin(lat) * Math.sin(decl) + Math.cos(lat) * Math.cos(decl) * Math.cos(omega);
  if (cosZ <= 0.01) return 0;
  const ghi = 1098 * cosZ * Math.exp(-0.057 / cosZ);
  const tilted = (p.latDeg - p.tiltDeg) * DEG;
  const cosI = Math.sin(decl) * Math.sin(tilted) + Math.cos(decl) * Math.cos(tilted) * Math.cos(omega);
  const beam = (0.85 * ghi * Math.max(0, cosI)) / cosZ;
  const diffuse = 0.15 * ghi * ((1 + Math.cos(p.tiltDeg * DEG)) / 2) + 0.2 * ghi * ((1 - Math.cos(p.tiltDeg * DEG)) / 2);
  return Math.min(1_400, beam + diffuse);
}

/**
 * A base station with a PV overlay (domain.md §2.6.6): clear-sky irradiance × a daily weather
 * draw × fast cloud wander; module temperature from ambient (Datong seasons and days) and
 * irradiance; PV power after PR and temperature losses; grid covers the rest of the load (PV never
 * exceeds a base-station load, so nothing is exported); battery floating near full; kWh today
 * reset at local midnight.
 */
export class PvSiteModel {
  private readonly seq = new SequenceCounter();
  private readonly cloud: Ar1Noise;
  private readonly socWander: Ar1Noise;
  private day = -1;
  private dayClearness = 1;
  private kwhDay = 0;
  private lastMs: number | undefined;
  private lastPv = 0;

  constructor(
    readonly params: PvSiteParams,
    private readonly rng: Rng,
  ) {
    this.cloud = new Ar1Noise(0.25, 0.995, rng);
    this.socWander = new Ar1Noise(2, 0.9999, rng);
  }

  read(nowMs: number): PvSiteTelemetry {
    const dt = this.lastMs === undefined ? 0 : nowMs - this.lastMs;
    this.newDay(nowMs);
    const p = this.params;
    const cloud = this.cloud.step(this.rng, dt);
    const partly = this.dayClearness > 0.4 && this.dayClearness < 0.9;
    const clearness = clamp(this.dayClearness * (1 + (partly ? cloud : cloud * 0.15)), 0.05, 1.05);
    const irr = clearSkyPoa(nowMs, p) * clearness;
    const tMod = ambientC(nowMs) + 0.03 * irr;
    const pv = Math.max(0, (p.kWp * irr * p.pr * (1 - p.tempCoeff * (tMod - 25))) / 1000);
    if (dt > 0) this.kwhDay += ((this.lastPv + pv) / 2) * (dt / 3_600_000);
    this.lastMs = nowMs;
    this.lastPv = pv;
    const hour = localHour(nowMs);
    const load = p.loadKw * (0.92 + 0.12 * Math.exp(-(((hour - 20) / 3) ** 2)) + 0.02 * this.rng.normal());
    return {
      ts: nowMs,
      seq: this.seq.next(),
      v: {
        pvKw: roundTo(pv, 0.01),
        pvKwhDay: roundTo(this.kwhDay, 0.1),
        loadKw: roundTo(load, 0.01),
        gridKw: roundTo(Math.max(0, load - pv), 0.01),
        soc: Math.round(clamp(98 + this.socWander.step(this.rng, dt), 90, 100)),
        irr: Math.round(irr),
        tMod: roundTo(tMod, 0.1),
      },
      q: 'good',
    };
  }

  /** Local midnight: reset the day's kWh and draw the day's weather. */
  private newDay(nowMs: number): void {
    const day = localDay(nowMs);
    if (day === this.day) return;
    if (this.day >= 0) this.kwhDay = 0;
    this.day = day;
    const u = this.rng.float();
    const p = this.params;
    this.dayClearness = u < p.clearDays ? this.rng.uniform(0.9, 1) : u < p.clearDays + p.partlyDays ? this.rng.uniform(0.5, 0.8) : this.rng.uniform(0.15, 0.35);
  }
}

/** Datong ambient temperature [°C]: annual mean 7, ±15 seasonal (coldest mid-January), ±6 daily (warmest 15:00 local) [E]. */
export function ambientC(nowMs: number): number {
  const dayOfYear = localDay(nowMs) % 365.25; // the epoch starts on 1 January
  const seasonal = 7 - 15 * Math.cos((2 * Math.PI * (dayOfYear - 15)) / 365.25);
  const daily = 6 * Math.cos((2 * Math.PI * (localHour(nowMs) - 15)) / 24);
  return seasonal + daily;
}
