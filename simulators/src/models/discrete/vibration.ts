import type { VibrationTelemetry } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { quantise } from '../../kit/signal.js';

/** ISO 10816-3 zone boundaries [mm/s RMS] (domain.md §2.5.6, §7). */
export interface ZoneLimits {
  readonly ab: number;
  readonly bc: number;
  readonly cd: number;
}

/** Group 2, rigid foundation: also the machine-tool vendor limits of §2.5.6 (alarm 2.8, trip 4.5). */
export const ISO_GROUP2_RIGID: ZoneLimits = { ab: 1.4, bc: 2.8, cd: 4.5 };

/** The ISO zone letter of a velocity RMS. */
export function isoZone(rms: number, limits: ZoneLimits = ISO_GROUP2_RIGID): 'A' | 'B' | 'C' | 'D' {
  if (rms < limits.ab) return 'A';
  if (rms < limits.bc) return 'B';
  if (rms < limits.cd) return 'C';
  return 'D';
}

/** Largest velocity RMS the model reaches [mm/s]: a wrecked bearing, not infinity. */
const MAX_RMS = 15;

/**
 * Vibration of one rotating machine after §2.5.6: a healthy level v₀ (0.6–1.5 mm/s), bearing
 * wear growing as `v₀·exp(t/τ)` whose HF acceleration and crest factor rise *first* (τ/3), and an
 * unbalance adding a 1×-rpm component. Pure functions of time: no per-sample state.
 */
export class VibrationChannel {
  private bearingFrom: number | undefined;
  private bearingTauMs = 1;
  /** 1× unbalance component [mm/s]. */
  unbalanceMmS = 0;

  constructor(readonly v0: number) {}

  /** Starts bearing wear at `nowMs` with growth time constant `tauMs`. */
  startBearingWear(nowMs: number, tauMs: number): void {
    this.bearingFrom = nowMs;
    this.bearingTauMs = Math.max(1, tauMs);
  }

  /** Bearing replaced: back to v₀. */
  stopBearingWear(): void {
    this.bearingFrom = undefined;
  }

  /** Early-warning level 0…1 of the bearing defect (HF acceleration, crest factor). */
  hfLevel(nowMs: number): number {
    if (this.bearingFrom === undefined) return 0;
    return 1 - Math.exp(-Math.max(0, nowMs - this.bearingFrom) / (this.bearingTauMs / 3));
  }

  /** Bearing-driven velocity RMS [mm/s]: v₀·exp(t/τ), capped. */
  bearingRms(nowMs: number): number {
    if (this.bearingFrom === undefined) return this.v0;
    return Math.min(MAX_RMS, this.v0 * Math.exp(Math.max(0, nowMs - this.bearingFrom) / this.bearingTauMs));
  }

  /** Overall velocity RMS [mm/s] without noise, running at speed. */
  rms(nowMs: number): number {
    const core = this.bearingRms(nowMs);
    return Math.sqrt(core * core + this.unbalanceMmS * this.unbalanceMmS);
  }

  /** 0…1 how far the bearing has gone from v₀ to zone D (drives the spindle temperature rise). */
  damage(nowMs: number, limits: ZoneLimits = ISO_GROUP2_RIGID): number {
    return Math.min(1, Math.max(0, (this.bearingRms(nowMs) - this.v0) / (limits.cd - this.v0)));
  }

  /** The 10 s `telemetry/vibration` values (§2.7); a stopped machine shows only background. */
  read(nowMs: number, rng: Rng, running: boolean): VibrationTelemetry['v'] {
    const noise = (): number => 1 + 0.05 * rng.normal();
    const scale = running ? 1 : 0.05;
    const core = this.bearingRms(nowMs) * scale;
    const unb = this.unbalanceMmS * scale;
    const h = running ? this.hfLevel(nowMs) : 0;
    const rms = Math.sqrt(core * core + unb * unb) * noise();
    const healthy = this.v0 * scale;
    const b1 = Math.sqrt((0.6 * healthy) ** 2 + unb * unb);
    const brg = 0.2 * healthy + (core - healthy);
    const hf = (0.05 + 1.5 * h) * scale * noise();
    // Impacts of a young defect raise the crest factor; spreading damage lowers it again.
    const crest = 3 + (4 * h) / (1 + Math.max(0, core - healthy)) - (unb > core ? 0.8 : 0);
    const aRms = (0.12 + 0.08 * rms) * scale + hf;
    return {
      rms: quantise(rms, 0.01), peak: quantise(crest * aRms, 0.01), crest: quantise(crest, 0.01),
      bands: [quantise(b1 * noise(), 0.01), quantise(0.3 * healthy * noise(), 0.01), quantise(Math.max(0, brg) * noise(), 0.01)],
      hf: quantise(hf, 0.001), zone: running ? isoZone(rms) : null,
    };
  }
}
