import { z } from 'zod';
import { envelope } from './envelope.js';

const text = (max: number) => z.string().max(max);
const finite = z.number();
const pct = z.number().min(0).max(100);

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

/** 5G gateway payloads by device type, then by `class[/sub]` (domain.md §2.4, §3.4). */
export const GATEWAY_PAYLOADS = {
  'gateway-5g': { 'telemetry/link': gatewayLink },
} as const;

export type GatewayLink = z.infer<typeof gatewayLink>;
