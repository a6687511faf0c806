import { schemaFor, type DeviceType } from '@plantwatch/contracts';
import { VirtualClock } from '../../kit/clock.js';
import { Scheduler } from '../../kit/scheduler.js';
import { sharedMemo, type DeviceContext } from '../device-factory.js';
import type { SimDevice } from '../sim-device.js';
import type { DiscreteParams, ParamDevice } from './discrete-params.js';

/** Test start: 2024-06-10 00:00 UTC (08:00 Shanghai, a shift change). */
export const T0 = Date.UTC(2024, 5, 10);
/** One minute / one hour [ms]. */
export const MINUTE = 60_000;
export const HOUR = 3_600_000;

/** A plant device for tests, optionally with params (the shape `paramsOf` reads). */
export function testDevice(key: string, type: DeviceType, params?: DiscreteParams): ParamDevice {
  return { key, type, name: key.split('/').pop() ?? key, secretSha256: '0'.repeat(64), ...(params === undefined ? {} : { params }) };
}

/** A fresh simulation context (own `shared` memo). */
export function testContext(seed = 42, startMs = T0): DeviceContext {
  return { seed, startMs, shared: sharedMemo() };
}

/** One message a device published: topic suffix (`telemetry/vibration`, `state` …) and payload. */
export interface Published {
  readonly topic: string;
  readonly payload: { readonly ts: number; readonly v: Record<string, unknown> } & Record<string, unknown>;
}

/** Options of {@link runDevices}. */
export interface RunOptions {
  readonly startMs?: number;
  /** Clock step; `onTick` runs before each. Default: the whole duration at once. */
  readonly stepMs?: number;
  readonly onTick?: (nowMs: number) => void;
  /** Receives each message instead of collecting it (long runs stay light on memory). */
  readonly onMessage?: (device: SimDevice, message: Published) => void;
}

/**
 * Runs devices on a virtual clock the way the runtime does: each stream at its period from
 * `startMs + firstAfterMs`; after each emission the device's `state()` is compared as JSON and
 * published when it changed. Returns the messages per device (empty lists with `onMessage`).
 */
export function runDevices(devices: readonly SimDevice[], durationMs: number, options: RunOptions = {}): Map<SimDevice, Published[]> {
  const startMs = options.startMs ?? T0;
  const clock = new VirtualClock(startMs);
  const scheduler = new Scheduler(clock, { maxBatch: 1_000_000 });
  const out = new Map<SimDevice, Published[]>();
  for (const device of devices) {
    const list: Published[] = [];
    out.set(device, list);
    const deliver = options.onMessage === undefined ? (m: Published) => list.push(m) : (m: Published) => options.onMessage?.(device, m);
    let lastState: unknown;
    let lastJson = '';
    const publishState = (now: number): void => {
      const values = device.state?.(now);
      if (values === undefined || values === lastState) return; // same object: unchanged (cheap path)
      lastState = values;
      const json = JSON.stringify(values);
      if (json !== lastJson) deliver({ topic: 'state', payload: { ts: now, v: { ...values } } });
      lastJson = json;
    };
    publishState(startMs);
    for (const stream of device.streams) {
      const topic = [stream.cls, ...stream.sub].join('/');
      scheduler.every(stream.periodMs, startMs + stream.firstAfterMs, (due) => {
        const payload = stream.emit(due) as Published['payload'] | undefined;
        if (payload !== undefined) deliver({ topic, payload });
        publishState(due);
      });
    }
  }
  const step = options.stepMs ?? durationMs;
  for (let t = 0; t < durationMs; t += step) {
    options.onTick?.(startMs + t);
    clock.advance(Math.min(step, durationMs - t));
  }
  scheduler.stop();
  return out;
}

/** Parses a published message with the registry schema of its device type; throws on mismatch. */
export function parseWithSchema(type: DeviceType, message: Published): void {
  const [cls, ...sub] = message.topic.split('/') as ['telemetry' | 'event' | 'state', ...string[]];
  const schema = schemaFor(type, cls, sub);
  if (schema === undefined) throw new Error(`no schema for ${type} ${message.topic}`);
  const result = schema.safeParse(message.payload);
  if (!result.success) throw new Error(`${type} ${message.topic} ${JSON.stringify(message.payload).slice(0, 400)}: ${result.error.message}`);
}

/** Messages on one topic suffix. */
export function onTopic(messages: readonly Published[], topic: string): Published['payload'][] {
  return messages.filter((m) => m.topic === topic).map((m) => m.payload);
}
