import { clamp, lagFactor } from '../../kit/signal.js';
import type { TunnelKilnParams } from './tunnel-kiln.params.js';

/** Per-step limits on the zone valves, set by the plant interlocks and faults. */
export interface ValveLimits {
  /** Highest valve opening allowed [%] (100, or low fire after an exhaust-fan stop). */
  readonly maxPct: number;
  /** Burners of the zone are off: hold the valve closed and track (bumpless restart). */
  readonly tracking: (zone: number) => boolean;
  /** Valve stuck at 100 % whatever the controller says (§2.1.9 over-temperature). */
  readonly stuck: (zone: number) => boolean;
}

/**
 * The 8 firing-zone controllers of domain.md §2.1.8 item 1: a working setpoint that ramps toward
 * the commanded target at `rampPerMin`, a filtered PV, and a PI loop (Kp 2–5 %/°C, Ti 5–15 min)
 * around the nominal valve opening, with anti-windup and bumpless tracking while the burners are
 * off. Hold mode lowers every target by `holdDropC` (reduced gas, §2.1.9).
 */
export class ZoneControl {
  readonly zones: number;
  /** Working (ramping) setpoints [°C] — published as `sp`. */
  readonly sp: Float64Array;
  /** Commanded setpoints [°C]. */
  readonly spTarget: Float64Array;
  /** Ramp rate per zone [°C/min]. */
  readonly rampPerMin: Float64Array;
  readonly valve: Float64Array;
  /** Nominal valve opening [%] (feed-forward bias: the operating point of §2.1.5). */
  readonly bias: Float64Array;
  private readonly pv: Float64Array;
  private readonly integral: Float64Array;
  private hold = false;

  constructor(
    private readonly params: TunnelKilnParams,
    initialSp: readonly number[],
    nominalValvePct: readonly number[],
  ) {
    this.zones = initialSp.length;
    this.sp = Float64Array.from(initialSp);
    this.spTarget = Float64Array.from(initialSp);
    this.rampPerMin = new Float64Array(this.zones).fill(params.control.rampPerMin);
    this.bias = Float64Array.from(nominalValvePct);
    this.valve = Float64Array.from(nominalValvePct);
    this.pv = Float64Array.from(initialSp);
    this.integral = new Float64Array(this.zones);
  }

  /** Whether hold mode lowers the targets. */
  get holding(): boolean {
    return this.hold;
  }

  /** Hold mode on/off: the working setpoints ramp to target − holdDropC, or back. */
  setHold(on: boolean): void {
    this.hold = on;
  }

  /** Commands a new target for zone `j` (0-based), ramping at `rampPerMin` [°C/min]. */
  setTarget(j: number, value: number, rampPerMin: number): void {
    this.spTarget[j] = value;
    this.rampPerMin[j] = rampPerMin;
  }

  /** Where zone `j`'s working setpoint is heading [°C]. */
  effectiveTarget(j: number): number {
    return (this.spTarget[j] ?? 0) - (this.hold ? this.params.control.holdDropC : 0);
  }

  /** Filtered process value of zone `j` [°C], as the PLC sees it. */
  pvOf(j: number): number {
    return this.pv[j] ?? 0;
  }

  /** Whether zone `j`'s working setpoint has reached its target. */
  rampDone(j: number): boolean {
    return this.sp[j] === this.effectiveTarget(j);
  }

  /** One controller scan: ramp setpoints, filter the PVs `pvRaw`, update the valves. */
  step(dtMs: number, pvRaw: ArrayLike<number>, limits: ValveLimits): void {
    const filter = lagFactor(dtMs, this.params.control.pvFilterMs);
    for (let j = 0; j < this.zones; j++) {
      this.rampSetpoint(j, dtMs);
      const pv = (this.pv[j] ?? 0) + ((pvRaw[j] ?? 0) - (this.pv[j] ?? 0)) * filter;
      this.pv[j] = pv;
      this.valve[j] = this.controlled(j, (this.sp[j] ?? 0) - pv, dtMs, limits);
    }
  }

  private rampSetpoint(j: number, dtMs: number): void {
    const target = this.effectiveTarget(j);
    const sp = this.sp[j] ?? target;
    const maxMove = ((this.rampPerMin[j] ?? this.params.control.rampPerMin) * dtMs) / 60_000;
    this.sp[j] = Math.abs(target - sp) <= maxMove ? target : sp + Math.sign(target - sp) * maxMove;
  }

  /** PI with conditional integration (anti-windup) and tracking while the zone is off. */
  private controlled(j: number, error: number, dtMs: number, limits: ValveLimits): number {
    const { kpPctPerC, tiMs } = this.params.control;
    const bias = this.bias[j] ?? 0;
    const p = kpPctPerC * error;
    if (limits.stuck(j)) return 100; // integrator frozen: the valve does not answer
    if (limits.tracking(j)) {
      this.integral[j] = -p; // output = bias when the burners come back
      return 0;
    }
    const integral = this.integral[j] ?? 0;
    const next = integral + (kpPctPerC * error * dtMs) / tiMs;
    const u = bias + p + next;
    const saturating = (u > limits.maxPct && error > 0) || (u < 0 && error < 0);
    if (!saturating) this.integral[j] = next;
    return clamp(bias + p + (this.integral[j] ?? 0), 0, limits.maxPct);
  }
}
