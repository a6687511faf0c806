import { z } from 'zod';
import { baseStateFields } from './common.schemas.js';
import { envelope, reading, snapshotEnvelope } from './envelope.js';

const text = (max: number) => z.string().max(max);
const finite = z.number();
const pct = z.number().min(0).max(100);
/** A radio value within its 3GPP reporting range, or null while the modem reports none (§2.4.1). */
const radio = (min: number, max: number) => z.number().min(min).max(max).nullable();

/** Radio access technology; `none` while not registered (§2.4.6 `GW_NOT_REGISTERED`). */
export const RATS = ['NR-SA', 'NR-NSA', 'LTE', 'none'] as const;

/** 5G gateway `telemetry/link` (10 s), domain.md §2.4 ranges: dBm, dB, Mbps, ms, %. */
export const gatewayLink = envelope(
  z.strictObject({
    rat: z.enum(RATS),
    band: text(8),
    arfcn: z.int().min(0),
    pci: z.int().min(0).max(1007),
    rsrp: radio(-156, -31),
    rsrq: radio(-43, 20),
    sinr: radio(-23, 40),
    ulMbps: finite.min(0),
    dlMbps: finite.min(0),
    ulCapMbps: finite.min(0),
    rttMs: reading,
    rttP95Ms: reading,
    jitterMs: reading,
    lossPct: pct.nullable(),
    south: z.int().min(0),
    southOn: z.int().min(0),
    bufMsgs: z.int().min(0),
    tempC: finite,
    uptimeS: z.int().min(0),
    hoCnt: z.int().min(0),
    rlfCnt: z.int().min(0),
    reconnects: z.int().min(0).optional(),
    prbLoadPct: pct.optional(),
    pdu: z.enum(['up', 'down']),
  }),
);

/**
 * 5G gateway retained `state` (§2.4.3 identity and attach state): the common fields plus the
 * serving cell, registration and PDU session, published on change (handover → new `pci`).
 */
export const gatewayState = snapshotEnvelope(
  z.strictObject({
    ...baseStateFields,
    rat: z.enum(RATS).optional(),
    band: text(8).optional(),
    cellId: z.int().min(0).optional(),
    pci: z.int().min(0).max(1007).optional(),
    pdu: z.enum(['up', 'down']).optional(),
    radio: z.enum(['attached', 'rlf', 'idle', 'no_service', 'off']).optional(),
    ip: text(45).nullable().optional(),
    fw: text(64).optional(),
  }),
);

/** 5G gateway payloads by device type, then by `class[/sub]` (domain.md §2.4, §3.4). */
export const GATEWAY_PAYLOADS = {
  'gateway-5g': { 'telemetry/link': gatewayLink, state: gatewayState },
} as const;

export type GatewayLink = z.infer<typeof gatewayLink>;
export type GatewayState = z.infer<typeof gatewayState>;
