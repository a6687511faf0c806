import type { SHUTTLE_STEP_KINDS, ShuttleKilnState } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { Ar1Noise, clamp } from '../../kit/signal.js';
import { KilnEventLog } from './kiln-events.js';
import { programMs, segmentMs, segmentStartC, SHUTTLE_PROGRAMS, type ShuttleProgram } from './shuttle-kiln.programs.js';

export type ShuttleMode = NonNullable<ShuttleKilnState['v']['mode']>;
export type ShuttleStepKind = (typeof SHUTTLE_STEP_KINDS)[number];

const HOUR = 3_600_000;
const STEP_MS = 5_000;
/** Net heating at full fire [°C/h] and forced cooling with the fan [°C/h] of a fibre-lined chamber (§2.2: low heat capacity). */
const FULL_FIRE_C_PER_H = 250;
const FAN_COOL_C_PER_H = 80;
/** §2.2 ramp deviation: PV lags SP by > 25 °C for > 30 min → programme hold, resumed within 10 °C. */
const LAG_HOLD_C = 25;
const LAG_HOLD_MS = 30 * 60_000;
const LAG_RESUME_C = 10;
/** Unload, reload and restart after a programme ends [ms]. */
const TURNAROUND_MS = 8 * HOUR;

/**
 * A shuttle (periodic) kiln under a ramp/soak segment controller (domain.md §2.2): a chamber whose
 * furnace-gas temperature follows the programme setpoint through a PI loop with feed-forward,
 * limited by the burners' capacity and, when cooling, by a cooling-air fan; 4 TCs top/bottom,
 * front/back. Ramp deviation holds the programme (auto-extension), a power failure aborts it, a
 * door-seal leak cools the bottom. Programmes restart after a turnaround. Fixed 5 s physics grid.
 */
export class ShuttleKilnModel {
  readonly events = new KilnEventLog();
  /** Fault state (§2.2 shuttle-kiln faults). */
  readonly faults = { capacity: 1, doorLeakC: 0, tcOpen: -1, powerLost: false };
  program: ShuttleProgram;
  step = 0;
  mode: ShuttleMode = 'auto';
  chamberC: number;
  private stepElapsedMs = 0;
  private gridMs: number;
  private integral = 0;
  private heat = 0;
  private lagSinceMs: number | undefined;
  private idleUntilMs = 0;
  private readonly tcWander: Ar1Noise[];
  private programStartMs: number;
  private holdReason: 'ramp_deviation' | 'operator' | undefined;

  constructor(
    private readonly rng: Rng,
    startMs: number,
    programName = 'HA2-1480',
  ) {
    this.program = SHUTTLE_PROGRAMS[programName] ?? (SHUTTLE_PROGRAMS['HA2-1480'] as ShuttleProgram);
    this.gridMs = startMs;
    this.tcWander = [0, 1, 2, 3].map(() => new Ar1Noise(1.5, 0.98, rng));
    this.seek(rng.uniform(0, 0.9) * programMs(this.program)); // kilns are not all at the same step
    this.programStartMs = startMs - this.programElapsedMs();
    this.chamberC = this.setpoint();
  }

  /** Kind of the running segment (`done` after the last one, `idle` when aborted). */
  get stepKind(): ShuttleStepKind {
    if (this.mode === 'idle') return this.step >= this.program.segments.length ? 'done' : 'idle';
    if (this.mode === 'aborted') return 'idle';
    if (this.mode === 'hold') return 'hold';
    return this.program.segments[this.step]?.kind ?? 'done';
  }

  /** Programme setpoint [°C]: the segment start plus its rate × elapsed, or the soak level. */
  setpoint(): number {
    const seg = this.program.segments[this.step];
    const start = segmentStartC(this.program, this.step);
    if (seg === undefined || seg.kind === 'soak') return start;
    const moved = (seg.ratePerH * this.stepElapsedMs) / HOUR;
    return seg.toC >= start ? Math.min(seg.toC, start + moved) : Math.max(seg.toC, start - moved);
  }

  /** Setpoint ramp [°C/h], negative when cooling. */
  rateSp(): number {
    const seg = this.program.segments[this.step];
    if (this.mode !== 'auto' || seg === undefined || seg.kind === 'soak') return 0;
    return seg.kind === 'cool' ? -seg.ratePerH : seg.ratePerH;
  }

  /** Remaining programme time at nominal rates [min]. */
  remainMin(): number {
    if (this.mode === 'idle' || this.mode === 'aborted') return 0;
    let ms = Math.max(0, segmentMs(this.program, this.step) - this.stepElapsedMs);
    for (let i = this.step + 1; i < this.program.segments.length; i++) ms += segmentMs(this.program, i);
    return Math.round(ms / 60_000);
  }

  /** Burner output 0–1 (negative: cooling fan share). */
  get firing(): number {
    return this.heat;
  }

  /** Chamber TC k: gas + top/bottom offset growing with the ramp + wander, bottom cooled by a door leak. */
  tcTrue(k: number): number {
    const spread = [4, 2, -3, -5][k] ?? 0;
    const leak = k >= 2 ? this.faults.doorLeakC : 0;
    return this.chamberC + spread * (1 + Math.abs(this.rateSp()) / 30) - leak + (this.tcWander[k]?.current ?? 0);
  }

  /** The controller's PV: mean of the healthy TCs. */
  pvControl(): number {
    let sum = 0;
    let n = 0;
    for (let k = 0; k < 4; k++) {
      if (k === this.faults.tcOpen) continue;
      sum += this.tcTrue(k);
      n++;
    }
    return n > 0 ? sum / n : this.chamberC;
  }

  /** Starts `program` now (set-program, or the automatic restart after a turnaround). */
  start(program: ShuttleProgram, nowMs: number): void {
    this.program = program;
    this.step = 0;
    this.stepElapsedMs = 0;
    this.mode = 'auto';
    this.integral = 0;
    this.programStartMs = nowMs;
    this.events.append({ source: 'plc', ts: nowMs, v: { type: 'program_start', prog: program.name, totalMin: Math.round(programMs(program) / 60_000) } });
  }

  /** Operator hold (hold-mode, §2.2 over-soak when left on) or release. */
  setHold(on: boolean, nowMs: number): void {
    if (on && this.mode === 'auto') {
      this.mode = 'hold';
      this.holdReason = 'operator';
      this.events.append({ source: 'plc', ts: nowMs, v: { type: 'program_hold', reason: 'operator', lagC: Math.round(this.setpoint() - this.pvControl()) } });
    } else if (!on && this.mode === 'hold') this.mode = 'auto';
  }

  /** Power failure mid-programme (§2.2 program aborted → batch quality hold). */
  abort(nowMs: number): void {
    if (this.mode === 'auto' || this.mode === 'hold') {
      this.events.append({ source: 'plc', ts: nowMs, v: { type: 'program_aborted', reason: 'power_fail', step: this.step + 1 } });
      this.mode = 'aborted';
    }
  }

  /** Advances the fixed 5 s grid to `nowMs`. */
  advance(nowMs: number): void {
    while (this.gridMs + STEP_MS <= nowMs) {
      this.gridMs += STEP_MS;
      this.stepOnce(this.gridMs, STEP_MS);
    }
  }

  private stepOnce(t: number, dt: number): void {
    for (const w of this.tcWander) w.step(this.rng, dt);
    if (this.mode === 'auto') this.advanceProgramme(t, dt);
    else if (this.mode === 'hold') this.maybeResume();
    else if (this.mode === 'idle' && t >= this.idleUntilMs && !this.faults.powerLost) this.start(this.program, t);
    this.heat = this.control(dt);
    const lossPerH = 150 * Math.max(0, (this.chamberC - 20) / 1600) ** 1.5;
    const gainPerH = this.heat >= 0 ? FULL_FIRE_C_PER_H * this.faults.capacity * this.heat : FAN_COOL_C_PER_H * this.heat;
    this.chamberC = Math.max(20, this.chamberC + ((gainPerH - lossPerH) * dt) / HOUR);
  }

  private advanceProgramme(t: number, dt: number): void {
    const lag = this.setpoint() - this.pvControl();
    const seg = this.program.segments[this.step];
    this.lagSinceMs = seg?.kind === 'ramp' && lag > LAG_HOLD_C ? (this.lagSinceMs ?? t) : undefined;
    if (this.lagSinceMs !== undefined && t - this.lagSinceMs >= LAG_HOLD_MS) {
      this.mode = 'hold';
      this.holdReason = 'ramp_deviation';
      this.lagSinceMs = undefined;
      this.events.append({ source: 'plc', ts: t, v: { type: 'program_hold', reason: 'ramp_deviation', lagC: Math.round(lag) } });
      return;
    }
    this.stepElapsedMs += dt;
    if (this.stepElapsedMs < segmentMs(this.program, this.step)) return;
    this.step += 1;
    this.stepElapsedMs = 0;
    const next = this.program.segments[this.step];
    if (next === undefined) {
      this.mode = 'idle';
      this.idleUntilMs = t + TURNAROUND_MS;
      this.events.append({ source: 'plc', ts: t, v: { type: 'program_end', prog: this.program.name, cycleH: Math.round((t - this.programStartMs) / 360_000) / 10 } });
    } else {
      this.events.append({ source: 'plc', ts: t, v: { type: 'step_change', step: this.step + 1, stepName: next.kind, sp: Math.round(this.setpoint()) } });
    }
  }

  /** Automatic hold ends once the PV is back within 10 °C (operator holds wait for the operator). */
  private maybeResume(): void {
    if (this.holdReason === 'ramp_deviation' && Math.abs(this.setpoint() - this.pvControl()) <= LAG_RESUME_C) this.mode = 'auto';
  }

  /** PI with feed-forward of the ramp and the losses; no firing when idle, aborted or without power. */
  private control(dt: number): number {
    if (this.faults.powerLost || this.mode === 'idle' || this.mode === 'aborted') return 0;
    const sp = this.setpoint();
    const error = sp - this.pvControl();
    const lossPerH = 150 * Math.max(0, (sp - 20) / 1600) ** 1.5;
    const need = this.rateSp() + lossPerH;
    const ff = need >= 0 ? need / (FULL_FIRE_C_PER_H * this.faults.capacity) : need / FAN_COOL_C_PER_H;
    const u = ff + 0.02 * error + this.integral;
    if (u > -1 && u < 1) this.integral += (0.02 * error * dt) / (20 * 60_000);
    return clamp(u, -1, 1);
  }

  /** Programme time already run when the model starts at a random point [ms]. */
  private programElapsedMs(): number {
    let ms = this.stepElapsedMs;
    for (let i = 0; i < this.step; i++) ms += segmentMs(this.program, i);
    return ms;
  }

  /** Places the programme `ms` after its start. */
  private seek(ms: number): void {
    let left = ms;
    this.step = 0;
    while (this.step < this.program.segments.length - 1 && left >= segmentMs(this.program, this.step)) left -= segmentMs(this.program, this.step++);
    this.stepElapsedMs = left;
  }
}
