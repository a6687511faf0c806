import type { AgvState, AgvTelemetry } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { SequenceCounter } from '../../kit/sequence.js';
import { quantise } from '../../kit/signal.js';

/** AGV task state (§2.5.2). */
export type AgvSt = NonNullable<AgvState['v']['st']>;
/** AGV fault causes (§2.5.7 AGV_FAULT): obstacle timeout, localisation lost, battery < 15 %. */
export const AGV_FAULT_MODES = ['obstacle', 'localisation', 'battery'] as const;
/** Cause of an AGV_FAULT. */
export type AgvFaultMode = (typeof AGV_FAULT_MODES)[number];

/** AGV parameters (domain.md §2.5.2: speed ≤ 1.5 m/s, battery 20–100 %). */
export interface AgvParams {
  readonly speedMs: number;
  readonly handleMs: number;
  /** Battery drain [%/min] moving empty, moving loaded, standing; charge rate [%/min]. */
  readonly drain: { readonly empty: number; readonly loaded: number; readonly idle: number; readonly charge: number };
  /** Go charging below this SoC [%]; transport commands are rejected below `minSoc`. */
  readonly chargeBelow: number;
  readonly minSoc: number;
  /** Obstacle wait before the AGV declares a fault [ms]. */
  readonly obstacleTimeoutMs: number;
  /** Self-dispatched tasks when idle (the fleet manager's own work), idle gap [ms]. */
  readonly autoTasks: boolean;
  readonly idleMs: readonly [number, number];
}

/** Typical forklift AGV: 1.2 m/s, 20 s load/unload, charge below 25 %. */
export const AGV_DEFAULTS: AgvParams = {
  speedMs: 1.2, handleMs: 20_000, drain: { empty: 0.5, loaded: 0.7, idle: 0.05, charge: 1.5 }, chargeBelow: 25, minSoc: 20,
  obstacleTimeoutMs: 30_000, autoTasks: true, idleMs: [15_000, 60_000],
};

/** Pick/drop points of the Huaxiang hall [m]: foundry out, machining cells, warehouse, chargers. */
export const AGV_LOCATIONS: Readonly<Record<string, readonly [number, number]>> = Object.fromEntries([
  ...Array.from({ length: 4 }, (_, i) => [`FDY-${i + 1}`, [20 + 30 * i, 100]] as const),
  ...Array.from({ length: 16 }, (_, i) => [`M${String(i + 1).padStart(2, '0')}`, [20 + 12 * i, 30]] as const),
  ...Array.from({ length: 4 }, (_, i) => [`WH-${i + 1}`, [220, 20 + 25 * i]] as const),
]);
const CHARGER: readonly [number, number] = [5, 5];
const WORK_POINTS = Object.keys(AGV_LOCATIONS);

/** A transport task: from, to, load id; `cmd` when a `transport` command asked for it. */
export interface AgvTask {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly loadId: string;
  outcome?: { readonly status: 'applied' | 'failed'; readonly at: number };
}

/**
 * An unmanned forklift (domain.md §2.5.2 H5, §4.2): travels Manhattan routes at ≤ 1.5 m/s through
 * the task states `idle → to_pick → loading → to_drop → unloading`, charges below 25 %, and
 * stops on faults. A discrete-event model: phases end at computed times; position is interpolated.
 */
export class AgvModel {
  st: AgvSt = 'idle';
  task: AgvTask | undefined;
  load = false;
  soc: number;
  fault: AgvFaultMode | undefined;
  private faultSince = 0;
  private cancelled = false;
  private x: number;
  private y: number;
  private tx: number;
  private ty: number;
  private phaseStart: number;
  private phaseEnd: number;
  private lastMs: number;
  private taskNo = 0;
  private readonly seq = new SequenceCounter();

  constructor(
    readonly params: AgvParams,
    private readonly rng: Rng,
    startMs: number,
    private readonly agvId: string,
  ) {
    [this.x, this.y] = AGV_LOCATIONS[WORK_POINTS[rng.int(0, WORK_POINTS.length - 1)] ?? 'WH-1'] ?? CHARGER;
    [this.tx, this.ty] = [this.x, this.y];
    this.soc = rng.uniform(40, 95);
    this.phaseStart = startMs;
    this.lastMs = startMs;
    this.phaseEnd = params.autoTasks ? startMs + Math.round(rng.uniform(0, params.idleMs[1])) : Infinity;
  }

  /** Whether a `transport` command can start now; else the reason. */
  busyReason(): string | undefined {
    if (this.fault !== undefined) return `fault: ${this.fault}`;
    if (this.soc < this.params.minSoc) return 'low battery';
    if (this.st !== 'idle') return this.st === 'charging' ? 'charging' : 'busy';
    return undefined;
  }

  /** Starts a task now (idle AGV only). */
  assign(nowMs: number, task: AgvTask): void {
    this.task = task;
    this.travel(nowMs, 'to_pick', AGV_LOCATIONS[task.from] ?? CHARGER);
  }

  /** Processes every phase end up to `nowMs` (frozen while a fault holds the AGV). */
  advance(nowMs: number): void {
    if (this.fault !== undefined) {
      if (!this.cancelled && nowMs >= this.faultSince + (this.fault === 'obstacle' ? this.params.obstacleTimeoutMs : 0)) this.cancelTask(this.faultSince + (this.fault === 'obstacle' ? this.params.obstacleTimeoutMs : 0));
      return;
    }
    while (this.phaseEnd <= nowMs) this.endPhase(this.phaseEnd);
    this.drainTo(nowMs);
  }

  /** Fault now: the AGV stops where it is. */
  injectFault(nowMs: number, mode: AgvFaultMode, soc?: number): void {
    this.advance(nowMs);
    this.fault = mode;
    this.faultSince = nowMs;
    this.cancelled = false;
    if (mode === 'battery') this.soc = Math.min(this.soc, soc ?? 12);
    this.advance(nowMs);
  }

  /** Fault cleared: resume the phase (obstacle gone in time) or start over idle / charging. */
  clearFault(nowMs: number): void {
    if (this.fault === undefined) return;
    const [x, y] = this.positionAt(this.faultSince);
    const wasBattery = this.fault === 'battery';
    this.fault = undefined;
    if (!this.cancelled) {
      this.phaseStart += nowMs - this.faultSince;
      this.phaseEnd += nowMs - this.faultSince;
    } else {
      [this.x, this.y, this.tx, this.ty] = [x, y, x, y];
      if (wasBattery) this.travel(nowMs, 'charging', CHARGER);
      else this.goIdle(nowMs);
    }
    this.lastMs = nowMs;
  }

  /** `telemetry` (1 s): position, heading, speed, SoC, task, state, load. */
  telemetry(nowMs: number): AgvTelemetry {
    this.advance(nowMs);
    const moving = this.fault === undefined && (this.st === 'to_pick' || this.st === 'to_drop' || this.st === 'charging') && nowMs < this.arrivalMs();
    const [x, y] = this.positionAt(this.fault === undefined ? nowMs : this.faultSince);
    const lost = this.fault === 'localisation';
    return {
      ts: nowMs, seq: this.seq.next(), q: lost ? 'uncertain' : 'good',
      v: {
        x: lost ? null : quantise(x, 0.1), y: lost ? null : quantise(y, 0.1), hdg: lost ? null : this.heading(nowMs), v: moving ? quantise(this.params.speedMs * (1 + 0.02 * this.rng.normal()), 0.01) : 0,
        soc: quantise(this.soc, 1), task: this.task?.id ?? null, st: this.visibleSt(), load: this.load,
      },
    };
  }

  /** Retained state values: task state, task, fault. */
  stateValues(nowMs: number): { st: AgvSt; task: string | null; fault: string | null } {
    this.advance(nowMs);
    return { st: this.visibleSt(), task: this.task?.id ?? null, fault: this.fault !== undefined && this.visibleSt() === 'fault' ? this.fault : null };
  }

  /** `fault` once the fault holds the AGV (an obstacle only after its timeout). */
  private visibleSt(): AgvSt {
    return this.fault !== undefined && this.cancelled ? 'fault' : this.st;
  }

  private endPhase(t: number): void {
    this.drainTo(t);
    [this.x, this.y] = [this.tx, this.ty];
    const task = this.task;
    if (this.st === 'to_pick') this.hold(t, 'loading');
    else if (this.st === 'loading' && task !== undefined) {
      this.load = true;
      this.travel(t, 'to_drop', AGV_LOCATIONS[task.to] ?? CHARGER);
    }
    else if (this.st === 'to_drop') this.hold(t, 'unloading');
    else if (this.st === 'unloading' && task !== undefined) {
      this.load = false;
      task.outcome = { status: 'applied', at: t };
      this.goIdle(t);
    } else if (this.st === 'charging') this.goIdle(t);
    else this.dispatch(t);
  }

  /** Idle timer ran out: charge when low, else a self-dispatched task. */
  private dispatch(t: number): void {
    if (this.soc < this.params.chargeBelow) return this.travel(t, 'charging', CHARGER);
    const from = WORK_POINTS[this.rng.int(0, WORK_POINTS.length - 1)] ?? 'WH-1';
    const to = WORK_POINTS[this.rng.int(0, WORK_POINTS.length - 1)] ?? 'M01';
    this.taskNo++;
    this.assign(t, { id: `${this.agvId}-${this.taskNo}`, from, to: to === from ? 'WH-1' : to, loadId: `L${this.taskNo}` });
  }

  private goIdle(t: number): void {
    this.task = undefined;
    this.st = 'idle';
    this.phaseStart = t;
    this.phaseEnd = this.params.autoTasks || this.soc < this.params.chargeBelow ? t + Math.round(this.rng.uniform(this.params.idleMs[0], this.params.idleMs[1])) : Infinity;
  }

  private cancelTask(t: number): void {
    this.cancelled = true;
    if (this.task !== undefined) this.task.outcome = { status: 'failed', at: t };
    this.task = undefined;
    this.load = false;
  }

  private hold(t: number, st: AgvSt): void {
    this.st = st;
    this.phaseStart = t;
    this.phaseEnd = t + this.params.handleMs;
  }

  private travel(t: number, st: AgvSt, [tx, ty]: readonly [number, number]): void {
    this.st = st;
    [this.tx, this.ty] = [tx, ty];
    this.phaseStart = t;
    const arrive = t + this.travelMs();
    this.phaseEnd = st === 'charging' ? arrive + Math.round((Math.max(0, 90 - this.soc) / this.params.drain.charge) * 60_000) : arrive;
  }

  private travelMs(): number {
    return Math.round(((Math.abs(this.tx - this.x) + Math.abs(this.ty - this.y)) / this.params.speedMs) * 1000);
  }

  private arrivalMs(): number {
    return this.phaseStart + this.travelMs();
  }

  /** Position along the Manhattan route (x leg, then y leg). */
  private positionAt(t: number): [number, number] {
    if (this.st !== 'to_pick' && this.st !== 'to_drop' && this.st !== 'charging') return [this.x, this.y];
    const s = (Math.max(0, t - this.phaseStart) / 1000) * this.params.speedMs;
    const dx = this.tx - this.x;
    const dy = this.ty - this.y;
    if (s < Math.abs(dx)) return [this.x + Math.sign(dx) * s, this.y];
    return [this.tx, this.y + Math.sign(dy) * Math.min(Math.abs(dy), s - Math.abs(dx))];
  }

  private heading(t: number): number {
    const s = (Math.max(0, t - this.phaseStart) / 1000) * this.params.speedMs;
    const dx = this.tx - this.x;
    if (s < Math.abs(dx)) return dx >= 0 ? 0 : 180;
    return this.ty >= this.y ? 90 : 270;
  }

  /** Battery: drains by activity, charges at the charger; never below 0 or above 100. */
  private drainTo(t: number): void {
    const minutes = Math.max(0, t - this.lastMs) / 60_000;
    this.lastMs = Math.max(this.lastMs, t);
    const d = this.params.drain;
    const moving = this.st === 'to_pick' || this.st === 'to_drop';
    const atCharger = this.st === 'charging' && t >= this.arrivalMs();
    const rate = atCharger ? -d.charge : moving ? (this.load ? d.loaded : d.empty) : this.st === 'charging' ? d.empty : d.idle;
    this.soc = Math.min(100, Math.max(0, this.soc - rate * minutes));
  }
}
