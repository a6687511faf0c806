import type { DegasserTelemetry, FilterBoxTelemetry } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import type { DeviceContext } from '../device-factory.js';
import type { FaultHandler, SimDevice } from '../sim-device.js';
import { casthouseSite, type CasthouseSite } from './casthouse.site.js';
import { choiceOption, eventStream, faultHandler, metaOf, numberOption, stagger, type FaultOptions } from './device-kit.js';
import type { DegasserModel, FilterBoxModel } from './melt-treatment.model.js';
import { nonNegative, roundTo, Sensor, sensors } from './sensor.js';

/** Publish periods (§3.4: degasser and filter box 5 s); events (H₂ samples, filter changes) polled 10 s. */
export const MELT_TREATMENT_PERIODS = { telemetryMs: 5_000, eventMs: 10_000 } as const;

/**
 * An inline degasser as a {@link SimDevice} (domain.md §2.3.4, §3.4): `telemetry` every 5 s with the
 * last H₂ sample (every 10 min, also an `h2_sample` event), faults DEGAS_FAULT and H2_HIGH.
 * It treats the metal of its cast line (same `enterprise/site/area/line` as the consumer).
 */
export function degasserDevice(device: PlantDevice, context: DeviceContext): SimDevice {
  const site = casthouseSite(context, device.key);
  const model = site.degasser(device.key);
  const rng = Rng.forKey(context.seed, device.key);
  const advance = (now: number): void => site.advance(now);
  const seq = new SequenceCounter();
  const rpm = sensors(model.params.rotors, { wander: 2, rho: 0.9, white: 1, resolution: 1 }, rng);
  const ar = sensors(model.params.rotors, { wander: 0.2, rho: 0.9, white: 0.1, resolution: 0.1 }, rng);
  const tIn = new Sensor({ wander: 0.8, rho: 0.99, white: 0.3, resolution: 1 }, rng);
  const tOut = new Sensor({ wander: 0.8, rho: 0.99, white: 0.3, resolution: 1 }, rng);
  const read = (now: number): DegasserTelemetry => ({
    ts: now,
    seq: seq.next(),
    v: {
      rpm: model.rpm.map((r, i) => (r < 1 ? 0 : nonNegative(rpm[i]?.read(r, now, rng) ?? 0))),
      ar: model.ar.map((a, i) => (a < 0.05 ? 0 : nonNegative(ar[i]?.read(a, now, rng) ?? 0))),
      tIn: tIn.read(model.tIn, now, rng),
      tOut: tOut.read(model.tOut, now, rng),
      h2: model.h2,
      h2Ts: model.h2Ts,
    },
    q: 'good',
  });
  return {
    key: device.key,
    type: 'degasser',
    meta: metaOf(device, 'degasser', { rpm: 'rpm', ar: 'NL/min', tIn: '°C', tOut: '°C', h2: 'mL/100 g' }),
    streams: [telemetryStream(device.key, advance, read), eventStream(device.key, MELT_TREATMENT_PERIODS.eventMs, advance, () => model.events.next())],
    faults: degasserFaults(site, model),
  };
}

/** §2.3.8 "Degasser rotor failure / gas loss" → DEGAS_FAULT then H2_HIGH on the next sample. */
function degasserFaults(site: CasthouseSite, model: DegasserModel): Record<string, FaultHandler> {
  const at = (now: number): void => site.advance(now);
  const n = model.params.rotors;
  const rotorsOf = (options: FaultOptions): number[] => {
    const which = options?.['rotor'];
    if (which === undefined || which === 'all') return Array.from({ length: n }, (_, i) => i);
    return [Math.min(n, Math.max(1, Math.round(Number(which)) || 1)) - 1];
  };
  const set = (down: boolean[], rotors: readonly number[], value: boolean): void => rotors.forEach((r) => (down[r] = value));
  return {
    DEGAS_FAULT: faultHandler(
      at,
      'Degasser rotor failure / gas loss: rotor rpm → 0 or Ar → 0, H₂ > 0.20 mL/100 g on the next sample (options: mode rotor|gas default rotor, rotor 1|2|all default all)',
      (_, options) => set(choiceOption(options, 'mode', ['rotor', 'gas'], 'rotor') === 'rotor' ? model.faults.rotorDown : model.faults.gasDown, rotorsOf(options), true),
      () => {
        set(model.faults.rotorDown, rotorsOf(undefined), false);
        set(model.faults.gasDown, rotorsOf(undefined), false);
      },
    ),
    H2_HIGH: faultHandler(
      at,
      'High incoming hydrogen (wet flux, humid charge): H₂ after degassing > 0.20 mL/100 g with the rotors running (options: h2In mL/100 g default 0.55)',
      (_, options) => (model.faults.h2In = numberOption(options, 'h2In', 0.55)),
      () => (model.faults.h2In = undefined),
    ),
  };
}

/**
 * A filter box (dual ceramic-foam plate, or tube filter when its device slug contains `tube`) as a
 * {@link SimDevice} (domain.md §2.3.4, §3.4): `telemetry` every 5 s, `filter_changed` events,
 * fault FILTER_DP_HIGH.
 */
export function filterBoxDevice(device: PlantDevice, context: DeviceContext): SimDevice {
  const site = casthouseSite(context, device.key);
  const model = site.filterBox(device.key);
  const rng = Rng.forKey(context.seed, device.key);
  const advance = (now: number): void => site.advance(now);
  const seq = new SequenceCounter();
  const dp = new Sensor({ wander: 0.2, rho: 0.95, white: 0.15, resolution: 0.1 }, rng);
  const lvl = new Sensor({ wander: 0.5, rho: 0.95, white: 0.5, resolution: 1 }, rng);
  const tIn = new Sensor({ wander: 0.8, rho: 0.99, white: 0.3, resolution: 1 }, rng);
  const tOut = new Sensor({ wander: 0.8, rho: 0.99, white: 0.3, resolution: 1 }, rng);
  const read = (now: number): FilterBoxTelemetry => {
    const flowing = model.line.flowTph > 0;
    return {
      ts: now,
      seq: seq.next(),
      v: {
        dpMm: flowing ? nonNegative(dp.read(model.dpMm, now, rng)) : 0,
        tIn: tIn.read(model.tIn, now, rng),
        tOut: tOut.read(model.tOut, now, rng),
        ppi: [...model.ppi],
        metalT: roundTo(model.metalT, 0.1),
        lvlUpMm: flowing ? nonNegative(lvl.read(model.levelUpMm, now, rng)) : 0,
      },
      q: 'good',
    };
  };
  return {
    key: device.key,
    type: 'filter-box',
    meta: metaOf(device, 'filter-box', { dpMm: 'mm', tIn: '°C', tOut: '°C', metalT: 't', lvlUpMm: 'mm' }),
    streams: [telemetryStream(device.key, advance, read), eventStream(device.key, MELT_TREATMENT_PERIODS.eventMs, advance, () => model.events.next())],
    faults: { FILTER_DP_HIGH: filterBlockage(site, model) },
  };
}

function filterBlockage(site: CasthouseSite, model: FilterBoxModel): FaultHandler {
  return faultHandler(
    (now) => site.advance(now),
    'Filter blocking: head loss rises from 8 to > 25–40 mm over tens of minutes, upstream launder level rises (options: rateMmPerMin default 0.8, maxMm default 40)',
    (_, options) => (model.blockage = { rateMmPerMin: numberOption(options, 'rateMmPerMin', 0.8), maxMm: numberOption(options, 'maxMm', 40), extraMm: 0 }),
    () => (model.blockage = undefined),
  );
}

function telemetryStream(key: string, advance: (nowMs: number) => void, read: (nowMs: number) => object): SimDevice['streams'][number] {
  const periodMs = MELT_TREATMENT_PERIODS.telemetryMs;
  return {
    cls: 'telemetry', sub: [], qos: 0, periodMs, firstAfterMs: stagger(key, periodMs),
    emit: (now) => {
      advance(now);
      return read(now);
    },
  };
}
