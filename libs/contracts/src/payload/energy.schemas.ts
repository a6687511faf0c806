import { z } from 'zod';
import { envelope } from './envelope.js';

/**
 * Energy- and environment-family payloads (domain.md §2.6, §3.4): electricity and gas meters,
 * stack CEMS (HJ 212 minute/hour averages) and base-station PV sites. Bounds are instrument
 * ranges, wide enough for fault signatures (an emission exceedance, an over-range analyser).
 */

const within = (min: number, max: number) => z.number().min(min).max(max).nullable();

/** HJ 212 data flags (§2.6.3): N normal, F stopped, M maintenance, S manual, D fault, C calibration, T over range, B comms. */
export const HJ212_FLAGS = ['N', 'F', 'M', 'S', 'D', 'C', 'T', 'B'] as const;

/**
 * O₂ reference of the `*Zs` values: `a{α}` an excess-air coefficient (GB 9078: a1.7 ≈ 8.6 % O₂)
 * or `o{%}` an O₂ percentage (ceramic standards: o18), §2.6.2.
 */
export const o2Reference = z.string().regex(/^(a[1-9](\.\d{1,2})?|o(1?\d|20)(\.\d{1,2})?)$/);

/**
 * Electricity meter `telemetry` (15 s), §3.4 plus the 15-min demand (§2.6.4): kw [kW], kvar [kvar],
 * pf [–] (negative = leading), u [V line-to-line, L1-L2/L2-L3/L3-L1], i [A per phase], kwh [kWh]
 * import totaliser, demandKw [kW] mean of the last complete 15-min interval (null before the first).
 */
export const energyMeterTelemetry = envelope(
  z.strictObject({
    kw: within(-100_000, 100_000),
    kvar: within(-100_000, 100_000),
    pf: within(-1, 1),
    u: z.array(within(0, 40_000)).length(3),
    i: z.array(within(0, 100_000)).length(3),
    kwh: within(0, 1e12),
    demandKw: within(-100_000, 100_000),
  }),
);

/** Gas meter `telemetry` (10 s), §3.4: nm3h [Nm³/h] corrected flow, nm3 [Nm³] totaliser, pKpa [kPa gauge], tC [°C] gas temperature. */
export const gasMeterTelemetry = envelope(
  z.strictObject({
    nm3h: within(0, 100_000),
    nm3: within(0, 1e12),
    pKpa: within(0, 10_000),
    tC: within(-40, 100),
  }),
);

/**
 * CEMS `telemetry` (60 s minute averages, HJ 212 CN=2051) and `telemetry/hour` (hourly averages,
 * CN=2061), §3.4: dust/so2/nox [mg/Nm³ dry] as measured, o2 [%vol dry], tFlue [°C], pFlue [kPa],
 * vel [m/s], flow [Nm³/h dry], hum [%vol], `*Zs` [mg/Nm³] O₂-normalised to `ref` (null when the
 * O₂ is too close to air for normalisation), flag the HJ 212 data flag.
 */
export const cemsTelemetry = envelope(
  z.strictObject({
    dust: within(0, 10_000),
    so2: within(0, 10_000),
    nox: within(0, 10_000),
    o2: within(0, 25),
    tFlue: within(-40, 600),
    pFlue: within(-20, 20),
    vel: within(0, 60),
    flow: within(0, 2_000_000),
    hum: within(0, 100),
    dustZs: within(0, 100_000),
    so2Zs: within(0, 100_000),
    noxZs: within(0, 100_000),
    ref: o2Reference,
    flag: z.enum(HJ212_FLAGS),
  }),
);

/**
 * PV site `telemetry` (60 s), §2.6.6 and §3.4: pvKw [kW] PV output, pvKwhDay [kWh] since local
 * midnight (Asia/Shanghai), loadKw [kW] base-station load, gridKw [kW] drawn from the grid, soc [%]
 * battery, irr [W/m²] plane-of-array irradiance, tMod [°C] module temperature.
 */
export const pvSiteTelemetry = envelope(
  z.strictObject({
    pvKw: within(0, 1_000),
    pvKwhDay: within(0, 10_000),
    loadKw: within(0, 1_000),
    gridKw: within(-1_000, 1_000),
    soc: within(0, 100),
    irr: within(0, 1_600),
    tMod: within(-40, 100),
  }),
);

/** Energy-family payloads by device type, then by `class[/sub]`: energy and gas meters, CEMS stack monitors, PV sites (domain.md §2.6). */
export const ENERGY_PAYLOADS = {
  'energy-meter': { telemetry: energyMeterTelemetry },
  'gas-meter': { telemetry: gasMeterTelemetry },
  cems: { telemetry: cemsTelemetry, 'telemetry/hour': cemsTelemetry },
  'pv-site': { telemetry: pvSiteTelemetry },
} as const;

export type Hj212Flag = (typeof HJ212_FLAGS)[number];
export type EnergyMeterTelemetry = z.infer<typeof energyMeterTelemetry>;
export type GasMeterTelemetry = z.infer<typeof gasMeterTelemetry>;
export type CemsTelemetry = z.infer<typeof cemsTelemetry>;
export type PvSiteTelemetry = z.infer<typeof pvSiteTelemetry>;
