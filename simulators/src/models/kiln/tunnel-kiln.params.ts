import type { Knots } from '../../kit/signal.js';

/**
 * Parameters of the tunnel-kiln model, defaults from domain.md §2.1 (high-alumina grade II,
 * 1,480 °C). Positions are metres from the car entrance; `x` in knot tables is the fraction of
 * the kiln length.
 */
export interface TunnelKilnParams {
  /** Kiln length [m] (§2.1.1: 120). */
  readonly lengthM: number;
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
  /** Firing zone as a fraction of length (§2.1.1 zone split 40/20/40), split into 8 control zones (§2.1.8). */
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
    /**
     * Valve response to the zone TC's residual wander [% per °C]. The zone PID loop itself
     * (§2.1.8: Kp 2–5 %/°C, Ti 5–15 min) is not modelled yet, so a gentler gain stands in for it.
     */
    readonly kpPctPerC: number;
  };
  /** O₂ operating point [%vol dry] (§2.1.5): preheat end, flue; the firing analyzer follows λ. */
  readonly o2: { readonly preheat: number; readonly flue: number; readonly firingInfiltration: number };
  /** Car pusher (§2.1.7). */
  readonly pusher: { readonly intervalMs: number; readonly durationS: number; readonly peakMPa: number; readonly strokeMm: number };
  /** Door-open disturbance of a push (§2.1.7): entry TC dip and entry pressure spike. */
  readonly pushDisturbance: { readonly dipC: number; readonly dipLengthM: number; readonly dipRecoveryMs: number; readonly spikePa: number; readonly spikeLengthM: number; readonly spikeMs: number };
  /** First-order time constants (§2.1.8). */
  readonly tauMs: { readonly preheat: number; readonly firing: number; readonly cooling: number; readonly pressure: number; readonly underCar: number };
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
  setpointKnots: [
    [0, 200], [0.05, 280], [0.1, 380], [0.2, 600], [0.3, 880], [0.36, 1080], [0.4, 1220], [0.43, 1350],
    [0.47, 1480], [0.55, 1480], [0.58, 1350], [0.62, 1050], [0.68, 800], [0.75, 580], [0.85, 320], [1, 80],
  ],
  pressureKnots: [[0, -40], [0.4, 0], [0.47, 15], [0.58, 15], [0.7, 25], [0.85, 25], [1, 0]],
  tcPosM: defaultTcPositions(),
  tCarPosM: [10, 30, 50, 60, 75, 100],
  pPosM: [6, 18, 30, 42, 54, 66, 78, 90, 102, 114],
  pCarPosM: [30, 60, 90],
  firingZone: { startX: 0.4, endX: 0.6, zones: 8, burnersPerZone: 5 },
  zoneGasShare: [0.1, 0.13, 0.145, 0.135, 0.14, 0.135, 0.115, 0.1],
  combustion: { gasNm3h: 170, burnerCapacityNm3h: 8, lambda: 1.15, stoichAir: 9.6, pGasMainKpa: 214, pGasHdrKpa: 12, pAirKpa: 5.9, kpPctPerC: 1 },
  o2: { preheat: 13, flue: 12, firingInfiltration: 2 },
  pusher: { intervalMs: 120 * MINUTE, durationS: 60, peakMPa: 10.8, strokeMm: 3000 },
  pushDisturbance: { dipC: 20, dipLengthM: 6, dipRecoveryMs: 3 * MINUTE, spikePa: 20, spikeLengthM: 20, spikeMs: 30_000 },
  tauMs: { preheat: 30 * MINUTE, firing: 10 * MINUTE, cooling: 20 * MINUTE, pressure: 10_000, underCar: 30 * MINUTE },
  noise: { tcWanderC: 2.5, tcRho: 0.98, tcWhiteC: 1, pWanderPa: 1, pRho: 0.9, pWhitePa: 0.3, o2Pct: 0.15, gasPct: 0.5 },
};

/** Flue O₂ of a CH₄ flame at air ratio λ, %vol dry (domain.md §2.1.5 and §7). */
export function o2FromLambda(lambda: number): number {
  return ((2 * (lambda - 1)) / (9.52 * lambda - 1)) * 100;
}
