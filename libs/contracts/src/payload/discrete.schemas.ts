import { z } from 'zod';
import { deviceStateWith } from './common.schemas.js';
import { envelope, epochMs, reading } from './envelope.js';

/**
 * Discrete-line payloads (domain.md §2.5, §3.4): machining, foundry, assembly, press-fit, test
 * benches, AGVs, utilities, environment sensors, light plant equipment, the maglev spinning
 * frame and the glass day tank. Events (`part_done`, `mould_done`, `tool_change` …) use the
 * common flat `deviceEvent`; only the press-fit curve, too big for an event, has its own
 * `event/curve` schema. Units are fixed here and repeated in each device's `meta.units`.
 */
const text = (max: number) => z.string().max(max);
const count = z.int().min(0);
const pct = z.number().min(0).max(100).nullable();
const series = (min: number, max: number) => z.array(reading).min(min).max(max);

/** §2.5.1 machine states, folded to four: the stop reason says which IDLE it is. */
export const MACHINE_STATUSES = ['RUNNING', 'IDLE', 'DOWN', 'SETUP'] as const;
export type MachineStatus = (typeof MACHINE_STATUSES)[number];
/** Why a machine is not RUNNING: §2.5.1 IDLE_STARVED / IDLE_BLOCKED / SETUP / DOWN_FAULT / PLANNED_STOP. */
export const STOP_REASONS = ['starved', 'blocked', 'changeover', 'fault', 'planned'] as const;
export type StopReason = (typeof STOP_REASONS)[number];

/**
 * Retained `state` of every discrete machine (§2.5.1, §3.4): status and monotonic counters so the
 * backend computes OEE for any window (`idealS` = ideal cycle time for Performance). Every extra
 * field is optional, so the birth `{online:true}` and Last-Will states parse too; when counters
 * are present, good + scrap = total (rework is the part of scrap sent back for rework).
 */
export const machineState = deviceStateWith({
  st: z.enum(MACHINE_STATUSES).optional(),
  why: z.enum(STOP_REASONS).nullable().optional(),
  code: text(32).nullable().optional(),
  total: count.optional(),
  good: count.optional(),
  scrap: count.optional(),
  rework: count.optional(),
  micro: count.optional(),
  since: epochMs.optional(),
  durS: count.optional(),
  idealS: z.number().positive().optional(),
}).refine((s) => s.v.total === undefined || (s.v.good ?? 0) + (s.v.scrap ?? 0) === s.v.total, { message: 'good + scrap must equal total', path: ['v', 'total'] });

/** CNC `telemetry` (5 s): load [% rated], i [A], rpm [min⁻¹], feed [mm/rev], vib [mm/s], tSpindle [°C]. */
export const cncTelemetry = envelope(
  z.strictObject({
    prog: text(32), load: reading, loadMax: reading, i: reading, rpm: reading, feed: reading,
    vib: reading, tSpindle: reading, toolId: text(8), toolLifePct: pct,
  }),
);

/** ISO 10816-3 zone letter (§2.5.6). */
export const VIB_ZONES = ['A', 'B', 'C', 'D'] as const;
/**
 * Spindle/motor `telemetry/vibration` (10 s, §2.7): velocity RMS 10–1,000 Hz [mm/s], acceleration
 * peak [g], crest factor, velocity bands [1×, 2×, bearing-defect band] [mm/s], HF envelope [g].
 */
export const vibrationTelemetry = envelope(
  z.strictObject({ rms: reading, peak: reading, crest: reading, bands: series(3, 3), hf: reading, zone: z.enum(VIB_ZONES).nullable() }),
);

/** Foundry units by `kind` (§2.5.2): moulding line, MF induction furnace, pouring unit, sand plant. */
export const FOUNDRY_KINDS = ['moulding', 'furnace', 'pouring', 'sand'] as const;
export const FURNACE_PHASES = ['charging', 'melting', 'holding', 'tapping', 'idle'] as const;
export const foundryTelemetry = envelope(
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('moulding'), run: z.boolean(), moulds: count, rateH: reading, squeezeMpa: reading, compactPct: reading, sandT: reading }),
    z.strictObject({ kind: z.literal('furnace'), phase: z.enum(FURNACE_PHASES), tMelt: reading, kw: reading, massT: reading, hz: reading, tWater: reading, heats: count }),
    z.strictObject({ kind: z.literal('pouring'), run: z.boolean(), tPour: reading, ladleKg: reading, pourKg: reading, pours: count }),
    z.strictObject({ kind: z.literal('sand'), run: z.boolean(), moistPct: reading, compactPct: reading, perm: reading, tSand: reading, tph: reading }),
  ]),
);

/** Robot `telemetry` (5 s): cycleS [s], i [A], tMotor [°C] hottest joint, speedPct [%], payloadKg. */
export const robotTelemetry = envelope(
  z.strictObject({ prog: text(32), cycleS: reading, cycles: count, i: reading, tMotor: reading, speedPct: pct, payloadKg: reading, grip: z.boolean().nullable(), err: text(32).nullable() }),
);

/** Assembly-line station roles (§2.5.3, §4.2): what the station does to each part. */
export const STATION_ROLES = ['assembly', 'washing', 'inspection', 'gauge', 'marking', 'run-in'] as const;
export type StationRole = (typeof STATION_ROLES)[number];
/** Station `telemetry` (5 s) by role; µm values are deviations from nominal, ± 10 µm tolerance (§2.5.3). */
export const stationTelemetry = envelope(
  z.discriminatedUnion('role', [
    z.strictObject({ role: z.literal('assembly'), cycleS: reading, torqueNm: reading, angleDeg: reading, doseG: reading }),
    z.strictObject({ role: z.literal('washing'), cycleS: reading, tWash: reading, pBar: reading, condUs: reading, flowLmin: reading }),
    z.strictObject({ role: z.literal('inspection'), cycleS: reading, score: reading, okPct: pct }),
    z.strictObject({ role: z.literal('gauge'), cycleS: reading, heightUm: reading, runoutUm: reading, concUm: reading, meanUm: reading }),
    z.strictObject({ role: z.literal('marking'), cycleS: reading, laserPct: pct, readOkPct: pct }),
    z.strictObject({ role: z.literal('run-in'), cycleS: reading, rpm: reading, vib: reading, tBrg: reading }),
  ]),
);

/** Press-fit `telemetry` (5 s): strokes counter, last peak force [kN], servo motor [°C] and [A]. */
export const pressFitTelemetry = envelope(z.strictObject({ strokes: count, fLast: reading, tMotor: reading, i: reading }));

/**
 * Press-fit `event/curve` (per part, §2.5.3, §3.4): force [kN] sampled every `ds` mm from `s0` mm,
 * 200–500 points (3–5 kB); the verdict and window result repeat the part's `event`.
 */
export const pressFitCurve = envelope(
  z.strictObject({
    serial: text(32), verdict: z.enum(['OK', 'NOK']), win: text(16),
    s0: z.number(), ds: z.number().positive().max(1), f: z.array(z.number().min(-1).max(100)).min(200).max(500),
  }),
);

/** Yuci test-bench steps after GB/T 15622 (§2.5.4), plus the idle/load phases between tests. */
export const TEST_STEPS = ['idle', 'load', 'trial', 'start-p', 'proof', 'int-leak', 'ext-leak', 'low-p', 'cushion', 'stroke'] as const;
/** Test bench `telemetry` (1 s): pressures [MPa], posMm, vMms [mm/s], flowLmin, tOil [°C], leakMlMin. */
export const testBenchTelemetry = envelope(
  z.strictObject({ step: z.enum(TEST_STEPS), testId: text(32).nullable(), pA: reading, pB: reading, posMm: reading, vMms: reading, flowLmin: reading, tOil: reading, leakMlMin: reading }),
);
/** Test bench `telemetry/batch` (1 s during tests): 10–100 Hz samples from `t0`. */
export const testBenchBatch = envelope(
  z.strictObject({ testId: text(32), step: z.enum(TEST_STEPS), hz: z.int().min(10).max(100), t0: epochMs, pA: series(1, 100), pB: series(1, 100), pos: series(1, 100) }),
);

/** AGV task states (§2.5.2). */
export const AGV_STATES = ['idle', 'to_pick', 'loading', 'to_drop', 'unloading', 'charging', 'fault'] as const;
/** AGV `telemetry` (1 s): x, y [m], hdg [deg], v [m/s], soc [%]. Position null when localisation is lost. */
export const agvTelemetry = envelope(
  z.strictObject({ x: reading, y: reading, hdg: reading, v: reading, soc: pct, task: text(32).nullable(), st: z.enum(AGV_STATES), load: z.boolean() }),
);
/** AGV retained `state` (on change): task state, task id, fault cause. */
export const agvState = deviceStateWith({ st: z.enum(AGV_STATES).optional(), task: text(32).nullable().optional(), fault: text(32).nullable().optional() });

/** Utilities (§4.2) `telemetry` (10 s) by kind: kw, pBar, flowM3min, °C, COP, vib [mm/s], cp [%C]. */
export const utilityTelemetry = envelope(
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('compressor'), run: z.boolean(), kw: reading, pBar: reading, flowM3min: reading, tDis: reading, vib: reading }),
    z.strictObject({ kind: z.literal('chiller'), run: z.boolean(), kw: reading, tSup: reading, tRet: reading, flowM3h: reading, cop: reading, vib: reading }),
    z.strictObject({ kind: z.literal('heat-treat'), run: z.boolean(), kw: reading, tZone: series(1, 8), sp: reading, cp: reading, vib: reading }),
  ]),
);

/** Safety & environment sensors (§4.2) `telemetry` (30 s): mg/m³, dB(A), ppm or %LEL or %vol, °C, %RH. */
export const GAS_KINDS = ['CO', 'H2S', 'CH4', 'O2'] as const;
export const envSensorTelemetry = envelope(
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('dust'), pm10: reading, pm25: reading }),
    z.strictObject({ kind: z.literal('noise'), laeq: reading, lmax: reading }),
    z.strictObject({ kind: z.literal('gas'), gas: z.enum(GAS_KINDS), val: reading }),
    z.strictObject({ kind: z.literal('temp'), tC: reading, rh: reading }),
  ]),
);

/** Light plant equipment (§4.1 Yangquan "other equipment", §4.2 conveyors & misc.). */
export const EQUIPMENT_KINDS = ['press', 'mixer', 'crusher', 'dryer', 'dust-collector', 'conveyor', 'compressor', 'other'] as const;
/** Equipment `telemetry` (30 s or 10 s): state + power [kW], energy [kWh], run hours; dpPa, tC, tph by kind. */
export const equipmentTelemetry = envelope(
  z.strictObject({
    kind: z.enum(EQUIPMENT_KINDS), st: z.enum(MACHINE_STATUSES), kw: reading, kwh: reading, hrs: reading,
    dpPa: reading.optional(), tC: reading.optional(), tph: reading.optional(),
  }),
);

/** Maglev spinning frame `telemetry` (1 s, §2.5.3): rpm [min⁻¹], devMaxPct [%], kw, wPerSp [W]. */
export const spinningFrameTelemetry = envelope(
  z.strictObject({
    rpmSp: reading, rpmAvg: reading, rpmMin: reading, rpmMax: reading, devMaxPct: reading,
    outTol: count, running: count, down: count, kw: reading, wPerSp: reading,
  }),
);

/** Glass day tank `telemetry` (5 s, §2.5.5): °C, fuel [Nm³/h], o2 [%], pullTd [t/d], lehr zones [°C]. */
export const glassTankTelemetry = envelope(
  z.strictObject({ mode: z.enum(['melt', 'work']), tCrown: reading, tGlass: reading, tWork: reading, fuel: reading, o2: reading, pullTd: reading, lehr: series(1, 8) }),
);

/** Discrete-family payloads by device type, then by `class[/sub]`: CNC/foundry/assembly/press-fit stations, test benches, AGVs (domain.md §2.5). */
export const DISCRETE_PAYLOADS = {
  cnc: { telemetry: cncTelemetry, 'telemetry/vibration': vibrationTelemetry, state: machineState },
  'foundry-unit': { telemetry: foundryTelemetry },
  robot: { telemetry: robotTelemetry, state: machineState },
  'assembly-station': { telemetry: stationTelemetry, state: machineState },
  'press-fit': { telemetry: pressFitTelemetry, 'event/curve': pressFitCurve, state: machineState },
  'test-bench': { telemetry: testBenchTelemetry, 'telemetry/batch': testBenchBatch, state: machineState },
  agv: { telemetry: agvTelemetry, state: agvState },
  utility: { telemetry: utilityTelemetry },
  'env-sensor': { telemetry: envSensorTelemetry },
  equipment: { telemetry: equipmentTelemetry },
  'spinning-frame': { telemetry: spinningFrameTelemetry },
  'glass-tank': { telemetry: glassTankTelemetry },
} as const;

export type MachineState = z.infer<typeof machineState>;
export type CncTelemetry = z.infer<typeof cncTelemetry>;
export type VibrationTelemetry = z.infer<typeof vibrationTelemetry>;
export type FoundryTelemetry = z.infer<typeof foundryTelemetry>;
export type RobotTelemetry = z.infer<typeof robotTelemetry>;
export type StationTelemetry = z.infer<typeof stationTelemetry>;
export type PressFitTelemetry = z.infer<typeof pressFitTelemetry>;
export type PressFitCurve = z.infer<typeof pressFitCurve>;
export type TestBenchTelemetry = z.infer<typeof testBenchTelemetry>;
export type TestBenchBatch = z.infer<typeof testBenchBatch>;
export type AgvTelemetry = z.infer<typeof agvTelemetry>;
export type AgvState = z.infer<typeof agvState>;
export type UtilityTelemetry = z.infer<typeof utilityTelemetry>;
export type EnvSensorTelemetry = z.infer<typeof envSensorTelemetry>;
export type EquipmentTelemetry = z.infer<typeof equipmentTelemetry>;
export type SpinningFrameTelemetry = z.infer<typeof spinningFrameTelemetry>;
export type GlassTankTelemetry = z.infer<typeof glassTankTelemetry>;
