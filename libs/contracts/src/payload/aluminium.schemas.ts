import { z } from 'zod';
import { deviceStateWith } from './common.schemas.js';
import { envelope, epochMs } from './envelope.js';

/**
 * Aluminium-family payloads (domain.md §2.3, §3.4): Xingxian holding furnaces, hot-metal
 * crucibles, inline degassers, filter boxes, DC casters and rod lines. Bounds are sensor/physical
 * ranges wide enough for the §2.3.8 fault signatures (an over-temperature bath, a hot regenerator),
 * not the normal operating ranges; `null` marks a missing or bad reading.
 */

/** A measured value within [min, max], or null. */
const within = (min: number, max: number) => z.number().min(min).max(max).nullable();

/** Holding-furnace modes (§2.3.3): filled by crucibles, tilted to cast or to tap. */
export const FURNACE_MODES = ['charging', 'holding', 'casting', 'tapping'] as const;
/** Crucible transit states (§2.3.2), smelter → plant → smelter. */
export const CRUCIBLE_STATES = ['at_smelter', 'filling', 'loaded', 'in_transit', 'arrived', 'pouring', 'returning', 'breakdown'] as const;
/** DC caster phases (§2.3.5): between drops, start-up ramp, steady cast, stopped after an abort. */
export const CASTER_PHASES = ['prep', 'start', 'cast', 'stopped'] as const;
/** Rod-line run states (§2.3.6–2.3.7): slowed on a hot-metal shortage, starved, stopped on a break. */
export const ROD_LINE_STATES = ['run', 'slow', 'starved', 'stopped'] as const;

/**
 * Holding furnace `telemetry` (2 s, 0.5 s while pouring; §2.7), §3.4 plus launder flow, bath
 * setpoint and shell TCs: tBath/tRoof/tRegenOut/tShell [°C], levelMm [mm], massT [t], tiltDeg [°],
 * gas [Nm³/h], pFurn [Pa], flowTph [t/h] out of the furnace (launder or tapping), spBath [°C].
 */
export const holdingFurnaceTelemetry = envelope(
  z.strictObject({
    tBath: within(0, 1_200),
    tRoof: within(0, 1_400),
    levelMm: within(0, 1_500),
    massT: within(0, 100),
    tiltDeg: within(-5, 30),
    gas: within(0, 1_000),
    regenSide: z.enum(['A', 'B']),
    tRegenOut: z.array(within(0, 900)).length(2),
    pFurn: within(-200, 200),
    mode: z.enum(FURNACE_MODES),
    flowTph: within(0, 100),
    spBath: z.number().min(600).max(900),
    tShell: z.array(within(0, 800)).min(1).max(8),
  }),
);

/** Holding furnace retained `state`: mode, bath setpoint [°C], casting interlock (§2.3.8 MELT_TEMP_HIGH). */
export const holdingFurnaceState = deviceStateWith({ mode: z.enum(FURNACE_MODES).optional(), spBath: z.number().optional(), castBlocked: z.boolean().optional() });

/**
 * Crucible `telemetry` (10 s), §3.4 plus lid and destination: tMetal [°C] (null when empty),
 * massT [t] net metal, pos [lat, lon] (WGS-84 degrees), etaMin [min] to the destination furnace
 * (null when not bound for one), purityPct [% Al] (≥ 99.85 by seed X6; null when empty).
 */
export const crucibleTelemetry = envelope(
  z.strictObject({
    tMetal: within(500, 1_100),
    massT: within(0, 20),
    pos: z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]),
    state: z.enum(CRUCIBLE_STATES),
    etaMin: within(0, 1_440),
    purityPct: within(99, 100),
    lid: z.enum(['open', 'closed']),
    dest: z.string().max(200).nullable(),
  }),
);

/** Crucible retained `state`: the transit state (§2.3.2). */
export const crucibleState = deviceStateWith({ mode: z.enum(CRUCIBLE_STATES).optional() });

/**
 * Inline degasser `telemetry` (5 s), §3.4: rpm [min⁻¹] and ar [NL/min] per rotor, tIn/tOut [°C],
 * h2 [mL/100 g] of the last analyser sample (every 10 min; RPT/HYSCAN range 0–0.99), h2Ts its time.
 */
export const degasserTelemetry = envelope(
  z.strictObject({
    rpm: z.array(within(0, 1_000)).min(1).max(4),
    ar: z.array(within(0, 60)).min(1).max(4),
    tIn: within(0, 1_000),
    tOut: within(0, 1_000),
    h2: within(0, 0.99),
    h2Ts: epochMs.nullable(),
  }),
);

/**
 * Filter box `telemetry` (5 s), §3.4 plus the upstream launder level: dpMm head loss [mm],
 * tIn/tOut [°C], ppi per stage (ceramic foam grade), metalT [t] through the current filter,
 * lvlUpMm [mm] metal level in the launder upstream of the filter.
 */
export const filterBoxTelemetry = envelope(
  z.strictObject({
    dpMm: within(0, 400),
    tIn: within(0, 1_000),
    tOut: within(0, 1_000),
    ppi: z.array(z.int().min(10).max(80)).min(1).max(2),
    metalT: within(0, 10_000),
    lvlUpMm: within(0, 500),
  }),
);

/**
 * DC caster `telemetry` (1 s during a cast, 30 s between drops; §2.7), §3.4 plus phase and table
 * load: speed [mm/min], posMm [mm] table position, tLaunder [°C], water [L/min per mould],
 * tWaterIn/tWaterOut [°C], level [mm metal head per mould], gr [kg/t grain refiner], loadKn [kN].
 */
export const dcCasterTelemetry = envelope(
  z.strictObject({
    castId: z.string().max(40).nullable(),
    phase: z.enum(CASTER_PHASES),
    speed: within(0, 200),
    posMm: within(0, 8_000),
    tLaunder: within(0, 1_000),
    water: z.array(within(0, 400)).min(1).max(40),
    tWaterIn: within(0, 60),
    tWaterOut: z.array(within(0, 100)).min(1).max(40),
    level: z.array(within(0, 200)).min(1).max(40),
    gr: within(0, 5),
    loadKn: within(0, 5_000),
  }),
);

/** DC caster retained `state`: phase, current cast id, cast-speed setpoint [mm/min]. */
export const dcCasterState = deviceStateWith({ mode: z.enum(CASTER_PHASES).optional(), castId: z.string().max(40).nullable().optional(), speedSp: z.number().optional() });

/**
 * Rod line `telemetry` (1 s), §3.4 plus coil and mill current: wheelRpm [min⁻¹], barSpeed [m/min],
 * temperatures [°C], millKw [kW], millA [A], rodSpeed [m/s], rodDiaMm [mm], tph [t/h],
 * emulsionT [°C], coilT [t] on the coiler.
 */
export const rodLineTelemetry = envelope(
  z.strictObject({
    wheelRpm: within(0, 10),
    barSpeed: within(0, 30),
    tPour: within(0, 1_000),
    tBarOut: within(0, 1_000),
    tMillIn: within(0, 1_000),
    tRod: within(0, 1_000),
    millKw: within(0, 1_500),
    millA: within(0, 3_000),
    rodSpeed: within(0, 20),
    rodDiaMm: z.number().min(5).max(25),
    tph: within(0, 10),
    emulsionT: within(0, 100),
    coilT: within(0, 5),
  }),
);

/** Rod line retained `state`: run state. */
export const rodLineState = deviceStateWith({ mode: z.enum(ROD_LINE_STATES).optional() });

/** Aluminium-family payloads by device type, then by `class[/sub]`: holding/melting furnaces, crucibles, degassers, filter boxes, DC casters, rod lines (domain.md §2.3). Events use the common `deviceEvent`. */
export const ALUMINIUM_PAYLOADS = {
  'holding-furnace': { telemetry: holdingFurnaceTelemetry, state: holdingFurnaceState },
  crucible: { telemetry: crucibleTelemetry, state: crucibleState },
  degasser: { telemetry: degasserTelemetry },
  'filter-box': { telemetry: filterBoxTelemetry },
  'dc-caster': { telemetry: dcCasterTelemetry, state: dcCasterState },
  'rod-line': { telemetry: rodLineTelemetry, state: rodLineState },
} as const;

export type FurnaceMode = (typeof FURNACE_MODES)[number];
export type CrucibleStateName = (typeof CRUCIBLE_STATES)[number];
export type CasterPhase = (typeof CASTER_PHASES)[number];
export type RodLineRunState = (typeof ROD_LINE_STATES)[number];
export type HoldingFurnaceTelemetry = z.infer<typeof holdingFurnaceTelemetry>;
export type CrucibleTelemetry = z.infer<typeof crucibleTelemetry>;
export type DegasserTelemetry = z.infer<typeof degasserTelemetry>;
export type FilterBoxTelemetry = z.infer<typeof filterBoxTelemetry>;
export type DcCasterTelemetry = z.infer<typeof dcCasterTelemetry>;
export type RodLineTelemetry = z.infer<typeof rodLineTelemetry>;
