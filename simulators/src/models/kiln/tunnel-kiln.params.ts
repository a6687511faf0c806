import type { Knots } from '../../kit/signal.js';

/**
 * Parameters of the tunnel-kiln model, defaults from domain.md §2.1 (high-alumina grade II,
 * 1,480 °C). Positions are metres from the car entrance; `x` in knot tables is the fraction of
 * the kiln length. Equipment (fans, burners, gas skid) is in `kiln-equipment.params.ts`.
 */
export interface TunnelKilnParams {
  /** Kiln length [m] (§2.1.1: 120). */
  readonly lengthM: number;
  /** Cells of the thermal model, one per car position (§2.1.8: 40). */
  readonly cells: number;
  /** Physics step [ms]: the model advances on this fixed grid whoever asks, so it is deterministic. */
  readonly stepMs: number;
  /** Roof gas-temperature setpoint curve, `[x, °C]` (§2.1.3 knot table). */
  readonly setpointKnots: Knots;
  /** Static pressure anchors, `[x, Pa]` (§2.1.5: −40 entry, 0 at preheat→firing, +15 firing, +25 cooling, ≈0 exit). */
  readonly pressureKnots: Knots;
  /** Roof/side thermocouple positions [m] (§2.1.4: 36, denser in the firing zone). */
  readonly tcPosM: readonly number[];
  /** Under-car thermocouple positions [m] (§2.1.4: 6). */
  readonly tCarPosM: readonly number[];
  /** Static pressure taps [m] (§2.1.4: 10). */
  readonly pPosM: readonly number[];
  /** Under-car pressure taps [m] (§2.1.4: 3). */
  readonly pCarPosM: readonly number[];
  /** IR shell-scan zones [m] (§2.1.9 refractory hot spot). */
  readonly shellPosM: readonly number[];
  /** Firing zone as a fraction of length (§2.1.1 zone split 40/20/40), split into 8 control zones of 5 burners (§2.1.8). */
  readonly firingZone: { readonly startX: number; readonly endX: number; readonly zones: number; readonly burnersPerZone: number };
  /** Share of the total gas each control zone takes at the operating point (sums to 1). */
  readonly zoneGasShare: readonly number[];
  /** Combustion operating point (§2.1.5). */
  readonly combustion: {
    readonly gasNm3h: number;
    readonly burnerCapacityNm3h: number;
    readonly lambda: number;
    readonly stoichAir: number;
    readonly pGasMainKpa: number;
    readonly pGasHdrKpa: number;
    readonly pAirKpa: number;
  };
  /** Zone PID and command limits (§2.1.8 item 1: Kp 2–5 %/°C, Ti 5–15 min; §3.5 commands). */
  readonly control: {
    readonly kpPctPerC: number;
    readonly tiMs: number;
    /** PV filter of the PLC [ms]. */
    readonly pvFilterMs: number;
    /** Default setpoint ramp [°C/min] and the largest a command may ask for. */
    readonly rampPerMin: number;
    readonly maxRampPerMin: number;
    /** A ramp is reached when the zone PV is within this of the new setpoint [°C]. */
    readonly tolC: number;
    readonly spMinC: number;
    readonly spMaxC: number;
    /** Largest change of one zone setpoint per command [°C]. */
    readonly maxStepC: number;
    /** Setpoint reduction in hold mode [°C] (§2.1.9: "hold" = reduced gas). */
    readonly holdDropC: number;
    /** An accepted ramp fails with TIMEOUT when the PV is not within tolerance this long after the ramp ends. */
    readonly reachTimeoutMs: number;
    /** Push interval limits for `set-push-interval` [min] (§2.1.1: 40–180). */
    readonly pushMinMin: number;
    readonly pushMaxMin: number;
  };
  /**
   * Heat balance of a cell (§2.1.8 item 2): a firing cell's gas temperature settles at
   * `ambient + (T_nominal − ambient)·rel^alpha` (rel = zone gas flow / nominal; alpha 0.2 gives
   * +28 °C for +10 % gas), approached with the zone τ but never faster than `maxRateCPerMin`
   * (the lining's heat capacity: §2.1.9 1–5 °C/min with a stuck valve, 200–400 °C/h without fire).
   */
  readonly heat: {
    readonly ambientC: number;
    readonly alpha: number;
    /** Share of a zone's heat deviation its neighbours get (§2.1.8: +5–10 °C vs +25–40 °C). */
    readonly neighbourShare: number;
    readonly maxRateCPerMin: number;
    /** How strongly cooling cells follow a firing-zone deviation (ware carries the heat). */
    readonly coolingCoupling: number;
    /** Ware lag behind the gas [ms] (§2.1.8 item 3: 40–90 min). */
    readonly wareTauMs: number;
    /** Heat-work band below the recipe peak [°C] (§2.1.8 item 3). */
    readonly soakBandC: number;
  };
  /** O₂ operating point [%vol dry] (§2.1.5): preheat end, flue; the firing analyzer follows λ. */
  readonly o2: { readonly preheat: number; readonly flue: number; readonly firingInfiltration: number };
  /** Car pusher (§2.1.7, §2.1.9). */
  readonly pusher: {
    readonly intervalMs: number;
    readonly durationS: number;
    readonly peakMPa: number;
    readonly strokeMm: number;
    readonly reliefMPa: number;
    /** Door opens this long before the stroke and closes this long after it [s]. */
    readonly doorLeadS: number;
    readonly doorLagS: number;
  };
  /** Door-open disturbance of a push (§2.1.7): entry TC dip and entry pressure spike. */
  readonly pushDisturbance: { readonly dipC: number; readonly dipLengthM: number; readonly dipRecoveryMs: number; readonly spikePa: number; readonly spikeLengthM: number; readonly spikeMs: number };
  /** First-order time constants (§2.1.8). */
  readonly tauMs: {
    readonly preheat: number;
    readonly firing: number;
    readonly cooling: number;
    readonly pressure: number;
    readonly underCar: number;
    /** No new cold load after a jam: preheat +20–50 °C over 1–3 h (§2.1.9). */
    readonly jam: number;
    /** Push-interval change acts over 1–3 h (§2.1.8 table). */
    readonly throughput: number;
    readonly shell: number;
    readonly zeroPoint: number;
  };
  /** Noise (§2.1.8 item 7): AR(1) wander σ and ρ per second, white σ. */
  readonly noise: {
    readonly tcWanderC: number;
    readonly tcRho: number;
    readonly tcWhiteC: number;
    readonly pWanderPa: number;
    readonly pRho: number;
    readonly pWhitePa: number;
    readonly o2Pct: number;
    readonly gasPct: number;
  };
}

const MINUTE = 60_000;

/** 36 TCs: 12 every 4 m in preheat, 12 every 2 m in the firing zone, 12 every 4 m in cooling (§2.1.4). */
function defaultTcPositions(): number[] {
  const preheat = Array.from({ length: 12 }, (_, i) => 2 + 4 * i);
  const firing = Array.from({ length: 12 }, (_, i) => 49 + 2 * i);
  const cooling = Array.from({ length: 12 }, (_, i) => 74 + 4 * i);
  return [...preheat, ...firing, ...cooling];
}

/** domain.md §2.1 defaults. */
export const TUNNEL_KILN_DEFAULTS: TunnelKilnParams = {
  lengthM: 120,
  cells: 40,
  stepMs: 5_000,
  setpointKnots: [
    [0, 200], [0.05, 280], [0.1, 380], [0.2, 600], [0.3, 880], [0.36, 1080], [0.4, 1220], [0.43, 1350],
    [0.47, 1480], [0.55, 1480], [0.58, 1350], [0.62, 1050], [0.68, 800], [0.75, 580], [0.85, 320], [1, 80],
  ],
  pressureKnots: [[0, -40], [0.4, 0], [0.47, 15], [0.58, 15], [0.7, 25], [0.85, 25], [1, 0]],
  tcPosM: defaultTcPositions(),
  tCarPosM: [10, 30, 50, 60, 75, 100],
  pPosM: [6, 18, 30, 42, 54, 66, 78, 90, 102, 114],
  pCarPosM: [30, 60, 90],
  shellPosM: [7.5, 22.5, 37.5, 52.5, 67.5, 82.5, 97.5, 112.5],
  firingZone: { startX: 0.4, endX: 0.6, zones: 8, burnersPerZone: 5 },
  zoneGasShare: [0.1, 0.13, 0.145, 0.135, 0.14, 0.135, 0.115, 0.1],
  combustion: { gasNm3h: 170, burnerCapacityNm3h: 8, lambda: 1.15, stoichAir: 9.6, pGasMainKpa: 214, pGasHdrKpa: 12, pAirKpa: 5.9 },
  control: {
    kpPctPerC: 2, tiMs: 10 * MINUTE, pvFilterMs: 30_000, rampPerMin: 2, maxRampPerMin: 10, tolC: 5,
    spMinC: 600, spMaxC: 1750, maxStepC: 100, holdDropC: 30, reachTimeoutMs: 60 * MINUTE, pushMinMin: 40, pushMaxMin: 180,
  },
  heat: { ambientC: 20, alpha: 0.2, neighbourShare: 0.25, maxRateCPerMin: 2.8, coolingCoupling: 0.6, wareTauMs: 60 * MINUTE, soakBandC: 20 },
  o2: { preheat: 13, flue: 12, firingInfiltration: 2 },
  pusher: { intervalMs: 120 * MINUTE, durationS: 60, peakMPa: 10.8, strokeMm: 3000, reliefMPa: 18, doorLeadS: 10, doorLagS: 20 },
  pushDisturbance: { dipC: 20, dipLengthM: 6, dipRecoveryMs: 3 * MINUTE, spikePa: 20, spikeLengthM: 20, spikeMs: 60_000 },
  tauMs: {
    preheat: 20 * MINUTE, firing: 10 * MINUTE, cooling: 25 * MINUTE, pressure: 10_000, underCar: 30 * MINUTE,
    jam: 60 * MINUTE, throughput: 120 * MINUTE, shell: 30 * MINUTE, zeroPoint: 10 * MINUTE,
  },
  noise: { tcWanderC: 2.5, tcRho: 0.98, tcWhiteC: 1, pWanderPa: 1, pRho: 0.9, pWhitePa: 0.3, o2Pct: 0.15, gasPct: 0.5 },
};

/** Flue O₂ of a CH₄ flame at air ratio λ, %vol dry (domain.md §2.1.5 and §7); air only above λ ≈ 50. */
export function o2FromLambda(lambda: number): number {
  if (!Number.isFinite(lambda) || lambda > 50) return 20.9;
  return Math.min(20.9, ((2 * (lambda - 1)) / (9.52 * lambda - 1)) * 100);
}

/** Thermocouple type by its nominal temperature and the recipe peak (§2.1.4), with its full-scale burnout reading [°C] (§2.1.9). */
export function tcFullScaleC(nominalC: number, peakC: number): number {
  if (nominalC <= 1_100) return 1_372; // type K
  return peakC > 1_550 ? 1_820 : 1_768; // type B above ~1,550 °C products, else type S
}

/**
 * The §2.1.3 curve for another product (§2.1.2 peak temperatures): the firing part above 600 °C
 * scales with the peak, preheat entry and cooling exit stay.
 */
export function recipeKnots(peakC: number, base: Knots = TUNNEL_KILN_DEFAULTS.setpointKnots): Knots {
  const basePeak = Math.max(...base.map(([, t]) => t));
  return base.map(([x, t]) => [x, t > 600 ? 600 + ((t - 600) * (peakC - 600)) / (basePeak - 600) : t] as const);
}
