import type { CemsTelemetry, Hj212Flag } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import { Ar1Noise, clamp, lagFactor } from '../../kit/signal.js';
import { roundTo } from '../aluminium/sensor.js';
import type { ProcessLoadSource } from './process-load.js';
import { shiftLoad } from './shift-profile.js';

/** Pollutants a CEMS measures and the O₂ analyser (domain.md §2.6.3 factors a34013, a21026, a21002, a19001). */
export const CEMS_ANALYTES = ['dust', 'so2', 'nox', 'o2'] as const;
export type CemsAnalyte = (typeof CEMS_ANALYTES)[number];
type Pollutant = Exclude<CemsAnalyte, 'o2'>;
const POLLUTANTS: readonly Pollutant[] = ['dust', 'so2', 'nox'];

/**
 * O₂ normalisation (domain.md §2.6.2, §7): `C_ref = C_meas × (21 − O₂_ref)/(21 − O₂_meas)`.
 * Null when the flue gas is almost air (O₂ ≥ 20 %): the factor explodes and HJ 212 data would be
 * meaningless.
 */
export function o2Normalise(cMeas: number, o2Meas: number, o2Ref: number): number | null {
  if (o2Meas >= 20) return null;
  return (cMeas * (21 - o2Ref)) / (21 - o2Meas);
}

/** Reference O₂ [%] of a `ref` code: `a1.7` excess-air coefficient (21 − 21/α ≈ 8.6 %), `o18` 18 %. */
export function o2RefOf(ref: string): number {
  const value = Number(ref.slice(1));
  return ref.startsWith('a') ? 21 - 21 / value : value;
}

/** A stack and its analysers (§2.6.2 typical NG furnace values; limits of the 2019 furnace plan). */
export interface CemsParams {
  /** Measured concentrations at the operating point [mg/Nm³ dry]. */
  readonly dust: number;
  readonly so2: number;
  readonly nox: number;
  /** Flue O₂ [%vol dry] (dilution air included), temperature [°C], static pressure [kPa], humidity [%]. */
  readonly o2: number;
  readonly tFlue: number;
  readonly pFlue: number;
  readonly hum: number;
  /** Flue flow of a standalone stack at full load [Nm³/h dry] and the stack cross-section [m²]. */
  readonly flowNm3h: number;
  readonly areaM2: number;
  /** O₂ reference of the `*Zs` values. */
  readonly ref: string;
  /** Emission limits at the reference O₂ [mg/Nm³] (PM 30, SO₂ 200, NOx 300) and analyser ranges. */
  readonly limits: Readonly<Record<Pollutant, number>>;
  readonly ranges: Readonly<Record<Pollutant, number>>;
}

export const CEMS_DEFAULTS: CemsParams = {
  dust: 8, so2: 21, nox: 160, o2: 13.4, tFlue: 178, pFlue: -0.35, hum: 6.1, flowNm3h: 14_200, areaM2: 0.72, ref: 'a1.7',
  limits: { dust: 30, so2: 200, nox: 300 },
  ranges: { dust: 200, so2: 1_000, nox: 1_000 },
};

/** Fault overlays (energy/environment signatures). */
export interface CemsFaults {
  /** CEMS_DRIFT: analyser bias growing at `ratePerH` [unit/h]. */
  drift: { analyte: CemsAnalyte; ratePerH: number; biasAtMs: number } | undefined;
  /** CEMS_CALIBRATION: zero/span check under way on `analyte` (or all). */
  calibration: { analyte: CemsAnalyte | 'all'; sinceMs: number } | undefined;
  /** EMISSION_EXCEEDANCE: the real emission of a pollutant goes to `factor` × its limit. */
  exceedance: { analyte: Pollutant; factor: number } | undefined;
}

const SUB_MS = 10_000;
/** Zero then span gas, 5 min each, while a calibration lasts. */
const CAL_PHASE_MS = 5 * 60_000;

const SUMMED = ['dust', 'so2', 'nox', 'o2', 'tFlue', 'pFlue', 'flow', 'hum'] as const;
type Summed = Record<(typeof SUMMED)[number], number>;

interface Accumulator {
  n: number;
  /** Samples taken while the process was stopped (no gas). */
  stopped: number;
  readonly sum: Summed;
  calibrating: boolean;
  overRange: boolean;
}

function accumulator(): Accumulator {
  return { n: 0, stopped: 0, sum: { dust: 0, so2: 0, nox: 0, o2: 0, tFlue: 0, pFlue: 0, flow: 0, hum: 0 }, calibrating: false, overRange: false };
}

/**
 * A stack CEMS (domain.md §2.6.2–2.6.3): the analysers sample every 10 s; `minute()` and `hour()`
 * return the HJ 212 minute (CN 2051) and hourly (CN 2061) averages of those samples with their
 * O₂-normalised `*Zs` values and data flag. Flow follows the attached process's gas
 * (dry flue ≈ (9.52λ − 1) Nm³ per Nm³ natural gas at the measured O₂) or a shift profile.
 */
export class CemsModel {
  readonly faults: CemsFaults = { drift: undefined, calibration: undefined, exceedance: undefined };
  private readonly wander: Record<CemsAnalyte, Ar1Noise>;
  private readonly excess: Record<Pollutant, number> = { dust: 0, so2: 0, nox: 0 };
  private readonly acc = { minute: accumulator(), hour: accumulator() };
  private readonly accs = [this.acc.minute, this.acc.hour] as const;
  private readonly seq = { minute: new SequenceCounter(), hour: new SequenceCounter() };
  private nextSubMs: number;
  /** One 10-s sample, reused (no allocation per sample). */
  private readonly scratch: Summed = { dust: 0, so2: 0, nox: 0, o2: 0, tFlue: 0, pFlue: 0, flow: 0, hum: 0 };

  constructor(
    readonly params: CemsParams,
    private readonly rng: Rng,
    private readonly source: ProcessLoadSource | undefined,
    startMs: number,
  ) {
    this.wander = { dust: new Ar1Noise(0.15, 0.999, rng), so2: new Ar1Noise(0.12, 0.999, rng), nox: new Ar1Noise(0.08, 0.999, rng), o2: new Ar1Noise(0.4, 0.998, rng) };
    this.nextSubMs = Math.ceil(startMs / SUB_MS) * SUB_MS;
  }

  /** Analyser bias of a drifting analyser at `nowMs`. */
  bias(analyte: CemsAnalyte, nowMs: number): number {
    const d = this.faults.drift;
    return d !== undefined && d.analyte === analyte ? (d.ratePerH * (nowMs - d.biasAtMs)) / 3_600_000 : 0;
  }

  /** Minute average since the previous call. */
  minute(nowMs: number): CemsTelemetry {
    this.advance(nowMs);
    return this.average(this.acc.minute, nowMs, this.seq.minute);
  }

  /** Hourly average since the previous call. */
  hour(nowMs: number): CemsTelemetry {
    this.advance(nowMs);
    return this.average(this.acc.hour, nowMs, this.seq.hour);
  }

  /** Takes the 10-s analyser samples up to `nowMs`. */
  advance(nowMs: number): void {
    for (; this.nextSubMs <= nowMs; this.nextSubMs += SUB_MS) this.sample(this.nextSubMs);
  }

  private sample(t: number): void {
    const p = this.params;
    for (const a of CEMS_ANALYTES) this.wander[a].step(this.rng, SUB_MS);
    const gas = this.source?.(t).gasNm3h;
    const running = gas === undefined || gas > 0.5;
    const o2True = running ? clamp(p.o2 + this.wander.o2.current, 3, 19.5) : 20.9;
    const s = this.scratch;
    s.o2 = this.reading('o2', o2True, t);
    for (const pollutant of POLLUTANTS) s[pollutant] = this.reading(pollutant, running ? this.concentration(pollutant, o2True) : 0.2, t);
    s.flow = gas === undefined ? p.flowNm3h * shiftLoad(t) * (1 + 0.05 * this.wander.o2.current) : dryFluePerGas(o2True) * gas;
    s.tFlue = running ? p.tFlue : 40;
    s.pFlue = running ? p.pFlue : -0.02;
    s.hum = running ? p.hum : 1.5;
    const calibrating = this.faults.calibration !== undefined;
    for (const a of this.accs) {
      a.n++;
      if (!running) a.stopped++;
      a.calibrating ||= calibrating;
      for (const pollutant of POLLUTANTS) a.overRange ||= s[pollutant] > p.ranges[pollutant];
      for (const k of SUMMED) a.sum[k] += s[k];
    }
  }

  /** True concentration [mg/Nm³ at the measured O₂]: operating point × wander, lifted by an exceedance (lag 5 min). */
  private concentration(pollutant: Pollutant, o2: number): number {
    const p = this.params;
    const ex = this.faults.exceedance;
    const target = ex?.analyte === pollutant ? (ex.factor * p.limits[pollutant] * (21 - o2)) / (21 - o2RefOf(p.ref)) : 0;
    const lift = this.excess[pollutant] + (Math.max(0, target - p[pollutant]) - this.excess[pollutant]) * lagFactor(SUB_MS, 300_000);
    this.excess[pollutant] = lift;
    return Math.max(0, p[pollutant] * (1 + this.wander[pollutant].current) + lift);
  }

  /** What the analyser reports: truth + drift bias, or zero/span gas while calibrating. */
  private reading(analyte: CemsAnalyte, truth: number, t: number): number {
    const cal = this.faults.calibration;
    if (cal !== undefined && (cal.analyte === 'all' || cal.analyte === analyte)) {
      const span = analyte === 'o2' ? 20.9 : 0.8 * this.params.ranges[analyte];
      return Math.floor((t - cal.sinceMs) / CAL_PHASE_MS) % 2 === 0 ? 0 : span;
    }
    return Math.max(0, truth + this.bias(analyte, t));
  }

  private average(a: Accumulator, nowMs: number, seq: SequenceCounter): CemsTelemetry {
    const p = this.params;
    const n = Math.max(1, a.n);
    const mean = (k: keyof Accumulator['sum']): number => a.sum[k] / n;
    const o2 = mean('o2');
    const o2Ref = o2RefOf(p.ref);
    const flow = mean('flow');
    const zs = (c: number): number | null => {
      const v = o2Normalise(c, o2, o2Ref);
      return v === null ? null : roundTo(v, 0.1);
    };
    const flag = cemsFlag(a);
    const v = {
      dust: roundTo(mean('dust'), 0.1), so2: roundTo(mean('so2'), 0.1), nox: roundTo(mean('nox'), 0.1), o2: roundTo(o2, 0.01),
      tFlue: roundTo(mean('tFlue'), 0.1), pFlue: roundTo(mean('pFlue'), 0.01), vel: roundTo(actualVelocity(flow, mean('tFlue'), mean('pFlue'), mean('hum'), p.areaM2), 0.1),
      flow: Math.round(flow), hum: roundTo(mean('hum'), 0.1),
      dustZs: zs(mean('dust')), so2Zs: zs(mean('so2')), noxZs: zs(mean('nox')), ref: p.ref, flag,
    };
    Object.assign(a, accumulator());
    return { ts: nowMs, seq: seq.next(), v, q: flag === 'N' ? 'good' : 'uncertain' };
  }
}

/** HJ 212 flag of an averaging period: calibration, process stopped most of it, over range, else normal. */
function cemsFlag(a: Accumulator): Hj212Flag {
  if (a.calibrating) return 'C';
  if (a.n > 0 && a.stopped * 2 > a.n) return 'F';
  return a.overRange ? 'T' : 'N';
}

/** Dry flue gas per Nm³ of natural gas (CH₄) at a measured dry O₂ [%]: λ from §7, then 9.52λ − 1. */
export function dryFluePerGas(o2Pct: number): number {
  const x = clamp(o2Pct, 0, 19.5) / 100;
  const lambda = (2 - x) / (2 - 9.52 * x);
  return 9.52 * lambda - 1;
}

/** Flue velocity [m/s] from dry standard flow: to actual T, P and moisture, over the stack area. */
function actualVelocity(flowNm3h: number, tC: number, pKpa: number, humPct: number, areaM2: number): number {
  const wet = flowNm3h / (1 - clamp(humPct, 0, 50) / 100);
  const actual = (wet * (273.15 + tC)) / 273.15 * (101.325 / (101.325 + pKpa));
  return actual / 3600 / areaM2;
}
