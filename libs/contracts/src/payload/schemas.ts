import { z } from 'zod';
import type { MessageClass } from '../topic/topic.js';
import { envelope, reading, snapshotEnvelope } from './envelope.js';

/** Device types that have payload schemas; the plant model gives each device one of them. */
export const DEVICE_TYPES = ['tunnel-kiln', 'gateway-5g'] as const;
export type DeviceType = (typeof DEVICE_TYPES)[number];

const text = (max: number) => z.string().max(max);
const finite = z.number();
const pct = z.number().min(0).max(100);

/** Tunnel kiln `telemetry/profile` (5 s), domain.md §3.4: °C, Pa, %vol dry, ppm, m. */
export const tunnelKilnProfile = envelope(
  z.strictObject({
    t: z.array(reading).min(1).max(64),
    tCar: z.array(reading).max(16),
    p: z.array(reading).max(32),
    pCar: z.array(reading).max(8),
    o2: z.array(reading).max(8),
    co: reading.optional(),
    zeroPointM: reading,
    sp: z.array(finite).length(8),
  }),
);

/** Tunnel kiln `telemetry/combustion` (2 s): Nm³/h, kPa, %, Nm³. */
export const tunnelKilnCombustion = envelope(
  z.strictObject({
    gas: reading,
    air: reading,
    lambda: reading,
    pGasMain: reading,
    pGasHdr: reading,
    pAir: reading,
    zoneValve: z.array(z.number().min(0).max(100).nullable()).length(8),
    zoneGas: z.array(reading).length(8),
    burnersOn: z.int().min(0).max(256),
    burnersTotal: z.int().min(0).max(256),
    gasTot: reading,
  }),
);

/** 5G gateway `telemetry/link` (10 s), domain.md §2.4 ranges: dBm, dB, Mbps, ms, %. */
export const gatewayLink = envelope(
  z.strictObject({
    rat: z.enum(['NR-SA', 'NR-NSA', 'LTE']),
    band: text(8),
    arfcn: z.int().min(0),
    pci: z.int().min(0).max(1007),
    rsrp: z.number().min(-156).max(-31),
    rsrq: z.number().min(-43).max(20),
    sinr: z.number().min(-23).max(40),
    ulMbps: finite.min(0),
    dlMbps: finite.min(0),
    ulCapMbps: finite.min(0),
    rttMs: finite.min(0),
    rttP95Ms: finite.min(0),
    jitterMs: finite.min(0),
    lossPct: pct,
    south: z.int().min(0),
    southOn: z.int().min(0),
    bufMsgs: z.int().min(0),
    tempC: finite,
    uptimeS: z.int().min(0),
    hoCnt: z.int().min(0),
    rlfCnt: z.int().min(0),
    pdu: z.enum(['up', 'down']),
  }),
);

/** Retained `state` of any device; the Last Will writes `{online:false, reason:"lwt"}` (§3.6). */
export const deviceState = snapshotEnvelope(
  z.strictObject({
    online: z.boolean(),
    reason: z.enum(['lwt', 'comm_loss', 'shutdown']).optional(),
    mode: text(32).optional(),
  }),
);

/** Retained `meta` (birth certificate) of any device (§3.2). */
export const deviceMeta = snapshotEnvelope(
  z.strictObject({
    type: z.enum(DEVICE_TYPES),
    schema: z.int().min(1),
    name: text(128).optional(),
    nameZh: text(128).optional(),
    fw: text(64).optional(),
    via: text(200).optional(),
    units: z.record(text(32), text(16)).optional(),
    tcPos: z.array(finite).max(64).optional(),
    pPos: z.array(finite).max(32).optional(),
  }),
);

/** Plain text without control characters (a newline could split a line-protocol record). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const plainText = (max: number) => z.string().max(max).regex(/^[^\u0000-\u001f\u007f]*$/, 'control characters are not allowed');
const eventValue = z.union([z.number(), z.boolean(), plainText(128), z.null(), z.array(reading).max(64)]);

/**
 * Discrete occurrences (car pushed, part done, handover …): `type` plus at most 32 flat,
 * camelCase-named values, so an event can never smuggle a hostile field name into the store.
 */
export const deviceEvent = envelope(
  z
    .record(z.string().regex(/^[a-z][a-zA-Z0-9]{0,31}$/, 'event value names are camelCase [a-zA-Z0-9], ≤ 32 characters'), eventValue)
    .refine((v) => Object.keys(v).length <= 33, 'at most 32 values besides type')
    .refine((v) => typeof v['type'] === 'string' && /^[a-z][a-z0-9_]{0,39}$/.test(v['type']), { message: 'type must be a snake_case event name', path: ['type'] }),
);

export type TunnelKilnProfile = z.infer<typeof tunnelKilnProfile>;
export type TunnelKilnCombustion = z.infer<typeof tunnelKilnCombustion>;
export type GatewayLink = z.infer<typeof gatewayLink>;
export type DeviceState = z.infer<typeof deviceState>;
export type DeviceMeta = z.infer<typeof deviceMeta>;
export type DeviceEvent = z.infer<typeof deviceEvent>;

export type PayloadSchema = typeof tunnelKilnProfile | typeof tunnelKilnCombustion | typeof gatewayLink | typeof deviceState | typeof deviceMeta | typeof deviceEvent;

const TELEMETRY: Record<DeviceType, Record<string, PayloadSchema>> = {
  'tunnel-kiln': { profile: tunnelKilnProfile, combustion: tunnelKilnCombustion },
  'gateway-5g': { link: gatewayLink },
};

/**
 * The schema that validates a payload published by a device of `type` on `cls[/sub]`, or
 * undefined when plantwatch defines none (ingest dead-letters those as `NO_SCHEMA`).
 */
export function schemaFor(type: DeviceType, cls: MessageClass, sub: readonly string[]): PayloadSchema | undefined {
  if (cls === 'state' && sub.length === 0) return deviceState;
  if (cls === 'meta' && sub.length === 0) return deviceMeta;
  if (cls === 'event' && sub.length === 0) return deviceEvent;
  if (cls === 'telemetry' && sub.length === 1) return TELEMETRY[type][sub[0] ?? ''];
  return undefined;
}

/** The storage measurement for a (device type, class, sub): bounded, one per schema. */
export function measurementFor(type: DeviceType, cls: MessageClass, sub: readonly string[]): string {
  return [type, cls, ...sub].join('_').replaceAll('-', '_');
}
