import type { DeviceMeta, DeviceType } from '@plantwatch/contracts';

/**
 * What the runtime needs from any simulated device, whatever its type: a birth certificate and
 * a set of periodic streams. Device models stay pure (no MQTT, no timers); the scheduler calls
 * each stream at its due simulated time and the publisher puts the payload on the wire
 * (domain.md §3.2 classes and QoS).
 */
export interface SimDevice {
  /** Device key `enterprise/site/area/line/cell/device` (also the MQTT username). */
  readonly key: string;
  readonly type: DeviceType;
  /** Retained `meta` payload at `nowMs`. */
  meta(nowMs: number): DeviceMeta;
  readonly streams: readonly DeviceStream[];
}

/** One periodic publication of a device: `telemetry/{sub}` or `event`. */
export interface DeviceStream {
  readonly cls: 'telemetry' | 'event';
  readonly sub: readonly string[];
  /** §3.2: telemetry QoS 0, events QoS 1. */
  readonly qos: 0 | 1;
  /** Simulated period between messages [ms] (§2.7). */
  readonly periodMs: number;
  /** Simulated delay of the first message after the start [ms]. */
  readonly firstAfterMs: number;
  /** The payload (envelope) due at `nowMs`. */
  emit(nowMs: number): object;
}
