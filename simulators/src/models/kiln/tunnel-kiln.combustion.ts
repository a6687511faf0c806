import type { TunnelKilnCombustion } from '@plantwatch/contracts';
import { clamp, ProcessSignal, quantise } from '../../kit/signal.js';
import type { Rng } from '../../kit/rng.js';
import type { TunnelKilnParams } from './tunnel-kiln.params.js';

/** Combustion values of one `telemetry/combustion` message (domain.md §3.4). */
export type CombustionValues = TunnelKilnCombustion['v'];

const MS_PER_HOUR = 3_600_000;

/**
 * Gas, air and burner side of a tunnel kiln (domain.md §2.1.5, §2.1.8 items 1 and 6): 8 zone
 * valves driven by P controllers on the zone TCs, zone gas = valve × burner capacity ×
 * √(header pressure / nominal), total ≈ 170 Nm³/h, air = gas × stoichiometric air × λ, and a
 * gas totaliser integrating the true flow.
 */
export class KilnCombustion {
  private readonly lambda: ProcessSignal;
  private readonly pGasMain: ProcessSignal;
  private readonly pGasHdr: ProcessSignal;
  private readonly pAir: ProcessSignal;
  private readonly baseValve: number[];
  private readonly zoneCapacity: number;
  private valves: number[];
  private zoneFlows: number[];
  private gasTotNm3: number;

  constructor(
    private readonly params: TunnelKilnParams,
    rng: Rng,
  ) {
    const c = params.combustion;
    const slow = { tauMs: 60_000, rhoPerSecond: 0.99, whiteSigma: 0 };
    this.lambda = new ProcessSignal(c.lambda, { ...slow, wanderSigma: 0.01, resolution: 0.01 }, rng);
    this.pGasMain = new ProcessSignal(c.pGasMainKpa, { ...slow, wanderSigma: 1.5, resolution: 0.1 }, rng);
    this.pGasHdr = new ProcessSignal(c.pGasHdrKpa, { ...slow, wanderSigma: 0.15, resolution: 0.01 }, rng);
    this.pAir = new ProcessSignal(c.pAirKpa, { ...slow, wanderSigma: 0.05, resolution: 0.01 }, rng);
    this.zoneCapacity = params.firingZone.burnersPerZone * c.burnerCapacityNm3h;
    this.baseValve = params.zoneGasShare.map((share) => (100 * share * c.gasNm3h) / this.zoneCapacity);
    this.valves = [...this.baseValve];
    this.zoneFlows = this.valves.map((valve) => this.flowAt(valve));
    this.gasTotNm3 = rng.uniform(1e6, 2e7); // a totaliser that has been running for years
  }

  /** Current air ratio λ (drives the firing-zone O₂, §2.1.8 item 5). */
  get currentLambda(): number {
    return this.lambda.value;
  }

  /**
   * Advances `dtMs`: integrates the totaliser over the elapsed interval, then updates pressures,
   * λ and the zone valves from `zoneErrorsC` (setpoint − process value per zone, °C).
   */
  step(dtMs: number, zoneErrorsC: readonly number[], rng: Rng): void {
    if (dtMs <= 0) return;
    const c = this.params.combustion;
    this.gasTotNm3 += (sum(this.zoneFlows) * dtMs) / MS_PER_HOUR;
    this.lambda.step(c.lambda, dtMs, rng);
    this.pGasMain.step(c.pGasMainKpa, dtMs, rng);
    this.pGasHdr.step(c.pGasHdrKpa, dtMs, rng);
    this.pAir.step(c.pAirKpa, dtMs, rng);
    this.valves = this.baseValve.map((base, j) => clamp(base + c.kpPctPerC * (zoneErrorsC[j] ?? 0), 0, 100));
    this.zoneFlows = this.valves.map((valve) => this.flowAt(valve));
  }

  /** One `telemetry/combustion` value object, with meter noise and resolutions applied. */
  values(rng: Rng): CombustionValues {
    const c = this.params.combustion;
    const meter = (flow: number): number => flow * (1 + rng.normal(0, this.params.noise.gasPct / 100));
    const zoneGas = this.zoneFlows.map((flow) => quantise(Math.max(0, meter(flow)), 0.1));
    const gas = Math.max(0, meter(sum(this.zoneFlows)));
    const lambda = this.lambda.read(rng);
    const burners = this.params.firingZone.zones * this.params.firingZone.burnersPerZone;
    return {
      gas: quantise(gas, 0.1),
      air: quantise(gas * c.stoichAir * lambda, 1),
      lambda,
      pGasMain: this.pGasMain.read(rng),
      pGasHdr: this.pGasHdr.read(rng),
      pAir: this.pAir.read(rng),
      zoneValve: this.valves.map((valve) => quantise(valve, 0.1)),
      zoneGas,
      burnersOn: burners,
      burnersTotal: burners,
      gasTot: quantise(this.gasTotNm3, 0.1),
    };
  }

  /** §2.1.8 item 6: flow = valve × capacity × √(header pressure / nominal). */
  private flowAt(valvePct: number): number {
    const ratio = Math.max(0, this.pGasHdr.value) / this.params.combustion.pGasHdrKpa;
    return (valvePct / 100) * this.zoneCapacity * Math.sqrt(ratio);
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
