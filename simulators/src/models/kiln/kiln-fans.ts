import type { KilnFanTelemetry } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { lag, quantise } from '../../kit/signal.js';
import type { FanSpec } from './kiln-equipment.params.js';

/** Fan telemetry values (domain.md §3.4). */
export type FanValues = KilnFanTelemetry['v'];

const VFD_HZ_PER_S = 1;
const DRIVEN_TAU_MS = 2_000;
const BEARING_TAU_MS = 20 * 60_000;
/** §2.1.6: U = 380 V, PF 0.85 → I = P / (√3 · U · PF). */
const AMPS_PER_KW = 1000 / (Math.sqrt(3) * 380 * 0.85);

/**
 * One VFD fan drive (domain.md §2.1.6): output frequency ramps to the setpoint, the shaft follows,
 * `P = P_rated·(n/n_rated)³` and `I = P/(√3·U·PF)`, bearing vibration 1–2.5 mm/s and temperature.
 * A trip (fault or power loss) cuts the output and the current at once; the shaft coasts down
 * over 10–30 s (§2.1.9). After a reset the drive restarts at `restartAtMs` and ramps up.
 */
export class FanDrive {
  hzSp: number;
  private hz: number;
  private rpm: number;
  private running = true;
  private faulted = false;
  private powerLost = false;
  private dieselHz: number | undefined;
  private restartAtMs: number | undefined;
  private vibWander = 0;
  private tBrg: number;

  constructor(readonly spec: FanSpec) {
    this.hzSp = spec.hzNominal;
    this.hz = spec.hzNominal;
    this.rpm = this.rpmAt(spec.hzNominal);
    this.tBrg = this.bearingTarget();
  }

  /** Whether the drive is energised and turning under power. */
  get isRunning(): boolean {
    return this.running;
  }

  get isFaulted(): boolean {
    return this.faulted;
  }

  /** VFD output frequency [Hz]. */
  get outputHz(): number {
    return this.hz;
  }

  /** Shaft speed relative to the operating point, minus one (s of `FanEffect`). */
  get speedDeviation(): number {
    return this.rpm / this.rpmAt(this.spec.hzNominal) - 1;
  }

  /** Drive trip (§2.1.9 FAN_TRIP): output and current to zero now, the shaft coasts. */
  trip(): void {
    this.faulted = true;
    this.stop();
  }

  /** Fault reset: the drive restarts at `restartAtMs` (§2.1.9: 2–10 min after a reset). */
  reset(restartAtMs: number): void {
    this.faulted = false;
    this.restartAtMs = restartAtMs;
  }

  /** Site power lost: stop, or run the emergency (diesel) supply at `dieselHz` from `dieselAtMs`. */
  powerOff(dieselHz?: number, dieselAtMs?: number): void {
    this.powerLost = true;
    this.stop();
    this.dieselHz = dieselHz;
    this.restartAtMs = dieselHz === undefined ? undefined : dieselAtMs;
  }

  /** Power back: restart at `restartAtMs` (staged restart). */
  powerOn(restartAtMs: number): void {
    this.powerLost = false;
    this.dieselHz = undefined;
    this.restartAtMs = restartAtMs;
  }

  /** Advances the drive by `dtMs` to `nowMs`. */
  step(nowMs: number, dtMs: number, rng: Rng): void {
    if (!this.running && !this.faulted && this.restartAtMs !== undefined && nowMs >= this.restartAtMs) {
      this.running = true;
      this.restartAtMs = undefined;
    }
    const wanted = this.running ? (this.powerLost ? (this.dieselHz ?? 0) : this.hzSp) : 0;
    const maxMove = (VFD_HZ_PER_S * dtMs) / 1000;
    this.hz = this.running ? this.hz + Math.max(-maxMove, Math.min(maxMove, wanted - this.hz)) : 0;
    this.rpm = lag(this.rpm, this.rpmAt(this.hz), dtMs, this.running ? DRIVEN_TAU_MS : this.spec.coastMs);
    this.tBrg = lag(this.tBrg, this.bearingTarget(), dtMs, BEARING_TAU_MS);
    const rho = Math.pow(0.95, dtMs / 1000);
    this.vibWander = rho * this.vibWander + 0.12 * Math.sqrt(1 - rho * rho) * rng.normal();
  }

  /** One `telemetry` value object (§3.4) with 1 % current noise (§2.1.8 item 7). */
  values(rng: Rng): FanValues {
    const ratio = this.rpm / this.spec.rpmAt50;
    const kw = this.running ? this.spec.ratedKw * ratio ** 3 : 0;
    const turning = this.rpm > 5;
    const vib = turning ? Math.max(0.05, this.spec.vibMmS * (this.rpm / this.rpmAt(this.spec.hzNominal)) ** 1.5 + this.vibWander) : 0.02;
    return {
      run: this.running,
      hz: quantise(this.hz, 0.1),
      rpm: quantise(this.rpm, 1),
      i: quantise(kw * AMPS_PER_KW * (1 + rng.normal(0, 0.01)), 0.1),
      kw: quantise(kw * (1 + rng.normal(0, 0.005)), 0.1),
      vib: quantise(vib, 0.01),
      tBrg: quantise(this.tBrg + rng.normal(0, 0.2), 0.1),
    };
  }

  private stop(): void {
    this.running = false;
    this.hz = 0;
  }

  private rpmAt(hz: number): number {
    return (hz / 50) * this.spec.rpmAt50;
  }

  private bearingTarget(): number {
    return 32 + 28 * (this.rpm / this.spec.rpmAt50) ** 2;
  }
}
