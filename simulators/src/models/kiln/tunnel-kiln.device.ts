import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import type { SimDevice } from '../sim-device.js';
import { TunnelKilnModel, type TunnelKilnModelOptions } from './tunnel-kiln.model.js';

/** Publish periods of a tunnel kiln (domain.md §2.7): TC profile 5 s, combustion 2 s. */
export const TUNNEL_KILN_PERIODS = { profileMs: 5_000, combustionMs: 2_000 } as const;

/** Options of {@link tunnelKilnDevice}. */
export interface TunnelKilnDeviceOptions {
  readonly seed: number;
  readonly startMs: number;
  readonly pushIntervalMs?: number;
  readonly params?: TunnelKilnModelOptions['params'];
}

/**
 * A plant-model tunnel-kiln PLC as a {@link SimDevice}: `telemetry/profile` every 5 s,
 * `telemetry/combustion` every 2 s, `event` car_pushed every push interval. The model's random
 * stream is derived from (seed, device key), and the first messages are staggered by a hash of
 * the key so thousands of kilns do not publish in the same millisecond.
 */
export function tunnelKilnDevice(device: PlantDevice, options: TunnelKilnDeviceOptions): SimDevice {
  const model = new TunnelKilnModel({
    rng: Rng.forKey(options.seed, device.key),
    startMs: options.startMs,
    ...(options.pushIntervalMs === undefined ? {} : { pushIntervalMs: options.pushIntervalMs }),
    ...(options.params === undefined ? {} : { params: options.params }),
  });
  const stagger = fnv1a(device.key);
  const { profileMs, combustionMs } = TUNNEL_KILN_PERIODS;
  return {
    key: device.key,
    type: 'tunnel-kiln',
    meta: (nowMs) => ({ ts: nowMs, v: model.meta(device.name, device.nameZh) }),
    streams: [
      { cls: 'telemetry', sub: ['profile'], qos: 0, periodMs: profileMs, firstAfterMs: stagger % profileMs, emit: (now) => model.profile(now) },
      { cls: 'telemetry', sub: ['combustion'], qos: 0, periodMs: combustionMs, firstAfterMs: stagger % combustionMs, emit: (now) => model.combustion(now) },
      { cls: 'event', sub: [], qos: 1, periodMs: model.pushIntervalMs, firstAfterMs: model.pushIntervalMs, emit: (now) => model.pushCar(now) },
    ],
  };
}
