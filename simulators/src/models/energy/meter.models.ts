import type { EnergyMeterTelemetry, GasMeterTelemetry } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import { Ar1Noise, clamp } from '../../kit/signal.js';
import { roundTo, Sensor, sensors } from '../aluminium/sensor.js';
import type { ProcessLoadSource } from './process-load.js';
import { localHour, shiftLoad, type ShiftProfile } from './shift-profile.js';

/** Rating of a meter's feeder (domain.md §2.6.4). */
export interface EnergyMeterParams {
  /** Rated load of the feeder [kW], the standalone shift profile scales it. */
  readonly ratedKw: number;
  /** Nominal line-to-line voltage [V]: 400 (LV) or 10,000 (MV feeders above 2 MW). */
  readonly uNominal: number;
  readonly profile: ShiftProfile;
}

/** A meter's load: the process it is attached to, or its shift profile when standalone. */
function loadOf(source: ProcessLoadSource | undefined, nowMs: number, standalone: () => number, pick: 'kw' | 'gasNm3h'): number {
  return source === undefined ? standalone() : source(nowMs)[pick];
}

const QUARTER_MS = 15 * 60_000;

/**
 * A three-phase electricity meter (domain.md §2.6.4, §3.4): kW from its process (via
 * {@link ProcessLoadSource}) or rated × shift profile, with process wander; PF improving with load;
 * phase voltages and currents with a little imbalance; a kWh import totaliser integrated between
 * readings (trapezoid) and the 15-min demand of the last complete quarter hour.
 */
export class EnergyMeterModel {
  private readonly seq = new SequenceCounter();
  private readonly wander: Ar1Noise;
  private readonly u: Sensor[];
  private readonly imbalance: number[];
  private kwh: number;
  private lastMs: number | undefined;
  private lastKw = 0;
  private quarter = -1;
  private quarterKwh = 0;
  private demandKw: number | null = null;

  constructor(
    readonly params: EnergyMeterParams,
    private readonly rng: Rng,
    private readonly source: ProcessLoadSource | undefined,
  ) {
    this.wander = new Ar1Noise(0.03, 0.995, rng);
    this.u = sensors(3, { wander: 0.004 * params.uNominal, rho: 0.995, white: 0.0005 * params.uNominal, resolution: params.uNominal >= 1_000 ? 1 : 0.1 }, rng);
    this.imbalance = [rng.normal(1, 0.015), rng.normal(1, 0.015), rng.normal(1, 0.015)];
    this.kwh = Math.round(rng.uniform(1e5, 9e6));
  }

  /** Active power now [kW]: process or profile, times the AR(1) wander. */
  kwAt(nowMs: number, dtMs: number): number {
    const base = loadOf(this.source, nowMs, () => this.params.ratedKw * shiftLoad(nowMs, this.params.profile), 'kw');
    return Math.max(0, base * (1 + this.wander.step(this.rng, dtMs)));
  }

  /** Steps to `nowMs` (integrating the totaliser) and returns the reading. */
  read(nowMs: number): EnergyMeterTelemetry {
    const dt = this.lastMs === undefined ? 0 : nowMs - this.lastMs;
    const kw = this.kwAt(nowMs, dt);
    this.integrate(nowMs, dt, kw);
    const load = clamp(kw / this.params.ratedKw, 0, 1.5);
    const pf = clamp(0.86 + 0.1 * Math.min(load, 1) + this.rng.normal(0, 0.004), 0.5, 0.999);
    const u = this.u.map((s) => s.read(this.params.uNominal * (1 - 0.02 * load), nowMs, this.rng));
    const uMean = ((u[0] ?? 0) + (u[1] ?? 0) + (u[2] ?? 0)) / 3;
    const iMean = (kw * 1000) / (Math.sqrt(3) * uMean * pf);
    return {
      ts: nowMs,
      seq: this.seq.next(),
      v: {
        kw: roundTo(kw, 0.1),
        kvar: roundTo(kw * Math.tan(Math.acos(pf)), 0.1),
        pf: roundTo(pf, 0.001),
        u,
        i: this.imbalance.map((k) => roundTo(iMean * k, 0.1)),
        kwh: roundTo(this.kwh, 0.1),
        demandKw: this.demandKw,
      },
      q: 'good',
    };
  }

  /** Trapezoid integration; a quarter-hour boundary closes the demand interval. */
  private integrate(nowMs: number, dtMs: number, kw: number): void {
    const kwh = dtMs > 0 ? ((this.lastKw + kw) / 2) * (dtMs / 3_600_000) : 0;
    this.kwh += kwh;
    const quarter = Math.floor(nowMs / QUARTER_MS);
    if (this.quarter >= 0 && quarter !== this.quarter) {
      this.demandKw = this.quarter === quarter - 1 ? roundTo((this.quarterKwh * 3_600_000) / QUARTER_MS, 0.1) : null;
      this.quarterKwh = 0;
    }
    this.quarterKwh += kwh;
    this.quarter = quarter;
    this.lastMs = nowMs;
    this.lastKw = kw;
  }
}

/** Rating of a gas meter (domain.md §2.6.4). */
export interface GasMeterParams {
  readonly ratedNm3h: number;
  /** Supply pressure at no flow [kPa gauge] and its drop at rated flow [kPa]. */
  readonly pKpa: number;
  readonly pDropKpa: number;
  readonly profile: ShiftProfile;
}

/**
 * A natural-gas meter with P/T compensation (domain.md §2.6.4, §3.4): Nm³/h from its process
 * (holding furnace burners, kiln combustion) or rated × shift profile, a totaliser, line pressure
 * that sags with flow, gas temperature following the day.
 */
export class GasMeterModel {
  private readonly seq = new SequenceCounter();
  private readonly wander: Ar1Noise;
  private readonly p: Sensor;
  private readonly t: Sensor;
  private nm3: number;
  private lastMs: number | undefined;
  private lastFlow = 0;

  constructor(
    readonly params: GasMeterParams,
    private readonly rng: Rng,
    private readonly source: ProcessLoadSource | undefined,
  ) {
    this.wander = new Ar1Noise(0.02, 0.99, rng);
    this.p = new Sensor({ wander: 0.8, rho: 0.995, white: 0.2, resolution: 0.1 }, rng);
    this.t = new Sensor({ wander: 0.3, rho: 0.999, white: 0.05, resolution: 0.1 }, rng);
    this.nm3 = Math.round(rng.uniform(1e4, 5e6));
  }

  read(nowMs: number): GasMeterTelemetry {
    const dt = this.lastMs === undefined ? 0 : nowMs - this.lastMs;
    const base = loadOf(this.source, nowMs, () => this.params.ratedNm3h * shiftLoad(nowMs, this.params.profile), 'gasNm3h');
    const flow = Math.max(0, base * (1 + this.wander.step(this.rng, dt)));
    if (dt > 0) this.nm3 += ((this.lastFlow + flow) / 2) * (dt / 3_600_000);
    this.lastMs = nowMs;
    this.lastFlow = flow;
    const share = clamp(flow / this.params.ratedNm3h, 0, 2);
    const tGas = 16 + 5 * Math.sin(((localHour(nowMs) - 9) / 24) * 2 * Math.PI);
    return {
      ts: nowMs,
      seq: this.seq.next(),
      v: {
        nm3h: roundTo(flow, 0.1),
        nm3: roundTo(this.nm3, 0.1),
        pKpa: this.p.read(this.params.pKpa - this.params.pDropKpa * share * share, nowMs, this.rng),
        tC: this.t.read(tGas, nowMs, this.rng),
      },
      q: 'good',
    };
  }
}
