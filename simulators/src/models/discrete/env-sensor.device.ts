import { GAS_KINDS, type EnvSensorTelemetry } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import { Ar1Noise, quantise } from '../../kit/signal.js';
import type { DeviceContext } from '../device-factory.js';
import type { FaultHandler, SimDevice } from '../sim-device.js';
import { discreteMeta } from './discrete-meta.js';
import { kindByHash, kindFromSlugs, num, oneOf, optNum, paramsOf, pathOf, type DiscreteParams } from './discrete-params.js';

/** Safety & environment sensor kinds (§4.2). */
export const ENV_KINDS = ['dust', 'noise', 'gas', 'temp'] as const;
/** A sensor kind. */
export type EnvKind = (typeof ENV_KINDS)[number];
/** A gas-detector gas. */
export type GasKind = (typeof GAS_KINDS)[number];

/** Safety & environment sensor period (§2.7: 30–60 s; §4.2: 300 at 30 s ≈ 10 msg/s). */
export const ENV_SENSOR_PERIOD_MS = 30_000;
/** Units of sensor telemetry by field and gas, for `meta`. */
export const ENV_SENSOR_UNITS: Readonly<Record<string, string>> = { pm10: 'mg/m³', pm25: 'mg/m³', laeq: 'dB(A)', lmax: 'dB(A)', CO: 'ppm', H2S: 'ppm', CH4: '%LEL', O2: '%vol', tC: '°C', rh: '%' };

const KIND_SLUGS: readonly (readonly [EnvKind, readonly string[]])[] = [['dust', ['dust', 'pm']], ['noise', ['noise', 'snd']], ['gas', ['gas', 'co-', 'h2s', 'ch4', 'lel', 'o2']], ['temp', ['temp', 'th-', 'rh']]];
/** Typical workshop level per gas (CO ppm, H₂S ppm, CH₄ %LEL, O₂ %vol). */
const GAS_LEVEL: Readonly<Record<GasKind, number>> = { CO: 4, H2S: 0.2, CH4: 0.5, O2: 20.9 };

/** The sensor kind: param `kind`, else from the slugs (`dust-03`, `noise-1`, `gas-co-2`, `temp-4`), else spread evenly by key hash. */
export function envKindOf(device: PlantDevice, params: DiscreteParams): EnvKind {
  const unlabelled = kindByHash(device.key, [['dust', 1], ['noise', 1], ['gas', 1], ['temp', 1]], fnv1a);
  return oneOf(params, 'kind', ENV_KINDS, kindFromSlugs(pathOf(device), KIND_SLUGS, unlabelled));
}

/** Values of one kind at `level` × normal (the EXCURSION fault raises it); null when the sensor failed. */
function reading(kind: EnvKind, gas: GasKind, wander: number, level: number, rng: Rng, ok: boolean): EnvSensorTelemetry['v'] {
  const v = (x: number, step: number): number | null => (ok ? quantise(Math.max(0, x), step) : null);
  switch (kind) {
    case 'dust':
      return { kind, pm10: v(level * (1.5 + 0.3 * wander) + 0.05 * rng.normal(), 0.01), pm25: v(level * (0.6 + 0.12 * wander) + 0.02 * rng.normal(), 0.01) };
    case 'noise':
      return { kind, laeq: v(82 + 10 * Math.log10(level) + wander + 0.3 * rng.normal(), 0.1), lmax: v(93 + 10 * Math.log10(level) + wander + rng.normal(), 0.1) };
    case 'gas':
      return { kind, gas, val: v(gas === 'O2' ? 20.9 - (level - 1) * 0.5 + 0.02 * rng.normal() : GAS_LEVEL[gas] * level * (1 + 0.2 * wander), gas === 'O2' ? 0.01 : 0.1) };
    case 'temp':
      return { kind, tC: v(26 + 2 * wander + 0.1 * rng.normal(), 0.1), rh: v(55 - 5 * wander + 0.5 * rng.normal(), 0.1) };
  }
}

/**
 * A safety & environment sensor (domain.md §4.2: dust, noise, gas, temperature) as a
 * {@link SimDevice}: `telemetry` every 30 s. Params: kind, gas (CO|H2S|CH4|O2). Faults (beyond
 * §2.5.7, for alarm tests): EXCURSION (level × factor), SENSOR_FAULT (null readings, quality bad).
 */
export function envSensorDevice(device: PlantDevice, context: DeviceContext, params: DiscreteParams = paramsOf(device, context)): SimDevice {
  const kind = envKindOf(device, params);
  const slugs = pathOf(device).device.toUpperCase();
  const gas = oneOf(params, 'gas', GAS_KINDS, GAS_KINDS.find((g) => slugs.includes(g)) ?? 'CO');
  const rng = Rng.forKey(context.seed, device.key);
  const wander = new Ar1Noise(1, 0.999, rng);
  const state = { level: num(params, 'level', 1), factor: 1, failed: false };
  const seq = new SequenceCounter();
  const emit = (now: number): object => ({ ts: now, seq: seq.next(), q: state.failed ? 'bad' : 'good', v: reading(kind, gas, wander.step(rng, ENV_SENSOR_PERIOD_MS), state.level * state.factor, rng, !state.failed) });
  const faults: Record<string, FaultHandler> = {
    EXCURSION: { description: 'Excursion: the measured level rises (dust, noise +dB, gas) — for alarm-rule tests. Option: factor (5)', inject: (_n, o) => void (state.factor = Math.max(0.1, optNum(o, 'factor', 5))), clear: () => void (state.factor = 1) },
    SENSOR_FAULT: { description: 'Sensor failure: readings null, quality bad (§3.3)', inject: () => void (state.failed = true), clear: () => void (state.failed = false) },
  };
  return {
    key: device.key,
    type: 'env-sensor',
    meta: (now) => discreteMeta(device, 'env-sensor', now, ENV_SENSOR_UNITS),
    streams: [{ cls: 'telemetry', sub: [], qos: 0, periodMs: ENV_SENSOR_PERIOD_MS, firstAfterMs: fnv1a(device.key) % ENV_SENSOR_PERIOD_MS, emit }],
    faults,
  };
}
