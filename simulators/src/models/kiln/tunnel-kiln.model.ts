import type { DeviceEvent, DeviceMeta, Quality, TunnelKilnCombustion, TunnelKilnProfile } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import { interpolate, ProcessSignal, quantise } from '../../kit/signal.js';
import { KilnCombustion } from './tunnel-kiln.combustion.js';
import { o2FromLambda, TUNNEL_KILN_DEFAULTS, type TunnelKilnParams } from './tunnel-kiln.params.js';

/** Options of {@link TunnelKilnModel}. */
export interface TunnelKilnModelOptions {
  /** The model's own random stream (one per device: `Rng.forKey(seed, deviceKey)`). */
  readonly rng: Rng;
  /** Simulated start time, epoch ms. */
  readonly startMs: number;
  /** Overrides of the domain.md §2.1 defaults. */
  readonly params?: Partial<TunnelKilnParams>;
  /** Car push interval [ms] (§2.1.1: 120 min); shortcut for `params.pusher.intervalMs`. */
  readonly pushIntervalMs?: number;
}

/** Payload schema version published in `meta.schema`. */
export const TUNNEL_KILN_SCHEMA_VERSION = 1;

/** Units of every tunnel-kiln telemetry field (domain.md §3.4), published once in `meta`. */
export const TUNNEL_KILN_UNITS: Readonly<Record<string, string>> = {
  t: '°C', tCar: '°C', p: 'Pa', pCar: 'Pa', o2: '%vol dry', co: 'ppm', zeroPointM: 'm', sp: '°C',
  gas: 'Nm³/h', air: 'Nm³/h', pGasMain: 'kPa', pGasHdr: 'kPa', pAir: 'kPa', zoneValve: '%', zoneGas: 'Nm³/h', gasTot: 'Nm³',
};

/**
 * A tunnel kiln after domain.md §2.1.8, walking-skeleton depth: each sensor follows its target
 * (setpoint curve §2.1.3, pressure anchors §2.1.5, O₂ profile) through a first-order lag with
 * AR(1) wander and white noise, quantised to sensor resolution; car pushes add the door-open
 * sawtooth of §2.1.7. The zone controllers are modelled as already tracking their setpoints:
 * the residual wander shows up as valve movement, not as a closed loop (physics come later).
 * Pure: no I/O, no timers; the caller steps it with simulated time. Same seed, same calls →
 * same payloads.
 */
export class TunnelKilnModel {
  readonly params: TunnelKilnParams;
  private readonly rng: Rng;
  private lastMs: number;
  private readonly tc: ProcessSignal[];
  private readonly tCar: ProcessSignal[];
  private readonly p: ProcessSignal[];
  private readonly pCar: ProcessSignal[];
  private readonly o2: ProcessSignal[];
  private readonly co: ProcessSignal;
  private readonly gasSide: KilnCombustion;
  /** Index of the TC each firing zone's controller reads. */
  private readonly zoneTc: number[];
  private readonly zoneSp: number[];
  private readonly seq = { profile: new SequenceCounter(), combustion: new SequenceCounter(), event: new SequenceCounter() };
  private carNo: number;
  private lastPushMs: number;
  private disturbedAtMs: number | undefined;

  constructor(options: TunnelKilnModelOptions) {
    const base = { ...TUNNEL_KILN_DEFAULTS, ...options.params };
    const intervalMs = Math.round(options.pushIntervalMs ?? base.pusher.intervalMs); // whole ms: `ts` is an integer
    if (!(intervalMs >= 1)) throw new RangeError(`push interval must be at least 1 ms, got ${options.pushIntervalMs}`);
    this.params = { ...base, pusher: { ...base.pusher, intervalMs } };
    this.rng = options.rng;
    this.lastMs = options.startMs;
    this.lastPushMs = options.startMs;
    const { noise, tauMs } = this.params;
    const rng = this.rng;
    const tcSpec = (tau: number) => ({ tauMs: tau, wanderSigma: noise.tcWanderC, rhoPerSecond: noise.tcRho, whiteSigma: noise.tcWhiteC, resolution: 0.1 });
    const pSpec = { tauMs: tauMs.pressure, wanderSigma: noise.pWanderPa, rhoPerSecond: noise.pRho, whiteSigma: noise.pWhitePa, resolution: 0.1 };
    this.tc = this.params.tcPosM.map((m) => new ProcessSignal(this.gasTarget(m), tcSpec(this.tauAt(m)), rng));
    this.tCar = this.params.tCarPosM.map((m) => new ProcessSignal(this.underCarTarget(m), { ...tcSpec(tauMs.underCar), wanderSigma: 2 }, rng));
    this.p = this.params.pPosM.map((m) => new ProcessSignal(this.pressureTarget(m), pSpec, rng));
    this.pCar = this.params.pCarPosM.map((m) => new ProcessSignal(0.9 * this.pressureTarget(m), pSpec, rng));
    const o2Spec = { tauMs: 60_000, wanderSigma: noise.o2Pct, rhoPerSecond: 0.98, whiteSigma: 0.05, resolution: 0.01 };
    this.o2 = this.o2Targets(this.params.combustion.lambda).map((o2) => new ProcessSignal(o2, o2Spec, rng));
    this.co = new ProcessSignal(30, { tauMs: 60_000, wanderSigma: 5, rhoPerSecond: 0.98, whiteSigma: 2, resolution: 1 }, rng);
    this.gasSide = new KilnCombustion(this.params, rng);
    this.zoneTc = this.zoneCentresM().map((m) => nearestIndex(this.params.tcPosM, m));
    // A zone's setpoint is what its control TC should read: the curve at that TC's position.
    this.zoneSp = this.zoneTc.map((i) => Math.round(this.gasTarget(this.params.tcPosM[i] ?? 0)));
    this.carNo = rng.int(10_000, 60_000);
  }

  /** Car push interval [ms]. */
  get pushIntervalMs(): number {
    return this.params.pusher.intervalMs;
  }

  /** Setpoint-curve gas temperature at `m` metres from the entrance (§2.1.3, linear interpolation). */
  setpointAt(m: number): number {
    return interpolate(this.params.setpointKnots, m / this.params.lengthM);
  }

  /** Advances every signal to `nowMs` (simulated); earlier or equal times do nothing. */
  step(nowMs: number): void {
    const dt = nowMs - this.lastMs;
    if (dt <= 0) return;
    this.lastMs = nowMs;
    const rng = this.rng;
    this.params.tcPosM.forEach((m, i) => this.tc[i]?.step(this.gasTarget(m), dt, rng));
    this.params.tCarPosM.forEach((m, i) => this.tCar[i]?.step(this.underCarTarget(m), dt, rng));
    this.params.pPosM.forEach((m, i) => this.p[i]?.step(this.pressureTarget(m), dt, rng));
    this.params.pCarPosM.forEach((m, i) => this.pCar[i]?.step(0.9 * this.pressureTarget(m), dt, rng));
    const errors = this.zoneSp.map((sp, j) => sp - (this.tc[this.zoneTc[j] ?? 0]?.value ?? sp));
    this.gasSide.step(dt, errors, rng);
    this.o2Targets(this.gasSide.currentLambda).forEach((target, k) => this.o2[k]?.step(target, dt, rng));
    this.co.step(30, dt, rng);
  }

  /** `telemetry/profile` at `nowMs` (§3.4, every 5 s by §2.7). */
  profile(nowMs: number, q: Quality = 'good'): TunnelKilnProfile {
    this.step(nowMs);
    const rng = this.rng;
    const t = this.tc.map((s, i) => s.read(rng, this.dipAt(this.params.tcPosM[i] ?? 0, nowMs)));
    const p = this.p.map((s, i) => s.read(rng, this.spikeAt(this.params.pPosM[i] ?? 0, nowMs)));
    return {
      ts: nowMs,
      seq: this.seq.profile.next(),
      v: {
        t,
        tCar: this.tCar.map((s) => s.read(rng)),
        p,
        pCar: this.pCar.map((s) => s.read(rng)),
        o2: this.o2.map((s) => s.read(rng)),
        co: Math.max(0, this.co.read(rng)),
        zeroPointM: zeroCrossingM(this.params.pPosM, p),
        sp: [...this.zoneSp],
      },
      q,
    };
  }

  /** `telemetry/combustion` at `nowMs` (§3.4, every 2 s by §2.7). */
  combustion(nowMs: number, q: Quality = 'good'): TunnelKilnCombustion {
    this.step(nowMs);
    return { ts: nowMs, seq: this.seq.combustion.next(), v: this.gasSide.values(this.rng), q };
  }

  /** Pushes one car in at `nowMs` (§2.1.7) and returns its `car_pushed` event. */
  pushCar(nowMs: number): DeviceEvent {
    this.step(nowMs);
    const rng = this.rng;
    const pusher = this.params.pusher;
    const intervalMin = quantise((nowMs - this.lastPushMs) / 60_000, 0.1);
    this.lastPushMs = nowMs;
    this.disturbedAtMs = nowMs;
    this.carNo += 1;
    const v = {
      type: 'car_pushed',
      carNo: this.carNo,
      durS: Math.max(1, Math.round(rng.normal(pusher.durationS, 3))),
      pMaxMPa: quantise(rng.normal(pusher.peakMPa, 0.3), 0.1),
      strokeMm: pusher.strokeMm,
      intervalMin,
    };
    return { ts: nowMs, seq: this.seq.event.next(), v, q: 'good' };
  }

  /** Birth certificate values for retained `meta` (§3.2): type, units, sensor positions. */
  meta(name: string, nameZh?: string): DeviceMeta['v'] {
    return {
      type: 'tunnel-kiln',
      schema: TUNNEL_KILN_SCHEMA_VERSION,
      name,
      ...(nameZh === undefined ? {} : { nameZh }),
      fw: 'plant-sim/0.1',
      units: { ...TUNNEL_KILN_UNITS },
      tcPos: [...this.params.tcPosM],
      pPos: [...this.params.pPosM],
    };
  }

  private gasTarget(m: number): number {
    return this.setpointAt(m);
  }

  /** Under-car gas: 50–250 °C, following the roof profile (§2.1.4). */
  private underCarTarget(m: number): number {
    return 40 + 0.14 * this.setpointAt(m);
  }

  private pressureTarget(m: number): number {
    return interpolate(this.params.pressureKnots, m / this.params.lengthM);
  }

  /** Lag τ by zone (§2.1.8 item 2): preheat 30, firing 10, cooling 20 min. */
  private tauAt(m: number): number {
    const x = m / this.params.lengthM;
    const { startX, endX } = this.params.firingZone;
    if (x < startX) return this.params.tauMs.preheat;
    return x <= endX ? this.params.tauMs.firing : this.params.tauMs.cooling;
  }

  /** O₂ targets [preheat end, firing, flue] (§2.1.4 analyzers, §2.1.5 profile 13 / λ-driven ≈5 / 12). */
  private o2Targets(lambda: number): number[] {
    const o2 = this.params.o2;
    return [o2.preheat, o2FromLambda(lambda) + o2.firingInfiltration, o2.flue];
  }

  private zoneCentresM(): number[] {
    const { startX, endX, zones } = this.params.firingZone;
    const width = ((endX - startX) * this.params.lengthM) / zones;
    return Array.from({ length: zones }, (_, j) => startX * this.params.lengthM + width * (j + 0.5));
  }

  /** Door-open dip of the entry TCs after a push, recovering exponentially (§2.1.7). */
  private dipAt(m: number, nowMs: number): number {
    if (this.disturbedAtMs === undefined) return 0;
    const d = this.params.pushDisturbance;
    return -d.dipC * Math.exp(-m / d.dipLengthM) * Math.exp(-(nowMs - this.disturbedAtMs) / d.dipRecoveryMs);
  }

  /** Entry pressure spike while the door is open (§2.1.7: +10–30 Pa for 30–90 s). */
  private spikeAt(m: number, nowMs: number): number {
    if (this.disturbedAtMs === undefined) return 0;
    const d = this.params.pushDisturbance;
    return d.spikePa * Math.exp(-m / d.spikeLengthM) * Math.exp(-(nowMs - this.disturbedAtMs) / d.spikeMs);
  }
}

function nearestIndex(positions: readonly number[], m: number): number {
  let best = 0;
  positions.forEach((pos, i) => {
    if (Math.abs(pos - m) < Math.abs((positions[best] ?? Infinity) - m)) best = i;
  });
  return best;
}

/** Zero-pressure position [m] (§2.1.5): first − → + crossing of the pressure profile, or null. */
export function zeroCrossingM(positions: readonly number[], pressures: readonly (number | null)[]): number | null {
  for (let i = 1; i < pressures.length; i++) {
    const a = pressures[i - 1];
    const b = pressures[i];
    const xa = positions[i - 1];
    const xb = positions[i];
    if (a == null || b == null || xa === undefined || xb === undefined) continue;
    if (a < 0 && b >= 0) return quantise(xa + ((xb - xa) * -a) / (b - a), 0.1);
  }
  return null;
}
