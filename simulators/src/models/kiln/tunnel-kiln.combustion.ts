import type { TunnelKilnCombustion } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { Ar1Noise, quantise } from '../../kit/signal.js';
import type { TunnelKilnParams } from './tunnel-kiln.params.js';

/** Combustion values of one `telemetry/combustion` message (domain.md §3.4). */
export type CombustionValues = TunnelKilnCombustion['v'];

const MS_PER_HOUR = 3_600_000;

/** What the gas and air flows depend on in one step. */
export interface FlowInputs {
  /** Zone valve openings [%]. */
  readonly valves: ArrayLike<number>;
  /** Burners with a proven flame per zone. */
  readonly lit: (zone: number) => number;
  /** Header pressure / nominal (§2.1.8 item 6). */
  readonly hdrRatio: number;
  readonly ssovOpen: boolean;
  /** Combustion-air fan speed / nominal: air flow scales with it. */
  readonly airFactor: number;
}

/** Pressures and counts the PLC reads from elsewhere for its combustion message. */
export interface CombustionReadings {
  readonly pGasMain: number;
  readonly pGasHdr: number;
  readonly pAir: number;
  readonly burnersOn: number;
  readonly burnersTotal: number;
}

/**
 * Gas and air side of a tunnel kiln (domain.md §2.1.5, §2.1.8 item 6): zone gas = valve × lit
 * burners × burner capacity × √(header pressure / nominal), 0 with the SSOV shut; the air valves
 * follow the gas valves (cross-limited ratio control) so a header-pressure loss leaves the air
 * unchanged and λ and O₂ rise (§2.1.9); total ≈ 170 Nm³/h, λ ≈ 1.15; a totaliser integrates the
 * true flow.
 */
export class KilnCombustion {
  readonly zoneFlow: Float64Array;
  /** Zone flows at the operating point [Nm³/h]: the reference for the heat balance. */
  readonly zoneFlow0: Float64Array;
  readonly nominalValvePct: readonly number[];
  private readonly zoneAir: Float64Array;
  private readonly lambdaWander: Ar1Noise;
  private gasTotNm3: number;

  constructor(
    private readonly params: TunnelKilnParams,
    rng: Rng,
  ) {
    const c = params.combustion;
    const zoneCapacity = params.firingZone.burnersPerZone * c.burnerCapacityNm3h;
    this.zoneFlow0 = Float64Array.from(params.zoneGasShare, (share) => share * c.gasNm3h);
    this.nominalValvePct = Array.from(this.zoneFlow0, (flow) => (100 * flow) / zoneCapacity);
    this.zoneFlow = Float64Array.from(this.zoneFlow0);
    this.zoneAir = this.zoneFlow0.map((flow) => flow * c.stoichAir * c.lambda);
    this.lambdaWander = new Ar1Noise(0.01, 0.99, rng);
    this.gasTotNm3 = rng.uniform(1e6, 2e7); // a totaliser that has been running for years
  }

  /** Total gas flow [Nm³/h]. */
  get gas(): number {
    return sum(this.zoneFlow);
  }

  /** Total combustion air [Nm³/h]. */
  get air(): number {
    return sum(this.zoneAir);
  }

  /** Air ratio λ of the whole firing zone; Infinity without gas. */
  get lambda(): number {
    const gas = this.gas;
    return gas > 0.01 ? this.air / (this.params.combustion.stoichAir * gas) : Infinity;
  }

  /** Zone gas relative to its operating point (drives the heat balance). */
  rel(j: number): number {
    return (this.zoneFlow[j] ?? 0) / (this.zoneFlow0[j] ?? 1);
  }

  /** Recomputes the flows and integrates the totaliser over `dtMs`. */
  step(dtMs: number, inputs: FlowInputs, rng: Rng): void {
    this.gasTotNm3 += (this.gas * dtMs) / MS_PER_HOUR;
    this.lambdaWander.step(rng, dtMs);
    const c = this.params.combustion;
    const perZone = this.params.firingZone.burnersPerZone;
    const pressure = inputs.ssovOpen ? Math.sqrt(Math.max(0, inputs.hdrRatio)) : 0;
    const airPerValve = perZone * c.burnerCapacityNm3h * c.stoichAir * (c.lambda + this.lambdaWander.current) * inputs.airFactor;
    for (let j = 0; j < this.zoneFlow.length; j++) {
      const opening = (inputs.valves[j] ?? 0) / 100;
      this.zoneFlow[j] = opening * inputs.lit(j) * c.burnerCapacityNm3h * pressure;
      this.zoneAir[j] = inputs.ssovOpen ? opening * airPerValve : 0;
    }
  }

  /** One `telemetry/combustion` value object, with meter noise (§2.1.8 item 7) and resolutions. */
  values(rng: Rng, valves: ArrayLike<number>, readings: CombustionReadings): CombustionValues {
    const meter = (flow: number): number => Math.max(0, flow * (1 + rng.normal(0, this.params.noise.gasPct / 100)));
    const lambda = this.lambda;
    return {
      gas: quantise(meter(this.gas), 0.1),
      air: quantise(meter(this.air), 1),
      lambda: Number.isFinite(lambda) ? quantise(Math.min(lambda, 99), 0.01) : null,
      pGasMain: readings.pGasMain,
      pGasHdr: readings.pGasHdr,
      pAir: readings.pAir,
      zoneValve: Array.from(valves, (valve) => quantise(valve, 0.1)),
      zoneGas: Array.from(this.zoneFlow, (flow) => quantise(meter(flow), 0.1)),
      burnersOn: readings.burnersOn,
      burnersTotal: readings.burnersTotal,
      gasTot: quantise(this.gasTotNm3, 0.1),
    };
  }
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] ?? 0;
  return total;
}
