import type { CommandRequest, DcCasterTelemetry } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import type { DeviceContext } from '../device-factory.js';
import { registerProcessLoad } from '../energy/process-load.js';
import type { CommandDecision, FaultHandler, SimDevice } from '../sim-device.js';
import { casthouseSite, type CasthouseSite } from './casthouse.site.js';
import type { DcCasterModel } from './dc-caster.model.js';
import { acceptedUntil, eventStream, faultHandler, metaOf, numberOption, numericValue, stagger, Throttle, type CommandLimit, type FaultOptions } from './device-kit.js';
import { nonNegative, roundTo, Sensor, sensors } from './sensor.js';

/** Publish periods (§2.7): 1 s during a cast, 30 s idle; events polled every 250 ms (bleed-out < 1 s). */
export const DC_CASTER_PERIODS = { fastMs: 1_000, slowMs: 30_000, eventMs: 250 } as const;

/** Command limits (§2.3.5: 7xxx 30–80 mm/min; §3.5 `setCastSpeed`). */
export const DC_CASTER_COMMANDS: Readonly<Record<'set-cast-speed', CommandLimit>> = { 'set-cast-speed': { min: 30, max: 80, unit: 'mm/min' } };

const UNITS = { speed: 'mm/min', posMm: 'mm', tLaunder: '°C', water: 'L/min', tWaterIn: '°C', tWaterOut: '°C', level: 'mm', gr: 'kg/t', loadKn: 'kN' };
/** Cooling pumps and hydraulics while water runs / idle [kW] [E]. */
const PUMP_KW = 110;
const IDLE_KW = 25;

/**
 * The Yuantai DC caster as a {@link SimDevice} (domain.md §2.3.5, §3.4): `telemetry` 1 s during a
 * cast / 30 s idle, `event` cast_start / cast_end / bleedout / emergency_stop, command
 * `set-cast-speed`, the caster rows of §2.3.8 as faults.
 */
export function dcCasterDevice(device: PlantDevice, context: DeviceContext): SimDevice {
  const site = casthouseSite(context, device.key);
  const model = site.dcCaster(device.key);
  const rng = Rng.forKey(context.seed, device.key);
  const advance = (now: number): void => site.advance(now);
  registerProcessLoad(context, device.key, (now) => {
    advance(now);
    return { kw: model.water.some((w) => w > 0) ? PUMP_KW : IDLE_KW, gasNm3h: 0 };
  });
  const read = casterReader(model, rng);
  const throttle = new Throttle(DC_CASTER_PERIODS.slowMs);
  const { fastMs, eventMs } = DC_CASTER_PERIODS;
  return {
    key: device.key,
    type: 'dc-caster',
    meta: metaOf(device, 'dc-caster', UNITS, DC_CASTER_COMMANDS),
    streams: [
      {
        cls: 'telemetry', sub: [], qos: 0, periodMs: fastMs, firstAfterMs: stagger(device.key, fastMs),
        emit: (now) => {
          advance(now);
          return throttle.due(now, model.fastTelemetry(now)) ? read(now) : undefined;
        },
      },
      eventStream(device.key, eventMs, advance, () => model.events.next()),
    ],
    state: (now) => {
      advance(now);
      return { mode: model.phase, castId: model.castId, speedSp: model.speedSp };
    },
    commands: { 'set-cast-speed': (request, now) => setCastSpeed(site, model, request, now) },
    faults: casterFaults(site, model, rng),
  };
}

function setCastSpeed(site: CasthouseSite, model: DcCasterModel, request: CommandRequest, nowMs: number): CommandDecision {
  const value = numericValue(request, DC_CASTER_COMMANDS['set-cast-speed']);
  if (typeof value !== 'number') return value;
  site.advance(nowMs);
  const prev = model.speedSp;
  model.speedSp = value;
  return acceptedUntil(prev, nowMs, 10 * 60_000, (now) => {
    site.advance(now);
    const casting = model.phase === 'cast';
    // Between drops the setpoint is written for the next drop; during the start ramp it is reached later.
    if (!casting && model.phase !== 'start') return { status: 'applied', value };
    return casting && Math.abs(model.speed - value) < 0.5 ? { status: 'applied', value, reachedAt: site.timeMs } : undefined;
  });
}

/** The DC caster rows of domain.md §2.3.8. */
function casterFaults(site: CasthouseSite, model: DcCasterModel, rng: Rng): Record<string, FaultHandler> {
  const at = (now: number): void => site.advance(now);
  const f = model.faults;
  const moulds = model.params.moulds;
  const mouldOf = (options: FaultOptions, fallback: number): number => Math.min(moulds, Math.max(1, Math.round(numberOption(options, 'mould', fallback)))) - 1;
  return {
    BLEEDOUT: faultHandler(
      at,
      'DC bleed-out: mould level drops > 10 mm in 2 s, mould-water outlet T +10 °C, critical event < 1 s and cast stop; armed until the next cast when idle (options: mould 1–12)',
      (now, options) => {
        const mould = mouldOf(options, rng.int(1, moulds));
        f.bleedout = { mould, atMs: undefined };
        if (model.phase === 'start' || model.phase === 'cast') model.bleedOut(now, mould);
      },
      () => (f.bleedout = undefined),
    ),
    COOLING_WATER_LOW: faultHandler(
      at,
      'DC cooling-water loss: water flow below 70 % of setpoint → emergency stop (options: pct of setpoint default 60, mould 1–12 or all)',
      (_, options) => (f.water = { pct: numberOption(options, 'pct', 60), mould: options?.['mould'] === undefined ? undefined : mouldOf(options, 1) }),
      () => (f.water = undefined),
    ),
    CAST_HANGUP: faultHandler(
      at,
      'Hang-up: table load up, position no longer follows the speed (options: loadPct default 40)',
      (_, options) => (f.hangup = { loadPct: numberOption(options, 'loadPct', 40) }),
      () => (f.hangup = undefined),
    ),
  };
}

function casterReader(model: DcCasterModel, rng: Rng): (nowMs: number) => DcCasterTelemetry {
  const p = model.params;
  const seq = new SequenceCounter();
  const speed = new Sensor({ wander: 0.2, rho: 0.95, white: 0.1, resolution: 0.1 }, rng);
  const tLaunder = new Sensor({ wander: 0.8, rho: 0.99, white: 0.3, resolution: 1 }, rng);
  const tIn = new Sensor({ wander: 0.3, rho: 0.999, white: 0.05, resolution: 0.1 }, rng);
  const water = sensors(p.moulds, { wander: 1, rho: 0.98, white: 0.5, resolution: 1 }, rng);
  const tOut = sensors(p.moulds, { wander: 0.2, rho: 0.98, white: 0.1, resolution: 0.1 }, rng);
  const level = sensors(p.moulds, { wander: 0.8, rho: 0.9, white: 0.4, resolution: 1 }, rng);
  return (now) => {
    const casting = model.phase === 'start' || model.phase === 'cast';
    const mouldTph = model.tphAt(model.speed) / p.moulds;
    const waterIn = tIn.read(p.waterInC, now, rng);
    const tWaterOut = model.water.map((w, m) => {
      const heatKw = casting ? (mouldTph / 3.6) * 1000 * p.waterHeatShare : 0; // t/h → kg/s × 1 MJ/kg
      const rise = w > 1 ? heatKw / ((w / 60) * 4.18) : 0;
      return tOut[m]?.read(p.waterInC + rise + (model.waterOutExtra[m] ?? 0), now, rng) ?? null;
    });
    const loadKn = (30 + model.castMassT * 9.81) * (1 + (model.faults.hangup?.loadPct ?? 0) / 100); // platen + billets; a hang-up adds friction
    return {
      ts: now,
      seq: seq.next(),
      v: {
        castId: model.castId,
        phase: model.phase,
        speed: casting ? nonNegative(speed.read(model.speed, now, rng)) : 0,
        posMm: Math.round(model.posMm),
        tLaunder: casting ? tLaunder.read(model.line.tSource - p.launderDropC, now, rng) : null,
        water: model.water.map((w, m) => (w > 0 ? nonNegative(water[m]?.read(w, now, rng) ?? 0) : 0)),
        tWaterIn: waterIn,
        tWaterOut,
        level: model.level.map((l, m) => (l > 0.5 ? nonNegative(level[m]?.read(l, now, rng) ?? 0) : 0)),
        gr: casting ? roundTo(p.grKgPerT * (1 + rng.normal(0, 0.02)), 0.01) : 0,
        loadKn: Math.round(loadKn),
      },
      q: 'good',
    };
  };
}
