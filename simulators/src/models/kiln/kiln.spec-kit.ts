import type { CommandRequest, DeviceType } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { VirtualClock } from '../../kit/clock.js';
import { Scheduler } from '../../kit/scheduler.js';
import { sharedMemo } from '../device-factory.js';
import type { CommandOutcome, SimDevice } from '../sim-device.js';
import { flameCameraDevice } from './flame-camera.device.js';
import { gasSkidDevice } from './gas-skid.device.js';
import { kilnBurnerDevice } from './kiln-burner.device.js';
import type { KilnDeviceContext } from './kiln-device.kit.js';
import { tunnelKilnDeviceList } from './kiln-devices.js';
import { kilnFanDevice } from './kiln-fan.device.js';
import { kilnPusherDevice } from './kiln-pusher.device.js';
import { shuttleKilnDevice } from './shuttle-kiln.device.js';
import { tunnelKilnDevice } from './tunnel-kiln.device.js';
import type { TunnelKilnModel } from './tunnel-kiln.model.js';
import { TUNNEL_KILN_DEFAULTS, type TunnelKilnParams } from './tunnel-kiln.params.js';

/** Test helpers of the kiln family (not a spec): a whole kiln on a virtual clock. */
export const START = Date.UTC(2024, 5, 10);
export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const LINE = { enterprise: 'jytd', site: 'yq-baiquan', area: 'firing', line: 'tk03' } as const;

/** No wander and no white noise: fault signatures without noise in the way. */
export const QUIET: TunnelKilnParams['noise'] = { ...TUNNEL_KILN_DEFAULTS.noise, tcWanderC: 0, tcWhiteC: 0, pWanderPa: 0, pWhitePa: 0, o2Pct: 0 };

const BUILD: Readonly<Partial<Record<DeviceType, (device: PlantDevice, context: KilnDeviceContext) => SimDevice>>> = {
  'tunnel-kiln': tunnelKilnDevice,
  'kiln-burner': kilnBurnerDevice,
  'flame-camera': flameCameraDevice,
  'kiln-fan': kilnFanDevice,
  'kiln-pusher': kilnPusherDevice,
  'gas-skid': gasSkidDevice,
  'shuttle-kiln': shuttleKilnDevice,
};

/** One published message: device type and key, class[/sub], payload. */
export interface Message {
  readonly type: DeviceType;
  readonly key: string;
  readonly topic: string;
  readonly payload: Record<string, unknown>;
}

/** A kiln's devices on one virtual clock, run the way the runtime runs them (streams, then state on change). */
export interface KilnRig {
  readonly devices: readonly SimDevice[];
  readonly clock: VirtualClock;
  readonly messages: Message[];
  /** The device whose key ends with `/name` (`plc`, `b05`, `exhaust-1` …). */
  device(name: string): SimDevice;
  /** The shared physical model. */
  readonly model: TunnelKilnModel;
  advance(ms: number): void;
}

/** Options of {@link kilnRig}. */
export interface RigOptions {
  readonly seed?: number;
  readonly pushIntervalMs?: number;
  readonly params?: Partial<TunnelKilnParams>;
  /** Device types to build (default all). */
  readonly only?: readonly DeviceType[];
}

export function plantDevice(key: string, type: DeviceType, name = key): PlantDevice {
  return { key, type, name, secretSha256: '0'.repeat(64) };
}

/** Every device of tunnel kiln tk03 with one shared model, scheduled on a virtual clock. */
export function kilnRig(options: RigOptions = {}): KilnRig {
  const context: KilnDeviceContext = {
    seed: options.seed ?? 42,
    startMs: START,
    shared: sharedMemo(),
    ...(options.pushIntervalMs === undefined ? {} : { pushIntervalMs: options.pushIntervalMs }),
    ...(options.params === undefined ? {} : { params: options.params }),
  };
  const specs = tunnelKilnDeviceList(LINE).filter((d) => options.only === undefined || options.only.includes(d.type));
  const devices = specs.map((d) => (BUILD[d.type] as NonNullable<(typeof BUILD)[DeviceType]>)(plantDevice(d.key, d.type, d.name), context));
  const clock = new VirtualClock(START);
  const messages = schedule(devices, clock);
  const find = (name: string): SimDevice => {
    const found = devices.find((d) => d.key.endsWith(`/${name}`));
    if (!found) throw new Error(`no device ${name}`);
    return found;
  };
  const model = context.shared?.<TunnelKilnModel>(`tunnel-kiln:${LINE.enterprise}/${LINE.site}/${LINE.area}/${LINE.line}`, () => {
    throw new Error('no model');
  });
  return { devices, clock, messages, device: find, model: model as TunnelKilnModel, advance: (ms) => clock.advance(ms) };
}

/** Schedules every stream; after each emission the device's state is published when it changed (§3.2). */
export function schedule(devices: readonly SimDevice[], clock: VirtualClock): Message[] {
  const scheduler = new Scheduler(clock);
  const messages: Message[] = [];
  for (const device of devices) {
    let lastState = '';
    const publishState = (now: number): void => {
      const state = device.state?.(now);
      const json = JSON.stringify(state);
      if (state === undefined || json === lastState) return;
      lastState = json;
      messages.push({ type: device.type, key: device.key, topic: 'state', payload: { ts: now, v: { online: true, ...state } } });
    };
    publishState(START);
    for (const s of device.streams) {
      scheduler.every(s.periodMs, START + s.firstAfterMs, (due) => {
        const payload = s.emit(due);
        if (payload !== undefined) messages.push({ type: device.type, key: device.key, topic: [s.cls, ...s.sub].join('/'), payload: payload as Record<string, unknown> });
        publishState(due);
      });
    }
  }
  return messages;
}

/** A command request as the runtime hands it over. */
export function request(fields: Partial<CommandRequest>): CommandRequest {
  return { cmdId: 'c1', ts: START, expiresAt: START + 30 * SECOND, user: 'test', ...fields };
}

/** Polls `progress` every `stepMs` up to `withinMs`; the first outcome, stamped with its poll time. */
export function settle(progress: (now: number) => CommandOutcome | undefined, clock: VirtualClock, withinMs: number, stepMs = 10 * SECOND): CommandOutcome | undefined {
  for (let waited = 0; waited <= withinMs; waited += stepMs) {
    const outcome = progress(clock.now());
    if (outcome) return outcome;
    clock.advance(stepMs);
  }
  return undefined;
}

/** Latest payload `v` on a device/topic. */
export function lastValues(messages: readonly Message[], keySuffix: string, topic: string): Record<string, unknown> {
  const found = [...messages].reverse().find((m) => m.key.endsWith(keySuffix) && m.topic === topic);
  if (!found) throw new Error(`no ${topic} from ${keySuffix}`);
  return found.payload['v'] as Record<string, unknown>;
}
