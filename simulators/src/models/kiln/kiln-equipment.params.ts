import type { Knots } from '../../kit/signal.js';

/**
 * Equipment of a tunnel kiln beyond the thermal model: fans (domain.md §2.1.6), burners and their
 * flame supervision (§2.1.4, §2.1.9), the gas skid (§2.1.4, §2.1.9) and the plant interlocks.
 */

/** The six fan drives of a tunnel kiln, by device name (§2.1.6). */
export const KILN_FAN_IDS = ['exhaust-1', 'comb-air-1', 'rapid-cool-1', 'hot-air-1', 'final-cool-1', 'curtain-1'] as const;
export type KilnFanId = (typeof KILN_FAN_IDS)[number];

/** Fan duty: decides which §2.1.9 trip row applies. */
export type FanDuty = 'exhaust' | 'comb-air' | 'cooling' | 'curtain';

/**
 * A saturating effect of a fan's speed on a kiln signal: at position x the signal moves by
 * `weight(x) · limit · tanh(slope · s / limit)`, s = speed / nominal − 1. Small changes follow
 * the §2.1.8 gains (`slope` per unit speed), a trip (s = −1) tends to ±`limit` (§2.1.9).
 */
export interface FanEffect {
  readonly weight: Knots;
  readonly slope: number;
  readonly limit: number;
}

/** One fan drive (§2.1.6): motor, VFD range, and what its speed does to the kiln. */
export interface FanSpec {
  readonly id: KilnFanId;
  readonly duty: FanDuty;
  readonly nameZh: string;
  readonly ratedKw: number;
  /** Operating frequency at the recipe operating point and the range `set-fan-speed` accepts [Hz]. */
  readonly hzNominal: number;
  readonly hzMin: number;
  readonly hzMax: number;
  /** Shaft speed at 50 Hz [min⁻¹] (4-pole 1,480, 2-pole 2,960). */
  readonly rpmAt50: number;
  /** Coast-down time constant after a trip [ms] (§2.1.9: 10–30 s to stop). */
  readonly coastMs: number;
  /** Bearing vibration at nominal speed [mm/s RMS] (§2.1.6: 1–2.5). */
  readonly vibMmS: number;
  /** Effects on gas temperatures [°C]. */
  readonly temp: readonly FanEffect[];
  /** Effect on static pressures [Pa]. */
  readonly pressure?: FanEffect;
  /** O₂ change [%-points] at the three analyzers when the fan stops (linear in −s). */
  readonly o2: readonly [number, number, number];
  /** CO rise [ppm] when the fan stops (linear in −s). */
  readonly coPpm: number;
}

const PREHEAT: Knots = [[0, 1], [0.38, 1], [0.42, 0]];
const FIRING: Knots = [[0.38, 0], [0.42, 1], [0.58, 1], [0.62, 0]];

/** §2.1.6 fans with the §2.1.8 gains and §2.1.9 trip magnitudes. */
export const KILN_FANS: Readonly<Record<KilnFanId, FanSpec>> = {
  'exhaust-1': {
    id: 'exhaust-1', duty: 'exhaust', nameZh: '排烟风机', ratedKw: 55, hzNominal: 42, hzMin: 25, hzMax: 50, rpmAt50: 1480, coastMs: 8_000, vibMmS: 1.8,
    // +10 % speed: preheat entry +15–30 °C, firing −5–10 °C, entry −10–20 Pa; trip: preheat −20–60 °C, firing +10–30 °C, entry → +10…+30 Pa.
    temp: [{ weight: PREHEAT, slope: 200, limit: 45 }, { weight: FIRING, slope: -75, limit: 20 }],
    pressure: { weight: [[0, 1], [0.4, 0.7], [0.6, 0.4], [1, 0.1]], slope: -150, limit: 60 },
    o2: [-1, -1.5, -1], coPpm: 300,
  },
  'comb-air-1': {
    id: 'comb-air-1', duty: 'comb-air', nameZh: '助燃风机', ratedKw: 18.5, hzNominal: 46, hzMin: 35, hzMax: 50, rpmAt50: 2960, coastMs: 5_000, vibMmS: 1.5,
    temp: [], o2: [0, 0, 0], coPpm: 0, // acts through the air flow and the air-pressure-low switch
  },
  'rapid-cool-1': {
    id: 'rapid-cool-1', duty: 'cooling', nameZh: '急冷风机', ratedKw: 30, hzNominal: 38, hzMin: 25, hzMax: 50, rpmAt50: 1480, coastMs: 8_000, vibMmS: 1.6,
    // +10 %: 900–1,200 °C region −20–40 °C; trip: +50–150 °C, cooling pressure falls, firing may go negative.
    temp: [{ weight: [[0.55, 0], [0.58, 1], [0.68, 1], [0.72, 0]], slope: -300, limit: 100 }],
    pressure: { weight: [[0.4, 0], [0.5, 0.6], [0.62, 1], [0.85, 0.8], [1, 0.2]], slope: 40, limit: 30 },
    o2: [0, 0, 0], coPpm: 0,
  },
  'hot-air-1': {
    id: 'hot-air-1', duty: 'cooling', nameZh: '抽热风机', ratedKw: 45, hzNominal: 38, hzMin: 25, hzMax: 50, rpmAt50: 1480, coastMs: 10_000, vibMmS: 1.9,
    // Extraction: a trip leaves the heat in the cooling zone and its pressure rises a little.
    temp: [{ weight: [[0.65, 0], [0.7, 1], [0.85, 1], [0.9, 0]], slope: -200, limit: 60 }],
    pressure: { weight: [[0.6, 0], [0.75, 1], [1, 0.3]], slope: -15, limit: 12 },
    o2: [0, 0, 0], coPpm: 0,
  },
  'final-cool-1': {
    id: 'final-cool-1', duty: 'cooling', nameZh: '尾冷风机', ratedKw: 37, hzNominal: 42, hzMin: 30, hzMax: 50, rpmAt50: 1480, coastMs: 8_000, vibMmS: 1.7,
    // Trip: exit ware > 150 °C, cooling TCs +50–150 °C over 30–60 min.
    temp: [{ weight: [[0.78, 0], [0.85, 1], [1, 1]], slope: -300, limit: 110 }],
    pressure: { weight: [[0.6, 0], [0.8, 0.7], [1, 1]], slope: 40, limit: 30 },
    o2: [0, 0, 0], coPpm: 0,
  },
  'curtain-1': {
    id: 'curtain-1', duty: 'curtain', nameZh: '气幕风机', ratedKw: 5.5, hzNominal: 50, hzMin: 50, hzMax: 50, rpmAt50: 2960, coastMs: 4_000, vibMmS: 1.2,
    // Entrance sealing: a trip lets cold air in at the entrance.
    temp: [{ weight: [[0, 1], [0.06, 1], [0.1, 0]], slope: 50, limit: 10 }],
    pressure: { weight: [[0, 1], [0.1, 0.3], [0.2, 0]], slope: 10, limit: 8 },
    o2: [1, 0, 0.3], coPpm: 0,
  },
};

/** Burners and flame supervision (§2.1.4, §2.1.9, §3.5). */
export const BURNER_DEFAULTS = {
  /** Auto-relight attempts after a flame failure, each after a purge (§2.1.9: 1–3 attempts, 10–30 s purge). */
  relightAttempts: 3,
  purgeMinMs: 10_000,
  purgeMaxMs: 30_000,
  /** Chance one relight proves a flame when the cause is gone (§2.1.9: 70–90 %). */
  relightSuccess: 0.8,
  /** Flame signal at the operating point [%] (§2.1.4: intensity 0–100 %). */
  sigNominal: 72,
  /** A new flame-signal value is reported when it moved this much (report by exception, §2.7). */
  sigDeadband: 10,
  /** Local permissive before a remote relight: operator confirmation delay (§3.5: 5–60 s). */
  permissiveMinMs: 5_000,
  permissiveMaxMs: 60_000,
} as const;

/** Gas skid (§2.1.4 main 100–400 kPa, header 3–20 kPa; §2.1.9 gas pressure low). */
export const GAS_SKID_DEFAULTS = {
  /** The low-pressure switch trips the SSOV below this share of the nominal header pressure (§2.1.9: 50–60 %), drawn per kiln. */
  tripFracMin: 0.5,
  tripFracMax: 0.6,
  /** Share of a main-pressure loss that reaches the header through the regulator, drawn per kiln (§4.5: some kilns ride through). */
  regulatorGainMin: 0.6,
  regulatorGainMax: 1.2,
  /** Pressure falls or recovers with this time constant (§2.1.9: seconds–minutes). */
  pressureTauMs: 20_000,
  /** The SSOV may be reset once the header is back above this share, after a leak check. */
  resetFrac: 0.9,
  leakCheckMs: 120_000,
  tGasC: 15,
} as const;

/** Plant interlocks and restart sequences (§2.1.9). */
export const INTERLOCK_DEFAULTS = {
  /** Exhaust fan stopped: burners to low fire after 10–30 s, gas shut-off if not restored in 60–120 s. */
  exhaustLowFireMs: 20_000,
  exhaustShutoffMs: 90_000,
  lowFirePct: 30,
  /** Air-pressure-low switch: opens below this share of the nominal combustion-air pressure. */
  combAirLowFrac: 0.6,
  /** Purge before relighting after a trip, then one burner every `relightStaggerMs` (§2.1.9: 5–15 min). */
  purgeMs: 5 * 60_000,
  relightStaggerMs: 10_000,
  /** Zone high-high trip above SP + this [°C]; the zone relights below SP + `overTempResetC` (§2.1.9). */
  overTempTripC: 50,
  overTempResetC: 20,
  /** Fan restart after a reset (§2.1.9: 2–10 min). */
  fanRestartMinMs: 2 * 60_000,
  fanRestartMaxMs: 10 * 60_000,
  /** After power returns, fans restart one by one (§2.1.9 staged restart). */
  powerRestartStaggerMs: 30_000,
} as const;
