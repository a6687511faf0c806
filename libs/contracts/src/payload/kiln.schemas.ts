import { z } from 'zod';
import { envelope, reading } from './envelope.js';

const finite = z.number();

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

/** Kiln-family payloads by device type, then by `class[/sub]` (domain.md §2.1–2.2, §3.4). */
export const KILN_PAYLOADS = {
  'tunnel-kiln': { 'telemetry/profile': tunnelKilnProfile, 'telemetry/combustion': tunnelKilnCombustion },
} as const;

export type TunnelKilnProfile = z.infer<typeof tunnelKilnProfile>;
export type TunnelKilnCombustion = z.infer<typeof tunnelKilnCombustion>;
