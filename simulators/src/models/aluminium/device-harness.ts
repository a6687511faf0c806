import type { DeviceType } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { VirtualClock } from '../../kit/clock.js';
import { Scheduler } from '../../kit/scheduler.js';
import type { DeviceContext, DeviceFactories, DeviceParams } from '../device-factory.js';
import type { SimDevice } from '../sim-device.js';

/** One message a harnessed device published. */
export interface HarnessMessage {
  readonly key: string;
  readonly type: DeviceType;
  /** `telemetry`, `telemetry/hour`, `event`, or `state` (published when `state()` changes). */
  readonly topic: string;
  readonly payload: object;
  /** Simulated time it was published (its stream's due time). */
  readonly atMs: number;
}

/**
 * Runs simulated devices the way the runtime does — one scheduler on a {@link VirtualClock}, each
 * stream at its period, `state()` re-published when it changes — without MQTT, for specs and rate
 * counts. A simulated day runs in well under a second per dozen devices.
 */
export class DeviceHarness {
  readonly clock: VirtualClock;
  readonly context: DeviceContext;
  readonly devices = new Map<string, SimDevice>();
  readonly messages: HarnessMessage[] = [];
  /** Whether to keep messages (a long rate count only needs the counter). */
  keep = true;
  count = 0;
  private readonly scheduler: Scheduler;
  private readonly objects = new Map<string, unknown>();
  private readonly lastState = new Map<string, Readonly<Record<string, unknown>>>();

  constructor(
    private readonly factories: DeviceFactories,
    readonly startMs: number,
    seed = 42,
    /** Scenario parameters by device key (`context.deviceParams`). */
    params: Readonly<Record<string, DeviceParams>> = {},
  ) {
    this.clock = new VirtualClock(startMs);
    this.scheduler = new Scheduler(this.clock, { onError: (error) => { throw error; } });
    const objects = this.objects;
    this.context = {
      seed,
      startMs,
      deviceParams: (key) => params[key],
      shared: <T>(key: string, create: () => T): T => {
        if (!objects.has(key)) objects.set(key, create());
        return objects.get(key) as T;
      },
    };
  }

  /** Creates a device of `type` at `key` (`enterprise/site/area/line/cell/device`). */
  add(key: string, type: DeviceType): SimDevice {
    const plant: PlantDevice = { key, type, name: key.split('/').pop() ?? key, secretSha256: '0'.repeat(64) };
    const factory = this.factories[type];
    if (factory === undefined) throw new Error(`no factory for ${type}`);
    const device = factory(plant, this.context);
    this.devices.set(key, device);
    return device;
  }

  device(key: string): SimDevice {
    const device = this.devices.get(key);
    if (device === undefined) throw new Error(`no device ${key}`);
    return device;
  }

  /** Schedules every stream of every added device from now on. */
  start(): void {
    const now = this.clock.now();
    for (const device of this.devices.values()) {
      for (const stream of device.streams) {
        const topic = [stream.cls, ...stream.sub].join('/');
        this.scheduler.every(stream.periodMs, now + stream.firstAfterMs, (due) => {
          const payload = stream.emit(due);
          if (payload !== undefined) this.record(device, topic, payload, due);
          // After every emit call, published or not: a silent device (comm loss) still changes state.
          this.publishState(device, due);
        });
      }
    }
  }

  /** Advances simulated time by `ms`. */
  run(ms: number): void {
    this.clock.advance(ms);
  }

  /** Messages of one device and topic, in order. */
  of(key: string, topic: string): object[] {
    return this.messages.filter((m) => m.key === key && m.topic === topic).map((m) => m.payload);
  }

  /** Drops the kept messages (between phases of a test). */
  reset(): void {
    this.messages.length = 0;
  }

  private publishState(device: SimDevice, nowMs: number): void {
    const state = device.state?.(nowMs);
    if (state === undefined) return;
    const last = this.lastState.get(device.key);
    if (last !== undefined && sameValues(last, state)) return;
    this.lastState.set(device.key, state);
    this.record(device, 'state', { ts: nowMs, v: state }, nowMs);
  }

  private record(device: SimDevice, topic: string, payload: object, atMs: number): void {
    this.count++;
    if (this.keep) this.messages.push({ key: device.key, type: device.type, topic, payload, atMs });
  }
}

/** Same keys and equal scalar values (state objects are flat), as the runtime's JSON comparison decides. */
function sameValues(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}
