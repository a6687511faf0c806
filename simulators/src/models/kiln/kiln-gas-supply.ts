import type { Rng } from '../../kit/rng.js';
import { Ar1Noise, lag, quantise } from '../../kit/signal.js';
import { GAS_SKID_DEFAULTS } from './kiln-equipment.params.js';
import type { TunnelKilnParams } from './tunnel-kiln.params.js';

/**
 * The kiln's gas skid (domain.md §2.1.4: main 100–400 kPa, burner header 3–20 kPa after the
 * regulator). A supply problem (§2.1.9 GAS_PRESS_LOW) pulls both pressures down over
 * seconds–minutes; below 50–60 % of the nominal header pressure (drawn per kiln) the low-pressure
 * switch trips the safety shut-off valve (SSOV). Once the pressure is back above 90 % a leak check
 * runs and the switch resets.
 */
export class GasSupply {
  /** Share of nominal header pressure below which the SSOV trips. */
  tripFrac: number;
  /** How much of a main-pressure loss reaches the header through this kiln's regulator (0.6–1.2, drawn per kiln). */
  readonly regulatorGain: number;
  private pMain: number;
  private pHdr: number;
  private readonly mainWander: Ar1Noise;
  private readonly hdrWander: Ar1Noise;
  private readonly tWander: Ar1Noise;
  private mainDrop = 0;
  private hdrDrop = 0;
  private tauMs: number = GAS_SKID_DEFAULTS.pressureTauMs;
  private lowTripped = false;
  private resetAtMs: number | undefined;

  constructor(
    private readonly nominal: TunnelKilnParams['combustion'],
    rng: Rng,
  ) {
    this.tripFrac = rng.uniform(GAS_SKID_DEFAULTS.tripFracMin, GAS_SKID_DEFAULTS.tripFracMax);
    this.regulatorGain = rng.uniform(GAS_SKID_DEFAULTS.regulatorGainMin, GAS_SKID_DEFAULTS.regulatorGainMax);
    this.pMain = nominal.pGasMainKpa;
    this.pHdr = nominal.pGasHdrKpa;
    this.mainWander = new Ar1Noise(1.5, 0.99, rng);
    this.hdrWander = new Ar1Noise(0.12, 0.99, rng);
    this.tWander = new Ar1Noise(0.8, 0.999, rng);
  }

  /** Whether the low-pressure switch holds the SSOV shut. */
  get tripped(): boolean {
    return this.lowTripped;
  }

  /** Header pressure relative to nominal, the burner-flow driver (§2.1.8 item 6). */
  get hdrRatio(): number {
    return Math.max(0, this.pHdr + this.hdrWander.current) / this.nominal.pGasHdrKpa;
  }

  /**
   * Supply pressure loss: the main heads for (1 − `mainFrac`) of nominal, the header for
   * (1 − `hdrFrac`) — by default the main loss through this kiln's regulator — with time constant `tauMs`.
   */
  setDrop(mainFrac: number, tauMs: number = GAS_SKID_DEFAULTS.pressureTauMs, hdrFrac = mainFrac * this.regulatorGain): void {
    this.mainDrop = Math.max(0, Math.min(0.95, mainFrac));
    this.hdrDrop = Math.max(0, Math.min(0.95, hdrFrac));
    this.tauMs = Math.max(1, tauMs);
  }

  /** Advances pressures, the low-pressure switch and its reset. */
  step(nowMs: number, dtMs: number, rng: Rng): void {
    this.pMain = lag(this.pMain, this.nominal.pGasMainKpa * (1 - this.mainDrop), dtMs, this.tauMs);
    this.pHdr = lag(this.pHdr, this.nominal.pGasHdrKpa * (1 - this.hdrDrop), dtMs, this.tauMs);
    this.mainWander.step(rng, dtMs);
    this.hdrWander.step(rng, dtMs);
    this.tWander.step(rng, dtMs);
    const ratio = this.pHdr / this.nominal.pGasHdrKpa;
    if (ratio < this.tripFrac) {
      this.lowTripped = true;
      this.resetAtMs = undefined;
    } else if (this.lowTripped && ratio >= GAS_SKID_DEFAULTS.resetFrac) {
      this.resetAtMs ??= nowMs + GAS_SKID_DEFAULTS.leakCheckMs;
      if (nowMs >= this.resetAtMs) {
        this.lowTripped = false;
        this.resetAtMs = undefined;
      }
    }
  }

  /** Main and header pressure readings [kPa] and the gas temperature [°C]. */
  readings(rng: Rng): { pGasMain: number; pGasHdr: number; tGas: number } {
    return {
      pGasMain: quantise(Math.max(0, this.pMain + this.mainWander.current + rng.normal(0, 0.3)), 0.1),
      pGasHdr: quantise(Math.max(0, this.pHdr + this.hdrWander.current + rng.normal(0, 0.03)), 0.01),
      tGas: quantise(GAS_SKID_DEFAULTS.tGasC + this.tWander.current + rng.normal(0, 0.1), 0.1),
    };
  }
}
