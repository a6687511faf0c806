import type { DeviceMeta, DeviceType, RejectCode } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { fnv1a, Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import type { DeviceContext } from '../device-factory.js';
import type { CommandDecision, CommandOutcome, DeviceStream } from '../sim-device.js';
import type { KilnEvent } from './kiln-events.js';
import { TunnelKilnModel } from './tunnel-kiln.model.js';
import { recipeKnots, type TunnelKilnParams } from './tunnel-kiln.params.js';
import type { Reading } from './tunnel-kiln.payloads.js';

/** What a kiln device model needs from the simulation (a {@link DeviceContext}, `shared` optional). */
export interface KilnDeviceContext {
  readonly seed: number;
  readonly startMs: number;
  readonly pushIntervalMs?: number;
  readonly params?: Partial<TunnelKilnParams>;
  readonly shared?: DeviceContext['shared'];
  /** Scenario parameters by device key (`DeviceContext.deviceParams`). */
  readonly deviceParams?: DeviceContext['deviceParams'];
}

/** `enterprise/site/area/line` of a device key: one tunnel kiln per line (domain.md §3.1). */
export function lineKeyOf(deviceKey: string): string {
  return deviceKey.split('/').slice(0, 4).join('/');
}

/**
 * The one physical model of the tunnel kiln a device belongs to: every device of the same line
 * gets the same {@link TunnelKilnModel} through `context.shared`, seeded from (seed, line key).
 */
export function kilnAssembly(deviceKey: string, context: KilnDeviceContext): TunnelKilnModel {
  const line = lineKeyOf(deviceKey);
  const create = (): TunnelKilnModel => {
    // Kiln-wide scenario parameters sit on the PLC: recipe peak (§2.1.2) and push interval (§2.1.1).
    const plc = context.deviceParams?.(`${line}/controller/plc`);
    const peakC = typeof plc?.['peakC'] === 'number' ? plc['peakC'] : undefined;
    const pushMin = typeof plc?.['pushIntervalMin'] === 'number' ? plc['pushIntervalMin'] : undefined;
    const params = peakC === undefined ? context.params : { ...context.params, setpointKnots: recipeKnots(peakC, context.params?.setpointKnots) };
    const pushIntervalMs = pushMin === undefined ? context.pushIntervalMs : pushMin * 60_000;
    return new TunnelKilnModel({
      rng: Rng.forKey(context.seed, line),
      startMs: context.startMs,
      ...(pushIntervalMs === undefined ? {} : { pushIntervalMs }),
      ...(params === undefined ? {} : { params }),
    });
  };
  return context.shared ? context.shared(`tunnel-kiln:${line}`, create) : create();
}

/** A string scenario parameter of a device, if set. */
export function stringParam(context: KilnDeviceContext, deviceKey: string, name: string): string | undefined {
  const value = context.deviceParams?.(deviceKey)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** The device's last key segment (`plc`, `b07`, `cam02`, `exhaust-1` …). */
export function deviceName(deviceKey: string): string {
  return deviceKey.slice(deviceKey.lastIndexOf('/') + 1);
}

/** First-message offset within one period, from a hash of the key: thousands of devices do not publish in the same millisecond. */
export function staggerMs(deviceKey: string, periodMs: number): number {
  return fnv1a(deviceKey) % periodMs;
}

/** Retained `meta` values (§3.2) common to the kiln devices. */
export function kilnMeta(device: PlantDevice, type: DeviceType, units: Readonly<Record<string, string>>, extra: Partial<DeviceMeta['v']> = {}): DeviceMeta['v'] {
  return {
    type,
    schema: 1,
    name: device.name,
    ...(device.nameZh === undefined ? {} : { nameZh: device.nameZh }),
    fw: 'plant-sim/0.2',
    ...(device.via === undefined ? {} : { via: device.via }),
    units: { ...units },
    ...extra,
  };
}

/** A periodic telemetry stream reading `read` at its due time, with its own sequence (§3.3). */
export function telemetryStream<V>(key: string, sub: readonly string[], periodMs: number, read: (nowMs: number) => Reading<V>): DeviceStream {
  const seq = new SequenceCounter();
  return {
    cls: 'telemetry',
    sub,
    qos: 0,
    periodMs,
    firstAfterMs: staggerMs(`${key}/${sub.join('/')}`, periodMs),
    emit: (nowMs) => {
      const { v, q, qv } = read(nowMs);
      return qv === undefined ? { ts: nowMs, seq: seq.next(), v, q } : { ts: nowMs, seq: seq.next(), v, q, qv };
    },
  };
}

/** An event stream polled every `periodMs` (§2.7 "event per push", "on change"): one queued event per poll, stamped with its own time. */
export function eventStream(key: string, periodMs: number, poll: (nowMs: number) => KilnEvent | undefined): DeviceStream {
  const seq = new SequenceCounter();
  return {
    cls: 'event',
    sub: [],
    qos: 1,
    periodMs,
    firstAfterMs: staggerMs(`${key}/event`, periodMs),
    emit: (nowMs) => {
      const event = poll(nowMs);
      return event === undefined ? undefined : { ts: event.ts, seq: seq.next(), v: { ...event.v }, q: 'good' };
    },
  };
}

/** A rejection (§3.5). */
export function rejected(code: RejectCode, message: string): CommandDecision {
  return { status: 'rejected', code, message };
}

/** Accepted, with the outcome polled by the runtime. */
export function accepted(prev: number | number[] | string | boolean | null, progress: (nowMs: number) => CommandOutcome | undefined): CommandDecision {
  return { status: 'accepted', prev, progress };
}

/** Accepted and applied on the next poll (a setpoint written without a ramp). */
export function acceptedApplied(prev: number | number[] | string | boolean | null, value: number | number[] | string | boolean): CommandDecision {
  return accepted(prev, (nowMs) => ({ status: 'applied', value, reachedAt: nowMs }));
}

/** §3.5: commands need the kiln in REMOTE (not manual, not maintenance). */
export function notRemote(model: TunnelKilnModel): CommandDecision | undefined {
  const mode = model.mode;
  return mode === 'manual' || mode === 'maintenance' ? rejected('NOT_REMOTE', `kiln is in ${mode} mode`) : undefined;
}

type FaultOptions = Readonly<Record<string, number | string>> | undefined;

/** A numeric fault option within [min, max], or `fallback`. */
export function optNumber(options: FaultOptions, name: string, fallback: number, min: number, max: number): number {
  const raw = options?.[name];
  if (raw === undefined) return fallback;
  const value = typeof raw === 'number' ? raw : Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) throw new RangeError(`fault option ${name} must be a number from ${min} to ${max}, got ${String(raw)}`);
  return value;
}

/** A string fault option among `allowed`, or the first of them. */
export function optChoice<T extends string>(options: FaultOptions, name: string, allowed: readonly [T, ...T[]]): T {
  const raw = options?.[name];
  if (raw === undefined) return allowed[0];
  const found = allowed.find((a) => a === String(raw));
  if (found === undefined) throw new RangeError(`fault option ${name} must be one of ${allowed.join(', ')}, got ${String(raw)}`);
  return found;
}
