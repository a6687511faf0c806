import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import type { DeviceContext } from '../device-factory.js';
import type { SimDevice } from '../sim-device.js';
import { discreteMeta } from './discrete-meta.js';
import { num, optNum, paramsOf, type DiscreteParams } from './discrete-params.js';
import { SPINNING_FRAME_DEFAULTS, SpinningFrameModel } from './spinning-frame.model.js';

/** Spinning-frame periods (§4.4): 1 s summary; anomaly events polled every 1 s. */
export const SPINNING_FRAME_PERIODS = { telemetryMs: 1_000, eventPollMs: 1_000 } as const;
/** Units of spinning-frame telemetry and events, for `meta`. */
export const SPINNING_FRAME_UNITS: Readonly<Record<string, string>> = { rpmSp: 'min⁻¹', rpmAvg: 'min⁻¹', rpmMin: 'min⁻¹', rpmMax: 'min⁻¹', devMaxPct: '%', kw: 'kW', wPerSp: 'W', rpm: 'min⁻¹', devPct: '%' };

/**
 * The Jingwei maglev spinning frame (domain.md §2.5.3 [S J4], §4.4) as a {@link SimDevice}:
 * `telemetry` 1 s summary of its spindles, `event` spindle_anomaly (end break, speed out of
 * ± 0.5 %). Params: spindles (1,200), rpm (18,000). Fault SPINDLE_ANOMALY.
 */
export function spinningFrameDevice(device: PlantDevice, context: DeviceContext, params: DiscreteParams = paramsOf(device, context)): SimDevice {
  const d = SPINNING_FRAME_DEFAULTS;
  const model = new SpinningFrameModel({ ...d, spindles: Math.round(num(params, 'spindles', d.spindles)), rpm: num(params, 'rpm', d.rpm) }, Rng.forKey(context.seed, device.key), context.startMs);
  const { telemetryMs, eventPollMs } = SPINNING_FRAME_PERIODS;
  const stagger = fnv1a(device.key) % telemetryMs;
  return {
    key: device.key,
    type: 'spinning-frame',
    meta: (now) => discreteMeta(device, 'spinning-frame', now, SPINNING_FRAME_UNITS),
    streams: [
      { cls: 'telemetry', sub: [], qos: 0, periodMs: telemetryMs, firstAfterMs: stagger, emit: (now) => model.telemetry(now) },
      { cls: 'event', sub: [], qos: 1, periodMs: eventPollMs, firstAfterMs: stagger, emit: () => model.events.next() },
    ],
    faults: {
      SPINDLE_ANOMALY: {
        description: 'Spindle drive anomaly: some spindles run outside ± 0.5 % of the setpoint; anomaly events, outTol count (§2.5.3). Options: spindles (3), devPct (1.5)',
        inject: (_nowMs, options) => model.setAnomaly(Math.round(optNum(options, 'spindles', 3)), optNum(options, 'devPct', 1.5)),
        clear: () => model.setAnomaly(0, 0),
      },
    },
  };
}
