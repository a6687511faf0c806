import type { z } from 'zod';
import type { MessageClass } from '../topic/topic.js';
import { ALUMINIUM_PAYLOADS } from './aluminium.schemas.js';
import { alarmMessage } from './alarm.schemas.js';
import { commandAck } from './command.schemas.js';
import { deviceEvent, deviceMeta, deviceState } from './common.schemas.js';
import { DISCRETE_PAYLOADS } from './discrete.schemas.js';
import { ENERGY_PAYLOADS } from './energy.schemas.js';
import { GATEWAY_PAYLOADS } from './gateway.schemas.js';
import { KILN_PAYLOADS } from './kiln.schemas.js';

/**
 * Every payload schema, by device type, then by `class[/sub]` (`telemetry/profile`,
 * `telemetry` for a plain telemetry topic, `state` where a type extends the common state).
 * One family file per domain.md §2 section; the device types are the keys.
 */
export const PAYLOADS = { ...KILN_PAYLOADS, ...GATEWAY_PAYLOADS, ...ALUMINIUM_PAYLOADS, ...DISCRETE_PAYLOADS, ...ENERGY_PAYLOADS } as const;

/** Device types that have payload schemas; the plant model gives each device one of them. */
export type DeviceType = keyof typeof PAYLOADS;
export const DEVICE_TYPES = Object.keys(PAYLOADS) as [DeviceType, ...DeviceType[]];

export function isDeviceType(value: string): value is DeviceType {
  return Object.hasOwn(PAYLOADS, value);
}

const COMMON: Readonly<Record<string, z.ZodType>> = { state: deviceState, meta: deviceMeta, event: deviceEvent, alarm: alarmMessage };

/**
 * The schema that validates a payload published by a device of `type` on `cls[/sub]`, or
 * undefined when plantwatch defines none (ingest dead-letters those as `NO_SCHEMA`).
 * Command acknowledgements (`cmd/{name}/res`) share one schema.
 */
export function schemaFor(type: DeviceType, cls: MessageClass, sub: readonly string[]): z.ZodType | undefined {
  if (cls === 'cmd') return sub.length === 2 && sub[1] === 'res' ? commandAck : undefined;
  const key = sub.length === 0 ? cls : `${cls}/${sub.join('/')}`;
  const own = (PAYLOADS[type] as Readonly<Record<string, z.ZodType>>)[key];
  return own ?? (sub.length === 0 ? COMMON[cls] : undefined);
}

/** The storage measurement for a (device type, class, sub): bounded, one per schema. */
export function measurementFor(type: DeviceType, cls: MessageClass, sub: readonly string[]): string {
  return [type, cls, ...sub].join('_').replaceAll('-', '_');
}
