import { z } from 'zod';
import { deviceStateWith } from './common.schemas.js';
import { envelope, reading } from './envelope.js';

/**
 * Kiln-family payloads (domain.md §2.1 tunnel kilns, §2.2 shuttle kilns, §3.4 schemas). Units are
 * fixed here and repeated in each device's `meta.units`. Every type-specific `state` field is
 * optional, so the birth `{online:true}` and the Last-Will `{online:false}` parse too. Events are
 * flat (they also pass the common `deviceEvent`), one strict object per event `type`.
 */
const finite = z.number();
const text = (max: number) => z.string().max(max);
const pct = z.number().min(0).max(100);
const count = z.int().min(0);
const doorState = z.enum(['open', 'closed']);
const zoneNo = z.int().min(1).max(8);

/**
 * Tunnel kiln `telemetry/profile` (5 s), domain.md §3.4: `t` roof/side TCs [°C] in `meta.tcPos`
 * order, `tCar` under-car TCs [°C], `p` static pressures [Pa] in `meta.pPos` order, `pCar` [Pa],
 * `o2` [%vol dry] (end of preheat, firing, flue), `co` [ppm], `zeroPointM` [m], `sp` the 8
 * working firing-zone setpoints [°C]. Optional (§2.1.3, §2.1.9): `tShell` IR shell scan [°C],
 * `dTtb` top-to-bottom ΔT across the setting [°C], `tWareExit` ware leaving the kiln [°C].
 * A TC in burnout reads full scale with `qv: {"t.N": "bad"}` (§2.1.9).
 */
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
    tShell: z.array(reading).max(16).optional(),
    dTtb: reading.optional(),
    tWareExit: reading.optional(),
  }),
);

/** Tunnel kiln `telemetry/combustion` (2 s): gas/air [Nm³/h], pressures [kPa], zoneValve [%], zoneGas [Nm³/h], gasTot [Nm³]. */
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

/** Operating modes of a kiln controller (brief; §2.1.9 "hold" after a jam, cooldown after a trip). */
export const KILN_MODES = ['auto', 'manual', 'hold', 'cooldown', 'maintenance'] as const;
export type KilnMode = (typeof KILN_MODES)[number];
/** What holds the burners off (§2.1.9): gas safety shut-off, combustion air low, exhaust fan, power. */
export const KILN_INTERLOCKS = ['none', 'ssov', 'comb_air', 'exhaust', 'power'] as const;

/** Tunnel kiln retained `state`: mode, and the interlock while one holds the burners off. */
export const tunnelKilnState = deviceStateWith({
  mode: z.enum(KILN_MODES).optional(),
  interlock: z.enum(KILN_INTERLOCKS).optional(),
});

/** Burner modes: firing, purging before a relight, locked out after failed relights, tripped by an interlock, local. */
export const BURNER_MODES = ['auto', 'purge', 'lockout', 'interlock', 'manual'] as const;

/** Burner retained `state` (§3.4, on change): flame proven, flame signal `sig` [%], gas valve, mode, relight attempts so far. */
export const kilnBurnerState = deviceStateWith({
  flame: z.boolean().optional(),
  sig: pct.optional(),
  valve: z.enum(['open', 'closed']).optional(),
  mode: z.enum(BURNER_MODES).optional(),
  relightCnt: count.optional(),
});

/** Why a flame went out (§2.1.9): a burner fault, a kiln interlock, the zone's high-high trip. */
export const FLAME_FAIL_CAUSES = ['fault', 'interlock', 'zone_trip'] as const;

/** Burner `event`: `flame_fail` (§2.1.9 BURNER_FLAME_FAIL) and each `relight` attempt (`ok` = flame proven). */
export const kilnBurnerEvent = envelope(
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('flame_fail'), cause: z.enum(FLAME_FAIL_CAUSES), zone: zoneNo }),
    z.strictObject({ type: z.literal('relight'), ok: z.boolean(), attempt: z.int().min(1).max(99), zone: zoneNo }),
  ]),
);

/** Flame colour classes of the flame-vision camera (§2.1.5). */
export const FLAME_COLOURS = ['blue', 'blue-yellow', 'yellow', 'orange', 'none'] as const;
/** Combustion states of the flame-vision camera (§2.1.5). */
export const FLAME_STATUSES = ['normal', 'unstable', 'rich', 'lean', 'off'] as const;

/**
 * Flame-vision camera `telemetry` (2 s, §3.4): watched burner, colour class, `hueDeg` [°] (null
 * without a flame), `lenM` flame length [m], `brightPct` [%] against the background, `stab`
 * stability index 0–1 (> 0.8 normal, < 0.5 near blow-off), combustion `status`.
 */
export const flameVisionTelemetry = envelope(
  z.strictObject({
    burner: z.string().regex(/^b\d{2}$/),
    colour: z.enum(FLAME_COLOURS),
    hueDeg: z.number().min(0).max(360).nullable(),
    lenM: z.number().min(0).max(5).nullable(),
    brightPct: pct.nullable(),
    stab: z.number().min(0).max(1).nullable(),
    status: z.enum(FLAME_STATUSES),
  }),
);

/**
 * Kiln fan `telemetry` (5 s, §2.1.6, §3.4): running, VFD output `hz` [Hz], shaft `rpm` [min⁻¹],
 * motor current `i` [A], power `kw` [kW], bearing vibration `vib` [mm/s RMS], bearing `tBrg` [°C].
 */
export const kilnFanTelemetry = envelope(
  z.strictObject({
    run: z.boolean(),
    hz: z.number().min(0).max(120).nullable(),
    rpm: z.number().min(0).max(4_000).nullable(),
    i: z.number().min(0).nullable(),
    kw: z.number().min(0).nullable(),
    vib: z.number().min(0).max(100).nullable(),
    tBrg: reading,
  }),
);

/** Pusher modes: automatic pushing, paused by kiln hold, jammed, stopped (no power), local. */
export const PUSHER_MODES = ['auto', 'hold', 'fault', 'stopped', 'manual'] as const;

/** Pusher retained `state` (§3.4, 10 s): mode, minutes to the next push (negative = overdue), door states. */
export const kilnPusherState = deviceStateWith({
  mode: z.enum(PUSHER_MODES).optional(),
  nextPushInMin: z.number().min(-100_000).max(100_000).optional(),
  doorIn: doorState.optional(),
  doorOut: doorState.optional(),
});

/**
 * Pusher `event` (§2.1.7, §2.1.9): `car_pushed` — car number, push duration [s], peak hydraulic
 * pressure [MPa], stroke [mm], time since the previous push [min], and the heat-work of the car
 * leaving (its peak ware temperature [°C] and minutes within 20 °C of the recipe peak, §2.1.8
 * item 3); `push_fail` — pressure at relief [MPa] with no stroke, cause, minutes overdue.
 */
export const kilnPusherEvent = envelope(
  z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('car_pushed'),
      carNo: count,
      durS: z.number().min(0).max(600),
      pMaxMPa: z.number().min(0).max(40),
      strokeMm: z.number().min(0).max(5_000),
      intervalMin: z.number().min(0),
      exitCarNo: count.optional(),
      exitPeakC: reading.optional(),
      exitSoakMin: z.number().min(0).optional(),
    }),
    z.strictObject({
      type: z.literal('push_fail'),
      carNo: count,
      pMaxMPa: z.number().min(0).max(40),
      strokeMm: z.number().min(0).max(5_000),
      cause: z.enum(['jam', 'derail']),
      overdueMin: z.number(),
    }),
  ]),
);

/** Gas skid `telemetry` (2 s, §2.1.4): main [kPa] and burner-header [kPa] pressure, flow [Nm³/h], gas temperature [°C], safety shut-off valve. */
export const gasSkidTelemetry = envelope(
  z.strictObject({
    pGasMain: z.number().min(0).max(1_000).nullable(),
    pGasHdr: z.number().min(0).max(100).nullable(),
    flow: z.number().min(0).max(2_000).nullable(),
    tGas: reading,
    ssov: z.enum(['open', 'closed']),
  }),
);

/** Shuttle-kiln programme segment kinds (§2.2). */
export const SHUTTLE_STEP_KINDS = ['idle', 'ramp', 'soak', 'cool', 'hold', 'done'] as const;

/**
 * Shuttle kiln `telemetry` (5 s, §2.2, §3.4): programme, step number and kind, furnace-gas `sp`
 * [°C], chamber TCs `pv` [°C], uniformity `dT` [°C], ramp `rateSp` [°C/h, negative when cooling],
 * `remainMin` [min], `gas` [Nm³/h], `o2` [%vol dry], chamber pressure `p` [Pa].
 */
export const shuttleKilnTelemetry = envelope(
  z.strictObject({
    prog: text(32),
    step: z.int().min(0).max(64),
    stepName: z.enum(SHUTTLE_STEP_KINDS),
    sp: reading,
    pv: z.array(reading).min(1).max(8),
    dT: reading,
    rateSp: finite,
    remainMin: z.number().min(0),
    gas: reading,
    o2: reading,
    p: reading,
  }),
);

/** Shuttle kiln retained `state`: mode (hold = programme paused, aborted after a power failure), programme, door. */
export const shuttleKilnState = deviceStateWith({
  mode: z.enum(['auto', 'manual', 'hold', 'idle', 'aborted']).optional(),
  prog: text(32).optional(),
  door: doorState.optional(),
});

/** Shuttle kiln `event` (§2.2): programme start/end, step changes, automatic hold extensions and aborts. */
export const shuttleKilnEvent = envelope(
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('program_start'), prog: text(32), totalMin: z.number().min(0) }),
    z.strictObject({ type: z.literal('step_change'), step: z.int().min(0).max(64), stepName: z.enum(SHUTTLE_STEP_KINDS), sp: finite }),
    z.strictObject({ type: z.literal('program_hold'), reason: z.enum(['ramp_deviation', 'operator']), lagC: z.number() }),
    z.strictObject({ type: z.literal('program_end'), prog: text(32), cycleH: z.number().min(0) }),
    z.strictObject({ type: z.literal('program_aborted'), reason: z.enum(['power_fail', 'operator']), step: z.int().min(0).max(64) }),
  ]),
);

/** Kiln-family payloads by device type, then by `class[/sub]` (domain.md §2.1–2.2, §3.4). */
export const KILN_PAYLOADS = {
  'tunnel-kiln': { 'telemetry/profile': tunnelKilnProfile, 'telemetry/combustion': tunnelKilnCombustion, state: tunnelKilnState },
  'kiln-burner': { state: kilnBurnerState, event: kilnBurnerEvent },
  'flame-camera': { telemetry: flameVisionTelemetry },
  'kiln-fan': { telemetry: kilnFanTelemetry },
  'kiln-pusher': { state: kilnPusherState, event: kilnPusherEvent },
  'gas-skid': { telemetry: gasSkidTelemetry },
  'shuttle-kiln': { telemetry: shuttleKilnTelemetry, state: shuttleKilnState, event: shuttleKilnEvent },
} as const;

export type TunnelKilnProfile = z.infer<typeof tunnelKilnProfile>;
export type TunnelKilnCombustion = z.infer<typeof tunnelKilnCombustion>;
export type TunnelKilnState = z.infer<typeof tunnelKilnState>;
export type KilnBurnerState = z.infer<typeof kilnBurnerState>;
export type KilnBurnerEvent = z.infer<typeof kilnBurnerEvent>;
export type FlameVisionTelemetry = z.infer<typeof flameVisionTelemetry>;
export type KilnFanTelemetry = z.infer<typeof kilnFanTelemetry>;
export type KilnPusherState = z.infer<typeof kilnPusherState>;
export type KilnPusherEvent = z.infer<typeof kilnPusherEvent>;
export type GasSkidTelemetry = z.infer<typeof gasSkidTelemetry>;
export type ShuttleKilnTelemetry = z.infer<typeof shuttleKilnTelemetry>;
export type ShuttleKilnState = z.infer<typeof shuttleKilnState>;
export type ShuttleKilnEvent = z.infer<typeof shuttleKilnEvent>;
