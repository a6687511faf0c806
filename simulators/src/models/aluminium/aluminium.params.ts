/**
 * Parameters of the Xingxian casthouse models, defaults from domain.md §2.3 ([S] seed facts,
 * [P] public sources, [E] engineering estimates: all overridable).
 */

/** Regenerative tilting holding furnace (§2.3.3). */
export interface FurnaceParams {
  /** Metal capacity [t] (20–60, default 40). */
  readonly capacityT: number;
  /** Metal that always stays in the furnace [t]: casting stops here. */
  readonly heelT: number;
  /** Bath area [m²] and liquid density [t/m³]: level ↔ mass, 32 m² · 2.37 t/m³ → 13 mm per tonne. */
  readonly bathAreaM2: number;
  readonly densityTPerM3: number;
  /** Level of an empty hearth at the radar datum [mm]. */
  readonly levelOffsetMm: number;
  /** Bath setpoint [°C] and its command range (720–760). */
  readonly spBathC: number;
  readonly spRangeC: readonly [number, number];
  /** Casting is blocked above this bath temperature [°C] (§2.3.8 MELT_TEMP_HIGH: until < 760). */
  readonly castMaxC: number;
  /**
   * Burner power [kW] (1–4 MW regenerative pair; 1.5 MW as in the §2.3.3 worked example: 40 t,
   * η 0.5 → +45 °C/h net of losses), thermal efficiency η, losses [kW/K above 25 °C: −12 °C/h at 40 t].
   */
  readonly burnerKw: number;
  readonly efficiency: number;
  readonly lossKwPerK: number;
  /** Liquid heat capacity [kJ/kg·K] and heat a kg of solid charge absorbs up to bath T [kJ/kg] (§2.3.2). */
  readonly cLiquid: number;
  readonly solidAbsorbKjPerKg: number;
  /** Natural gas LHV [MJ/Nm³] (§2.6.1: 35.6). */
  readonly gasLhvMj: number;
  /** Regenerator switch-over period [s] (30–90) and normal outlet range [°C] (150–250). */
  readonly regenSwitchS: number;
  readonly regenOutC: readonly [number, number];
  /** Tilt range [°] (0–25), hydraulic rate [°/s], lip angle where metal starts to flow [°]. */
  readonly tiltRangeDeg: readonly [number, number];
  readonly tiltRateDegPerS: number;
  readonly lipDeg: number;
  /** Crucible pour rate into the furnace [t/h] and tapping flow at full tilt [t/h]. */
  readonly chargeRateTph: number;
  readonly tappingMaxTph: number;
  /** Furnace pressure [Pa] (+5…+20). */
  readonly pFurnPa: number;
  /** Electric load: combustion-air fans, hydraulics [kW] [E]. */
  readonly auxKw: number;
  /** Shell/bottom thermocouples and their normal reading [°C]. */
  readonly shellTcs: number;
  readonly tShellC: number;
}

/** Hot-metal crucible and its truck (§2.3.2). */
export interface CrucibleParams {
  readonly capacityT: number;
  /** Potline tapping temperature [°C] (900–960) and its spread. */
  readonly tPotlineC: number;
  readonly tPotlineSdC: number;
  /** Drop on each pour [°C] (10–20) and transit loss [°C/h] (7–15). */
  readonly pourDropC: number;
  readonly lossCPerH: number;
  /** Tapping at the potline [min], road distance [km] and truck speed [km/h] on park roads (X10). */
  readonly fillMin: number;
  readonly routeKm: number;
  readonly speedKmh: number;
  /** Pour into the furnace [min] (follows the furnace's charge rate) and return trip [min]. */
  readonly returnMin: number;
  /** Al purity range [%] (seed X6: ≥ 99.85). */
  readonly purityPct: readonly [number, number];
  /** Smelter tapping station [lat, lon] ([E] illustrative, near Watang, Xingxian). */
  readonly smelterPos: readonly [number, number];
}

/** Internally guided hydraulic DC caster, 7xxx billets (§2.3.5). */
export interface DcCasterParams {
  readonly moulds: number;
  readonly billetDiaMm: number;
  /** Cast speed setpoint and command range [mm/min] (7xxx 30–80, default 55). */
  readonly speedSp: number;
  readonly speedRange: readonly [number, number];
  /** Drop length [mm] (4–7 m, 6 m at 55 mm/min ≈ 1.8 h: seed X2 "two hours"). */
  readonly dropLengthMm: number;
  /** Start-up ramp length [mm] (100–300). */
  readonly rampMm: number;
  /** Between drops: strip billets, reset table, dress moulds [min] [E]. */
  readonly prepMin: number;
  /** Metal head in the mould [mm] (hot-top 50–100, default 70). */
  readonly levelMm: number;
  /** Cooling water per mould [L/min] and inlet [°C]; share of the heat seen at the mould outlet. */
  readonly waterLpm: number;
  readonly waterInC: number;
  readonly waterHeatShare: number;
  /** Emergency stop below this share of the water setpoint [%] (§2.3.8: 70). */
  readonly waterTripPct: number;
  /** Grain refiner [kg/t], solid density [t/m³], launder loss furnace → caster [°C]. */
  readonly grKgPerT: number;
  readonly solidDensity: number;
  readonly launderDropC: number;
}

/** Continuous casting and rolling rod line (§2.3.6). */
export interface RodLineParams {
  /** Output [t/h] (2.7–4.2, default 4.2: 3 lines × 24 h ≈ 300 t/day, seed X9). */
  readonly tph: number;
  readonly barAreaMm2: number;
  readonly wheelDiaMm: number;
  readonly rodDiaMm: number;
  readonly tBarOutC: number;
  readonly millInDropC: number;
  readonly tRodC: number;
  /** Mill main motor load at full output and at no load [kW], supply [V], power factor. */
  readonly millKw: number;
  readonly millNoLoadKw: number;
  readonly millVolt: number;
  readonly millPf: number;
  readonly emulsionC: number;
  /** Coil weight [t] (1–2.5). */
  readonly coilT: number;
  /** Speed factor when metal runs short (§2.3.8: −10–20 %). */
  readonly slowFactor: number;
  /** Other electric load of the line (wheel, pumps, coiler) [kW] [E]. */
  readonly auxKw: number;
}

/** Inline rotor degasser (§2.3.4). */
export interface DegasserParams {
  readonly rotors: number;
  readonly rpm: number;
  readonly arNlpm: number;
  readonly idleRpm: number;
  readonly idleArNlpm: number;
  /** Hydrogen removal per rotor at nominal rpm and gas (two in series → ≈ 60 %). */
  readonly effPerRotor: number;
  /** Incoming hydrogen [mL/100 g] (0.20–0.40, default 0.28). */
  readonly h2In: number;
  readonly sampleMs: number;
  readonly tempDropC: number;
}

/** Ceramic-foam / tube filter box (§2.3.4). */
export interface FilterParams {
  readonly newHeadMm: number;
  /** Head-loss growth with metal through [mm/t] [E]. */
  readonly loadMmPerT: number;
  readonly primingHeadMm: number;
  readonly primingS: number;
  /** Metal through a filter before it is changed between casts [t] [E]. */
  readonly lifeT: number;
  readonly tempDropC: number;
  /** Launder metal level upstream at the new-filter head [mm] [E]. */
  readonly launderLevelMm: number;
}

/** Site-wide logistics and control (§2.3.7). */
export interface SiteParams {
  /** Fixed physics step [ms]: results do not depend on who reads when. */
  readonly stepMs: number;
  /** A casting furnace is "low" below this fraction; a partner is "ready" above `readyFrac`. */
  readonly lowFrac: number;
  readonly readyFrac: number;
  /** Unmet demand for longer than this → HOT_METAL_SHORTAGE, lines slow down [min] (§2.3.7: 90). */
  readonly gapMin: number;
  /** Minimum spacing of dispatches to one plant [min] [E]. */
  readonly headwayMin: number;
  /** Crucibles the smelter keeps full or filling, ready to go [E]. */
  readonly loadedBuffer: number;
  /** Invisible crucibles serving a site that has furnaces but no crucible devices. */
  readonly virtualCrucibles: number;
  /** Initial fill fraction ranges: the furnace a consumer starts casting from, and the others. */
  readonly initialCastingFill: readonly [number, number];
  readonly initialOtherFill: readonly [number, number];
}

export interface AluminiumParams {
  readonly furnace: FurnaceParams;
  readonly crucible: CrucibleParams;
  readonly dcCaster: DcCasterParams;
  readonly rodLine: RodLineParams;
  readonly degasser: DegasserParams;
  readonly filter: FilterParams;
  readonly site: SiteParams;
}

/** Defaults of domain.md §2.3 (Yihe rod lines, Yuantai DC casting). */
export const ALUMINIUM_DEFAULTS: AluminiumParams = {
  furnace: {
    capacityT: 40, heelT: 2, bathAreaM2: 32, densityTPerM3: 2.37, levelOffsetMm: 100,
    spBathC: 740, spRangeC: [720, 760], castMaxC: 760,
    burnerKw: 1_500, efficiency: 0.5, lossKwPerK: 0.22, cLiquid: 1.18, solidAbsorbKjPerKg: 1_060, gasLhvMj: 35.6,
    regenSwitchS: 60, regenOutC: [150, 250], tiltRangeDeg: [0, 25], tiltRateDegPerS: 0.5, lipDeg: 3,
    chargeRateTph: 60, tappingMaxTph: 30, pFurnPa: 10, auxKw: 45, shellTcs: 4, tShellC: 160,
  },
  crucible: {
    capacityT: 10, tPotlineC: 930, tPotlineSdC: 8, pourDropC: 15, lossCPerH: 10, fillMin: 15,
    routeKm: 3.2, speedKmh: 18, returnMin: 12, purityPct: [99.85, 99.9], smelterPos: [38.652, 111.018],
  },
  dcCaster: {
    moulds: 12, billetDiaMm: 300, speedSp: 55, speedRange: [30, 80], dropLengthMm: 6_000, rampMm: 200, prepMin: 35,
    levelMm: 70, waterLpm: 120, waterInC: 25, waterHeatShare: 0.3, waterTripPct: 70, grKgPerT: 1, solidDensity: 2.7, launderDropC: 35,
  },
  rodLine: {
    tph: 4.2, barAreaMm2: 2_300, wheelDiaMm: 1_600, rodDiaMm: 9.5, tBarOutC: 505, millInDropC: 15, tRodC: 282,
    millKw: 288, millNoLoadKw: 45, millVolt: 690, millPf: 0.88, emulsionC: 48, coilT: 1.5, slowFactor: 0.85, auxKw: 120,
  },
  degasser: { rotors: 2, rpm: 450, arNlpm: 15, idleRpm: 150, idleArNlpm: 3, effPerRotor: 0.37, h2In: 0.28, sampleMs: 600_000, tempDropC: 6 },
  filter: { newHeadMm: 8, loadMmPerT: 0.05, primingHeadMm: 150, primingS: 60, lifeT: 120, tempDropC: 4, launderLevelMm: 100 },
  site: {
    stepMs: 1_000, lowFrac: 0.15, readyFrac: 0.6, gapMin: 90, headwayMin: 15, loadedBuffer: 2, virtualCrucibles: 10,
    initialCastingFill: [0.45, 0.9], initialOtherFill: [0.75, 0.95],
  },
};

/** Partial overrides, one level deep. */
export type AluminiumOverrides = { readonly [K in keyof AluminiumParams]?: Partial<AluminiumParams[K]> };

/** Defaults merged with `overrides`. */
export function aluminiumParams(overrides: AluminiumOverrides = {}): AluminiumParams {
  const d = ALUMINIUM_DEFAULTS;
  return {
    furnace: { ...d.furnace, ...overrides.furnace },
    crucible: { ...d.crucible, ...overrides.crucible },
    dcCaster: { ...d.dcCaster, ...overrides.dcCaster },
    rodLine: { ...d.rodLine, ...overrides.rodLine },
    degasser: { ...d.degasser, ...overrides.degasser },
    filter: { ...d.filter, ...overrides.filter },
    site: { ...d.site, ...overrides.site },
  };
}
