import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import { metaOf, stagger } from '../aluminium/device-kit.js';
import type { DeviceContext } from '../device-factory.js';
import type { DeviceStream, SimDevice } from '../sim-device.js';
import { CommLoss } from './comm-loss.js';
import { EnergyMeterModel, GasMeterModel } from './meter.models.js';
import { processLoads, type ProcessLoadSource } from './process-load.js';
import { PV_SITE_DEFAULTS, PvSiteModel } from './pv-site.model.js';
import { DEFAULT_SHIFT_PROFILE } from './shift-profile.js';

/** Publish periods (domain.md §2.7, §2.6.4): meters 15 s (kW, kWh) and 10 s (gas), PV 60 s. */
export const ENERGY_PERIODS = { energyMeterMs: 15_000, gasMeterMs: 10_000, pvSiteMs: 60_000 } as const;

/** A numeric scenario parameter of a device (`context.deviceParams`), or `fallback`. */
export function paramNumber(context: DeviceContext, key: string, name: string, fallback: number): number {
  const value = context.deviceParams?.(key)?.[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * The process load a meter follows: a scenario may name it with the device parameter `follows`
 * (any key a process registered under, e.g. `jytd/yq-baiquan/firing/tk03`); otherwise the
 * {@link ProcessLoads} conventions apply.
 */
export function followedLoad(context: DeviceContext, key: string): ProcessLoadSource | undefined {
  const follows = context.deviceParams?.(key)?.['follows'];
  const loads = processLoads(context);
  if (typeof follows === 'string') loads.attach(key, follows);
  return loads.resolve(key);
}

/** A share in [0, 1) derived from the device key: spreads ratings of standalone meters deterministically. */
export function keyShare(key: string, salt: string): number {
  return fnv1a(`${key}#${salt}`) / 4_294_967_296;
}

/**
 * A periodic telemetry stream whose model is built at the first emission — after every factory
 * ran, so the meter can resolve the process it is attached to — and that publishes nothing while
 * communication is lost.
 */
function lazyTelemetry<M>(key: string, periodMs: number, comm: CommLoss, build: () => M, read: (model: M, nowMs: number) => object): DeviceStream {
  let model: M | undefined;
  return {
    cls: 'telemetry', sub: [], qos: 0, periodMs, firstAfterMs: stagger(key, periodMs),
    emit: (now) => {
      model ??= build();
      return comm.gate(read(model, now));
    },
  };
}

/** Rating of an attached meter: 25 % above what its process draws at the first reading, at least `floor`. */
function ratingOf(source: ProcessLoadSource | undefined, nowMs: number, pick: 'kw' | 'gasNm3h', standalone: number, floor: number): number {
  return source === undefined ? standalone : Math.max(floor, 1.25 * source(nowMs)[pick]);
}

/**
 * An electricity meter (domain.md §2.6.4, §3.4): `telemetry` every 15 s; follows its process's
 * electric load when one is registered for it (see `ProcessLoads`, or device parameter `follows`),
 * else 150–800 kW rated (parameter `ratedKw`) × the shift profile; fault METER_COMM_LOSS.
 */
export function energyMeterDevice(device: PlantDevice, context: DeviceContext): SimDevice {
  const rng = Rng.forKey(context.seed, device.key);
  const comm = new CommLoss();
  const build = (): EnergyMeterModel => {
    const source = followedLoad(context, device.key);
    const ratedKw = paramNumber(context, device.key, 'ratedKw', ratingOf(source, context.startMs, 'kw', Math.round(150 + 650 * keyShare(device.key, 'kw')), 20));
    return new EnergyMeterModel({ ratedKw, uNominal: ratedKw > 2_000 ? 10_000 : 400, profile: DEFAULT_SHIFT_PROFILE }, rng, source);
  };
  return {
    key: device.key,
    type: 'energy-meter',
    meta: metaOf(device, 'energy-meter', { kw: 'kW', kvar: 'kvar', pf: '1', u: 'V', i: 'A', kwh: 'kWh', demandKw: 'kW' }),
    streams: [lazyTelemetry(device.key, ENERGY_PERIODS.energyMeterMs, comm, build, (m, now) => m.read(now))],
    state: () => comm.state(),
    faults: { METER_COMM_LOSS: comm.handler() },
  };
}

/**
 * A natural-gas meter (domain.md §2.6.4, §3.4): `telemetry` every 10 s; follows its process's gas
 * (a holding furnace's burners, the sum of a furnace line; parameter `follows`) or 60–250 Nm³/h
 * rated (parameter `ratedNm3h`) × the shift profile; fault METER_COMM_LOSS.
 */
export function gasMeterDevice(device: PlantDevice, context: DeviceContext): SimDevice {
  const rng = Rng.forKey(context.seed, device.key);
  const comm = new CommLoss();
  const build = (): GasMeterModel => {
    const source = followedLoad(context, device.key);
    const ratedNm3h = paramNumber(context, device.key, 'ratedNm3h', ratingOf(source, context.startMs, 'gasNm3h', Math.round(60 + 190 * keyShare(device.key, 'gas')), 10));
    return new GasMeterModel({ ratedNm3h, pKpa: 214, pDropKpa: 6, profile: DEFAULT_SHIFT_PROFILE }, rng, source);
  };
  return {
    key: device.key,
    type: 'gas-meter',
    meta: metaOf(device, 'gas-meter', { nm3h: 'Nm³/h', nm3: 'Nm³', pKpa: 'kPa', tC: '°C' }),
    streams: [lazyTelemetry(device.key, ENERGY_PERIODS.gasMeterMs, comm, build, (m, now) => m.read(now))],
    state: () => comm.state(),
    faults: { METER_COMM_LOSS: comm.handler() },
  };
}

/**
 * A Datong base-station PV site (domain.md §2.6.6, §3.4): `telemetry` every 60 s (parameters
 * `kWp`, `loadKw`); fault METER_COMM_LOSS (the site's data logger goes silent).
 */
export function pvSiteDevice(device: PlantDevice, context: DeviceContext): SimDevice {
  const rng = Rng.forKey(context.seed, device.key);
  const comm = new CommLoss();
  const params = {
    ...PV_SITE_DEFAULTS,
    kWp: paramNumber(context, device.key, 'kWp', 1.95 + 0.4 * keyShare(device.key, 'kwp')),
    loadKw: paramNumber(context, device.key, 'loadKw', 1.8 + 2 * keyShare(device.key, 'load')),
  };
  return {
    key: device.key,
    type: 'pv-site',
    meta: metaOf(device, 'pv-site', { pvKw: 'kW', pvKwhDay: 'kWh', loadKw: 'kW', gridKw: 'kW', soc: '%', irr: 'W/m²', tMod: '°C' }),
    streams: [lazyTelemetry(device.key, ENERGY_PERIODS.pvSiteMs, comm, () => new PvSiteModel(params, rng), (m, now) => m.read(now))],
    state: () => comm.state(),
    faults: { METER_COMM_LOSS: comm.handler() },
  };
}
