import type { KILN_INTERLOCKS, KilnMode } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { lag } from '../../kit/signal.js';
import { BurnerBank } from './kiln-burners.js';
import { INTERLOCK_DEFAULTS, KILN_FAN_IDS, KILN_FANS, type KilnFanId } from './kiln-equipment.params.js';
import { KilnEventLog } from './kiln-events.js';
import { FanDrive } from './kiln-fans.js';
import { GasSupply } from './kiln-gas-supply.js';
import { KilnPusher, type PushHooks } from './kiln-pusher.js';
import { KilnCombustion, type FlowInputs } from './tunnel-kiln.combustion.js';
import { FanEffects, writeThermalTargets } from './tunnel-kiln.effects.js';
import { TUNNEL_KILN_DEFAULTS, type TunnelKilnParams } from './tunnel-kiln.params.js';
import { KilnSensors } from './tunnel-kiln.sensors.js';
import { KilnSensorTargets } from './tunnel-kiln.targets.js';
import { burnerPositionsM, nearestIndex, zoneCentresM } from './tunnel-kiln.layout.js';
import { KilnThermal } from './tunnel-kiln.thermal.js';
import { ZoneControl, type ValveLimits } from './tunnel-kiln.zones.js';

export type KilnInterlock = (typeof KILN_INTERLOCKS)[number];
export { zeroCrossingM } from './tunnel-kiln.payloads.js';

/** Options of {@link TunnelKilnModel}. */
export interface TunnelKilnModelOptions {
  /** The kiln's own random stream (`Rng.forKey(seed, lineKey)`): physics only, never sensor reads. */
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
  t: '°C', tCar: '°C', p: 'Pa', pCar: 'Pa', o2: '%vol dry', co: 'ppm', zeroPointM: 'm', sp: '°C', tShell: '°C', dTtb: '°C', tWareExit: '°C',
  gas: 'Nm³/h', air: 'Nm³/h', lambda: '1', pGasMain: 'kPa', pGasHdr: 'kPa', pAir: 'kPa', zoneValve: '%', zoneGas: 'Nm³/h', gasTot: 'Nm³',
};

/**
 * One tunnel kiln as a physical assembly (domain.md §2.1.8): the 40-cell thermal model, 8 zone PI
 * loops, 40 burners with flame supervision, 6 fan drives, the pusher, the gas skid and the plant
 * interlocks of §2.1.9 — shared by every device of the kiln (PLC, burners, cameras, fans, pusher,
 * gas skid) through `DeviceContext.shared`, so a fault on one shows in the others. The physics
 * advances on a fixed grid (`stepMs`) from its own seeded stream; readers add their own sensor
 * noise, so the same seed gives the same kiln whoever reads it and when. Pure: no I/O, no timers.
 */
export class TunnelKilnModel {
  readonly params: TunnelKilnParams;
  readonly events = new KilnEventLog();
  readonly thermal: KilnThermal;
  readonly zones: ZoneControl;
  readonly burners: BurnerBank;
  readonly fans: Readonly<Record<KilnFanId, FanDrive>>;
  /** The same drives in §2.1.6 order. */
  readonly fanList: readonly FanDrive[];
  readonly pusher: KilnPusher;
  readonly gas: GasSupply;
  readonly combustion: KilnCombustion;
  readonly sensors: KilnSensors;
  /** Push interval of the recipe (the throughput reference) [ms]. */
  readonly baseIntervalMs: number;
  /** Index of the TC each zone controller reads, and the neighbour it falls back to (§2.1.9 TC_OPEN). */
  readonly zoneTc: readonly number[];
  readonly zoneTcFallback: readonly number[];
  /** Fault state set by the fault handlers (§2.1.9). */
  readonly faults = { stuckZone: -1, exhaustBypass: false, zeroPointPa: 0 };
  /** The physics stream: only for physics actions (fault injection), never for sensor reads. */
  readonly rng: Rng;
  private readonly effects: FanEffects;
  private readonly targets: KilnSensorTargets;
  private readonly zoneTripped: Uint8Array;
  private readonly pvRaw: Float64Array;
  private readonly hooks: PushHooks;
  private readonly limits: { -readonly [K in keyof ValveLimits]: ValveLimits[K] };
  private readonly flows: { -readonly [K in keyof FlowInputs]: FlowInputs[K] };
  private readonly sigTarget = (k: number): number => this.flameSignalTarget(k);
  /** A burner out while its zone still fires: its spot runs cold (§2.1.9 local TC dip). */
  private readonly burnerOut = (k: number): boolean => !this.burners.isLit(k) && this.burners.litInZone(this.burners.zoneOf(k)) > 0;
  private gridMs: number;
  private currentMode: KilnMode = 'auto';
  private modeBeforeTrip: KilnMode = 'auto';
  private currentInterlock: KilnInterlock = 'none';
  private powerOn = true;
  private exhaustDownSinceMs: number | undefined;
  private readonly load: { jam: number; throughput: number } = { jam: 0, throughput: 0 };

  constructor(options: TunnelKilnModelOptions) {
    const base = { ...TUNNEL_KILN_DEFAULTS, ...options.params };
    const intervalMs = Math.round(options.pushIntervalMs ?? base.pusher.intervalMs); // whole ms: `ts` is an integer
    if (!(intervalMs >= 1)) throw new RangeError(`push interval must be at least 1 ms, got ${options.pushIntervalMs}`);
    this.params = { ...base, pusher: { ...base.pusher, intervalMs } };
    this.baseIntervalMs = intervalMs;
    this.rng = options.rng;
    this.gridMs = options.startMs;
    const p = this.params;
    const rng = this.rng;
    const firstCar = rng.int(10_000, 60_000);
    this.thermal = new KilnThermal(p, firstCar);
    this.combustion = new KilnCombustion(p, rng);
    this.zoneTc = zoneCentresM(p).map((m) => nearestIndex(p.tcPosM, m, -1));
    this.zoneTcFallback = zoneCentresM(p).map((m, j) => nearestIndex(p.tcPosM, m, this.zoneTc[j] ?? -1));
    this.zones = new ZoneControl(p, this.zoneTc.map((k) => Math.round(this.thermal.curveAt(p.tcPosM[k] ?? 0))), this.combustion.nominalValvePct);
    this.burners = new BurnerBank(p.firingZone.burnersPerZone, p.firingZone.zones, this.events, rng);
    this.fans = Object.fromEntries(KILN_FAN_IDS.map((id) => [id, new FanDrive(KILN_FANS[id])])) as Record<KilnFanId, FanDrive>;
    this.fanList = KILN_FAN_IDS.map((id) => this.fans[id]);
    this.effects = new FanEffects(this.fanList, p.lengthM, this.thermal.cellM);
    this.pusher = new KilnPusher(p.pusher, options.startMs, firstCar, this.events);
    this.gas = new GasSupply(p.combustion, rng);
    this.targets = new KilnSensorTargets(this, this.effects);
    this.sensors = new KilnSensors(p, this.thermal, this.targets.compute(0), rng, burnerPositionsM(p));
    this.zoneTripped = new Uint8Array(p.firingZone.zones);
    this.pvRaw = new Float64Array(p.firingZone.zones);
    this.hooks = { doorOpened: (now) => this.thermal.openDoor(now), pushed: (_now, carNo) => this.thermal.push(carNo) };
    this.limits = {
      maxPct: 100,
      tracking: (j) => this.currentInterlock !== 'none' || this.zoneTripped[j] === 1 || this.burners.litInZone(j) === 0,
      stuck: (j) => j === this.faults.stuckZone,
    };
    this.flows = { valves: this.zones.valve, lit: (j) => this.burners.litInZone(j), hdrRatio: 1, ssovOpen: true, airFactor: 1 };
  }

  /** Car push interval [ms]. */
  get pushIntervalMs(): number {
    return this.pusher.intervalMs;
  }

  get mode(): KilnMode {
    return this.currentMode;
  }

  get interlock(): KilnInterlock {
    return this.currentInterlock;
  }

  /** Whether site power is on (§2.1.9 POWER_FAIL). */
  get powered(): boolean {
    return this.powerOn;
  }

  /** Setpoint-curve gas temperature at `m` metres from the entrance (§2.1.3). */
  setpointAt(m: number): number {
    return this.thermal.curveAt(m);
  }

  /** Advances the physics on its fixed grid up to `nowMs`; earlier times do nothing. */
  advance(nowMs: number): void {
    const step = this.params.stepMs;
    while (this.gridMs + step <= nowMs) {
      this.gridMs += step;
      this.stepOnce(this.gridMs, step);
    }
  }

  /** Operator mode change (local panel, or hold-mode command); logs `mode_change`. */
  setMode(mode: KilnMode, nowMs: number): void {
    if (mode === this.currentMode) return;
    this.events.append({ source: 'plc', ts: nowMs, v: { type: 'mode_change', from: this.currentMode, to: mode } });
    this.currentMode = mode;
    this.zones.setHold(mode === 'hold');
    if (this.powerOn) this.pusher.pause(mode === 'hold' ? 'hold' : undefined);
  }

  /** Site power lost (§2.1.9): every drive stops, the exhaust may restart on diesel after `dieselMs`. */
  powerFail(nowMs: number, dieselMs: number | undefined): void {
    this.advance(nowMs);
    this.powerOn = false;
    for (const fan of this.fanList) {
      const diesel = fan.spec.duty === 'exhaust' && dieselMs !== undefined;
      fan.powerOff(diesel ? 0.6 * fan.spec.hzNominal : undefined, nowMs + (dieselMs ?? 0));
    }
    this.pusher.pause('stopped');
    this.updateInterlock(nowMs);
  }

  /** Power back: staged restart of the fans, then purge and relight once the interlocks clear. */
  powerRestore(nowMs: number): void {
    this.advance(nowMs);
    this.powerOn = true;
    this.fanList.forEach((fan, i) => fan.powerOn(nowMs + i * INTERLOCK_DEFAULTS.powerRestartStaggerMs));
    this.pusher.pause(this.currentMode === 'hold' ? 'hold' : undefined);
  }

  /** Combustion-air pressure relative to nominal: ∝ speed² of the air fan. */
  airPressureRatio(): number {
    return (1 + this.fans['comb-air-1'].speedDeviation) ** 2;
  }

  private stepOnce(t: number, dt: number): void {
    const rng = this.rng;
    for (const fan of this.fanList) fan.step(t, dt, rng);
    this.effects.update();
    this.pusher.step(t, rng, this.hooks);
    this.gas.step(t, dt, rng);
    this.updateInterlock(t);
    this.burners.step(t, rng, this.sigTarget);
    this.controlZones(t, dt);
    this.flows.airFactor = 1 + this.fans['comb-air-1'].speedDeviation;
    this.flows.hdrRatio = this.gas.hdrRatio;
    this.flows.ssovOpen = this.ssovOpen;
    this.combustion.step(dt, this.flows, rng);
    this.stepLoad(t, dt);
    writeThermalTargets(this.params, this.thermal, this.combustion, this.effects, this.load);
    this.thermal.step(dt);
    const out = this.burners.outOnTheirOwn();
    this.sensors.stepLocal(dt, this.burnerOut, out > 0);
    this.sensors.step(dt, t, this.targets.step(dt, out), rng);
  }

  /** Whether the gas safety shut-off valve is open. */
  get ssovOpen(): boolean {
    return this.currentInterlock === 'none';
  }

  private controlZones(t: number, dt: number): void {
    const { exhaustLowFireMs, lowFirePct, overTempTripC, overTempResetC } = INTERLOCK_DEFAULTS;
    for (let j = 0; j < this.zones.zones; j++) {
      this.pvRaw[j] = this.sensors.tcOutputC(this.controlTc(j), t);
      const pv = this.zones.pvOf(j);
      const sp = this.zones.sp[j] ?? 0;
      if (this.zoneTripped[j] === 0 && pv > sp + overTempTripC) {
        this.zoneTripped[j] = 1;
        this.burners.trip(t, 'zone_trip', this.rng, j);
        this.events.append({ source: 'plc', ts: t, v: { type: 'zone_trip', zone: j + 1, pv: Math.round(pv) } });
      } else if (this.zoneTripped[j] === 1 && j !== this.faults.stuckZone && pv < sp + overTempResetC) {
        this.zoneTripped[j] = 0;
        if (this.currentInterlock === 'none') this.burners.restart(t + 60_000, INTERLOCK_DEFAULTS.relightStaggerMs, j);
      }
    }
    const lowFire = !this.faults.exhaustBypass && this.exhaustDownSinceMs !== undefined && t - this.exhaustDownSinceMs >= exhaustLowFireMs;
    this.limits.maxPct = lowFire ? lowFirePct : 100;
    this.zones.step(dt, this.pvRaw, this.limits);
  }

  /** The TC zone j's controller reads: its own, or the neighbour when its own is open and protected. */
  controlTc(j: number): number {
    const own = this.zoneTc[j] ?? 0;
    const fault = this.sensors.tcFault[own];
    return fault?.kind === 'open' && !fault.unprotected ? (this.zoneTcFallback[j] ?? own) : own;
  }

  /** Whether zone j's high-high trip holds its burners off. */
  zoneIsTripped(j: number): boolean {
    return this.zoneTripped[j] === 1;
  }

  private updateInterlock(t: number): void {
    const exhaust = this.fans['exhaust-1'];
    this.exhaustDownSinceMs = exhaust.isRunning ? undefined : (this.exhaustDownSinceMs ?? t);
    const shutoff = !this.faults.exhaustBypass && this.exhaustDownSinceMs !== undefined && t - this.exhaustDownSinceMs >= INTERLOCK_DEFAULTS.exhaustShutoffMs;
    const airLow = this.airPressureRatio() < INTERLOCK_DEFAULTS.combAirLowFrac;
    const cause: KilnInterlock = !this.powerOn ? 'power' : airLow ? 'comb_air' : this.gas.tripped ? 'ssov' : shutoff ? 'exhaust' : 'none';
    if (cause === this.currentInterlock) return;
    const was = this.currentInterlock;
    this.currentInterlock = cause;
    this.events.append({ source: 'plc', ts: t, v: { type: cause === 'none' ? 'interlock_reset' : 'interlock_trip', cause: cause === 'none' ? was : cause } });
    if (was === 'none') {
      this.burners.trip(t, 'interlock', this.rng);
      this.modeBeforeTrip = this.currentMode;
      if (this.currentMode === 'auto' || this.currentMode === 'hold') this.setMode('cooldown', t);
    } else if (cause === 'none') {
      this.burners.restart(t + INTERLOCK_DEFAULTS.purgeMs, INTERLOCK_DEFAULTS.relightStaggerMs);
      if (this.currentMode === 'cooldown') this.setMode(this.modeBeforeTrip, t);
    }
  }

  /** Flame signal [%]: load and header pressure (§2.1.5: brightness −20 % at low gas pressure). */
  private flameSignalTarget(k: number): number {
    const j = this.burners.zoneOf(k);
    const load = (this.zones.valve[j] ?? 0) / (this.zones.bias[j] ?? 1);
    return 72 * (0.75 + 0.25 * Math.min(2, load)) * (1 - 0.6 * (1 - Math.min(1, this.gas.hdrRatio)));
  }

  private stepLoad(t: number, dt: number): void {
    const tau = this.params.tauMs;
    const overdue = Math.min(1, (this.pusher.overdueMin(t) * 60_000) / this.pusher.intervalMs);
    this.load.jam = lag(this.load.jam, overdue, dt, tau.jam);
    this.load.throughput = lag(this.load.throughput, this.baseIntervalMs / this.pusher.intervalMs - 1, dt, tau.throughput);
  }
}
