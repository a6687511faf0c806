import type { CncTelemetry, VibrationTelemetry } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import { Ar1Noise, lag, quantise } from '../../kit/signal.js';
import type { CastingSupply } from './casting-supply.js';
import { MACHINE_CYCLE_DEFAULTS, MachineCycle, logNormal, type MachineCycleParams } from './machine-cycle.js';
import { EventQueue, StateSnapshot, type MachineStateValues } from './machine-state.js';
import { VibrationChannel } from './vibration.js';

const MINUTE = 60_000;

/** CNC parameters, domain.md §2.5.2 and §2.5.6 defaults. */
export interface CncParams {
  /** Part program shown in telemetry, e.g. `CRK-OP20-R7`. */
  readonly prog: string;
  /** Spindle speed [min⁻¹] and feed [mm/rev] of the cut. */
  readonly rpm: number;
  readonly feed: number;
  /** Spindle load during the cut [% rated] (§2.5.2: 20–70) and in air cut (5–10). */
  readonly cutLoadPct: number;
  readonly airCutPct: number;
  /** Share of the cycle spent cutting. */
  readonly cutFraction: number;
  /** Spindle motor current at 100 % load [A]. */
  readonly ratedA: number;
  /** Mean tool life [parts per edge] (§2.5.2: 300–3,000). */
  readonly toolLife: number;
  /** Spindle load rise at end of tool life [fraction] (§2.5.6: 0.10–0.30). */
  readonly wearRise: number;
  /** Bore tolerance ± [µm] and process σ [µm] (§2.5.2: 2–10 µm). */
  readonly toleranceUm: number;
  readonly sigmaUm: number;
  /** Scrap from causes the model does not trace (casting porosity, handling). */
  readonly otherScrap: number;
  /** Healthy vibration v₀ [mm/s] (§2.5.6: 0.6–1.5). */
  readonly v0: number;
  readonly cycle: MachineCycleParams;
  /** Castings in stock when the feeding moulding line stops [ms] (§2.5.7: 30–120 min). */
  readonly bufferMs: number;
}

/** Typical values; a device draws its own cycle time and v₀ around them. */
export const CNC_DEFAULTS: CncParams = {
  prog: 'CRK-OP20-R7', rpm: 2200, feed: 0.18, cutLoadPct: 46, airCutPct: 7, cutFraction: 0.7, ratedA: 36,
  toolLife: 800, wearRise: 0.2, toleranceUm: 5, sigmaUm: 1.2, otherScrap: 0.002, v0: 0.9,
  cycle: { ...MACHINE_CYCLE_DEFAULTS, idealCycleMs: 35_000 }, bufferMs: 60 * MINUTE,
};

/** Units of CNC telemetry (§3.4), for `meta`. */
export const CNC_UNITS: Readonly<Record<string, string>> = {
  load: '%', loadMax: '%', i: 'A', rpm: 'min⁻¹', feed: 'mm/rev', vib: 'mm/s', tSpindle: '°C', toolLifePct: '%',
  rms: 'mm/s', peak: 'g', crest: '1', bands: 'mm/s', hf: 'g', boreUm: 'µm', cycleS: 's',
};

/**
 * Flank wear VB [mm] after `u` = parts / tool life (§2.5.6 three phases): fast break-in to
 * 0.05 mm in the first 5 %, linear to 0.25 mm, accelerated to 0.30 mm at end of life and beyond.
 */
export function flankWear(u: number): number {
  if (u < 0.05) return 0.05 * Math.sqrt(Math.max(0, u) / 0.05);
  if (u < 0.8) return 0.05 + (0.2 * (u - 0.05)) / 0.75;
  return 0.25 + 0.05 * ((u - 0.8) / 0.2) ** 2;
}

/**
 * A CNC machining cell (domain.md §2.5.2, §2.5.6): the §2.5.1 machine cycle, a tool wearing per
 * part (load up, bore drifting negative, scrap up), spindle vibration, temperature and motor
 * current. Faults (cnc.faults.ts) act through the public fields. Telemetry draws come from
 * `rng`; parts and stops from `cycleRng`, so publishing more or less often never changes them.
 */
export class CncModel {
  readonly cycle: MachineCycle;
  readonly vibration: VibrationChannel;
  readonly events = new EventQueue();
  /** Tool changes are suppressed while a worn-out tool is left in (TOOL_WEAR). */
  toolOverrun = false;
  wearRise: number;
  /** Tool break: time of the last load spike, spike [% rated], the part in work broken, end of the air cut. */
  breakAt: number | undefined;
  brokenPart = false;
  breakSpikePct = 220;
  breakStopAt: number | undefined;
  breakDownMs = 15 * MINUTE;
  tempRiseC = 10;
  private toolNo = 1;
  private toolParts = 0;
  private toolLife: number;
  private serial = 0;
  private readonly state = new StateSnapshot();
  private readonly seq = { telemetry: new SequenceCounter(), vibration: new SequenceCounter() };
  private readonly loadNoise: Ar1Noise;
  private tSpindle: number;
  private lastMs: number;

  constructor(
    readonly params: CncParams,
    private readonly rng: Rng,
    private readonly cycleRng: Rng,
    startMs: number,
    private readonly serialPrefix: string,
    private readonly supply?: CastingSupply,
  ) {
    this.cycle = new MachineCycle(params.cycle, cycleRng, startMs, (t, ms) => this.judge(t, ms));
    this.vibration = new VibrationChannel(params.v0);
    this.wearRise = params.wearRise;
    this.toolLife = this.drawToolLife();
    this.toolParts = Math.floor(cycleRng.float() * this.toolLife);
    this.loadNoise = new Ar1Noise(1.5, 0.9, rng);
    this.tSpindle = 30 + 8 * (params.cutLoadPct / 100);
    this.lastMs = startMs;
  }

  /** Tool flank wear now [mm]. */
  get vb(): number {
    return flankWear(this.toolParts / this.toolLife);
  }

  /** Remaining tool life [%]. */
  get toolLifePct(): number {
    return Math.max(0, 100 * (1 - this.toolParts / this.toolLife));
  }

  get toolId(): string {
    return `T${String(this.toolNo).padStart(2, '0')}`;
  }

  /** Brings the cycle, a pending tool-break stop and casting starvation up to `nowMs`. */
  sync(nowMs: number): void {
    if (this.breakStopAt !== undefined && this.breakStopAt <= nowMs) this.stopAfterBreak(this.breakStopAt);
    const dry = this.supply?.dryAt(nowMs, this.params.bufferMs);
    if (dry !== undefined && this.cycle.why !== 'starved') this.cycle.forceStop(Math.max(dry, this.cycle.since), 'IDLE', 'starved', 'LINE_STOP');
    if (dry === undefined && this.cycle.why === 'starved' && this.cycle.code === 'LINE_STOP') this.cycle.resume(Math.min(nowMs, this.supply?.restartedAt ?? nowMs), 'starved');
    this.cycle.advance(nowMs);
  }

  /** Spindle load factor of the current tool wear (§2.5.6: +10–30 % at end of life). */
  loadFactor(): number {
    return 1 + this.wearRise * Math.max(0, (this.vb - 0.05) / 0.25);
  }

  /** CNC `telemetry` at `nowMs` (5 s, §3.4): averages and maxima over the last period. */
  telemetry(nowMs: number, periodMs: number): CncTelemetry {
    this.sync(nowMs);
    const dt = nowMs - this.lastMs;
    this.lastMs = nowMs;
    const p = this.params;
    const running = this.cycle.status === 'RUNNING';
    const airCut = this.breakStopAt !== undefined && running;
    const cut = p.cutLoadPct * this.loadFactor() + this.loadNoise.step(this.rng, dt);
    const load = !running ? 0.5 : airCut ? p.airCutPct : p.cutFraction * cut + (1 - p.cutFraction) * p.airCutPct;
    const spike = this.breakAt !== undefined && this.breakAt > nowMs - periodMs && this.breakAt <= nowMs;
    const loadMax = spike ? this.breakSpikePct : running && !airCut ? cut * (1.12 + 0.03 * this.rng.normal()) : load;
    const target = 24 + (running ? 14 * (load / 100) : 0) + this.tempRiseC * this.vibration.damage(nowMs);
    this.tSpindle = lag(this.tSpindle, target, dt, 20 * MINUTE);
    const vib = running ? this.vibration.rms(nowMs) * (1 + 0.04 * this.rng.normal()) : 0.05;
    return {
      ts: nowMs, seq: this.seq.telemetry.next(), q: 'good',
      v: {
        prog: p.prog, load: quantise(load, 0.1), loadMax: quantise(loadMax, 0.1), i: quantise(p.ratedA * (0.12 + 0.88 * (load / 100)), 0.1),
        rpm: running ? Math.round(p.rpm * (1 + 0.001 * this.rng.normal())) : 0, feed: running && !airCut ? p.feed : 0,
        vib: quantise(vib, 0.01), tSpindle: quantise(this.tSpindle + 0.1 * this.rng.normal(), 0.1), toolId: this.toolId, toolLifePct: Math.round(this.toolLifePct),
      },
    };
  }

  /** `telemetry/vibration` (10 s, §2.7) for cells with a spindle-vibration channel. */
  vibrationTelemetry(nowMs: number): VibrationTelemetry {
    this.sync(nowMs);
    return { ts: nowMs, seq: this.seq.vibration.next(), q: 'good', v: this.vibration.read(nowMs, this.rng, this.cycle.status === 'RUNNING') };
  }

  /** The oldest pending event (`part_done`, `tool_change`) as an envelope, or undefined. */
  nextEvent(nowMs: number): object | undefined {
    this.sync(nowMs);
    return this.events.next();
  }

  /** Retained machine state (on change + 60 s heartbeat). */
  stateValues(nowMs: number): MachineStateValues {
    this.sync(nowMs);
    return this.state.get(nowMs, this.cycle, this.cycle.counters, this.params.cycle.idealCycleMs);
  }

  /** Ages the current tool to `remainingPct` of its life (never makes it younger). */
  ageTool(remainingPct: number): void {
    this.toolParts = Math.max(this.toolParts, Math.round(this.toolLife * (1 - Math.min(100, Math.max(0, remainingPct)) / 100)));
  }

  /** Puts a fresh tool in (`tool_change` event). */
  changeTool(t: number, reason: string): void {
    this.events.push({ ts: t, v: { type: 'tool_change', toolId: this.toolId, parts: this.toolParts, vbMm: quantise(this.vb, 0.01), reason } });
    this.toolNo = (this.toolNo % 24) + 1;
    this.toolParts = 0;
    this.toolLife = this.drawToolLife();
  }

  /** Tool-break aftermath: the part in work is NOK (if none finished in the air cut) and the machine stops. */
  private stopAfterBreak(t: number): void {
    this.breakStopAt = undefined;
    this.cycle.advance(t);
    if (this.brokenPart) {
      this.cycle.countPart(false);
      this.pushPart(t, (t - this.cycle.since) / 1000, false, null, 'TOOL_BREAK');
    }
    this.brokenPart = false;
    this.changeTool(t, 'break');
    this.cycle.forceStop(t, 'DOWN', 'fault', 'TOOL_BREAK', this.breakDownMs);
  }

  /** Per-part quality (§2.5.2 tolerances, §2.5.7 tool wear): bore deviation from wear drift and noise. */
  private judge(t: number, cycleMs: number): boolean {
    this.toolParts++;
    const broken = this.brokenPart;
    const drift = -3 * Math.max(0, (this.vb - 0.15) / 0.15); // −3 µm at end of life (VB 0.3), more when overrun
    const sigma = this.params.sigmaUm * (1 + 2 * this.vibration.damage(t));
    const bore = drift + sigma * this.cycleRng.normal();
    const ok = !broken && Math.abs(bore) <= this.params.toleranceUm && this.cycleRng.float() >= this.params.otherScrap;
    this.brokenPart = false; // a broken part in work is gauged NOK and counted here
    this.pushPart(t, cycleMs / 1000, ok, broken ? null : bore, broken ? 'TOOL_BREAK' : null);
    if (this.toolParts >= this.toolLife && !this.toolOverrun) this.changeTool(t, 'life');
    return ok;
  }

  private pushPart(t: number, cycleS: number, ok: boolean, boreUm: number | null, code: string | null): void {
    this.serial++;
    this.events.push({
      ts: t,
      v: { type: 'part_done', serial: `${this.serialPrefix}-${String(this.serial).padStart(7, '0')}`, cycleS: quantise(cycleS, 0.1), verdict: ok ? 'OK' : 'NOK', boreUm: boreUm === null ? null : quantise(boreUm, 0.1), toolId: this.toolId, code },
    });
  }

  private drawToolLife(): number {
    return Math.max(50, Math.round(logNormal(this.cycleRng, this.params.toolLife, 0.15)));
  }
}
