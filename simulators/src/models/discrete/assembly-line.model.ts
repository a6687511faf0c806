import type { MachineStatus, StopReason } from '@plantwatch/contracts';
import type { Rng } from '../../kit/rng.js';
import { MACHINE_CYCLE_DEFAULTS, MachineCycle, type MachineCycleParams } from './machine-cycle.js';
import type { StatusSource } from './machine-state.js';

const MINUTE = 60_000;

/**
 * A synchronous (indexing) assembly line (domain.md §2.5.3, §4.4): every takt all stations work
 * on the part in front of them, then the transfer moves each part one station on. A NOK part is
 * diverted to rework and re-enters at the line start after `reworkMs`, re-tested, so the final
 * pass rate at the last station is 100 % [S J2] while stations still report 0.2–1 % in-line
 * rejects. Any station's fault stops the whole line: that station is DOWN, upstream stations
 * IDLE blocked, downstream IDLE starved.
 */
export interface AssemblyLineParams {
  /** The line's indexing cycle: takt [ms], stops (§2.5.1). */
  readonly cycle: MachineCycleParams;
  /** Time a rejected part spends in rework before it re-enters [ms]. */
  readonly reworkMs: number;
}

/** Jingwei automated line (§2.5.3 [S J2]): 8 s takt; an automated line loses little speed. */
export const AUTOMATED_LINE: AssemblyLineParams = {
  cycle: { ...MACHINE_CYCLE_DEFAULTS, idealCycleMs: 8_000, speedLoss: 1.02, cycleSigma: 0.02, microStopsPerH: 4, microStopS: 30, mtbfH: 30, mttrMin: 20, starvedPerH: 0.2, starvedMin: 4, blockedPerH: 0.1, blockedMin: 3, changeoverEveryH: 24, changeoverMin: 20 },
  reworkMs: 10 * MINUTE,
};

/** One station of a line: processes the part in front of it at the end of each takt. */
export interface LineStation {
  /** Position along the line (0 = loading). */
  readonly pos: number;
  /** Always after every other station (the unloading robot), whatever its `pos`. */
  readonly last?: boolean;
  /** Works on one part; returns true when it passes. `retest` = a reworked part coming back. */
  process(endMs: number, serial: string, retest: boolean): boolean;
}

interface Part {
  readonly serial: string;
  readonly retest: boolean;
}

/** The shared model of one line; stations attach in line order (or by explicit `pos`). */
export class AssemblyLine {
  readonly cycle: MachineCycle;
  private readonly stations: LineStation[] = [];
  private slots: (Part | null)[] = [];
  private readonly rework: { part: Part; readyAt: number }[] = [];
  private serial = 0;
  private culprit: { pos: number; version: number } | undefined;
  private readonly kinds = new Map<string, number>();

  constructor(
    readonly params: AssemblyLineParams,
    rng: Rng,
    startMs: number,
    private readonly serialPrefix: string,
  ) {
    this.cycle = new MachineCycle(params.cycle, rng, startMs, (t) => this.index(t));
  }

  /** Number of stations attached. */
  get size(): number {
    return this.stations.length;
  }

  /** How many stations of `kind` have attached so far (then counts this one). */
  nextOf(kind: string): number {
    const n = this.kinds.get(kind) ?? 0;
    this.kinds.set(kind, n + 1);
    return n;
  }

  /** Adds a station; the line is already full of parts at the start (no warm-up gap). */
  attach(station: LineStation): void {
    this.stations.push(station);
    this.stations.sort((a, b) => Number(a.last ?? false) - Number(b.last ?? false) || a.pos - b.pos);
    this.slots = this.stations.map((_, i) => this.slots[i] ?? this.newPart());
  }

  /** The next free position (for stations without an explicit one). */
  nextPos(): number {
    return this.stations.reduce((max, s) => Math.max(max, s.pos + 1), 0);
  }

  advance(nowMs: number): void {
    this.cycle.advance(nowMs);
  }

  /** Stops the line because of station `pos` (its fault): DOWN there, blocked/starved around it. */
  stopFor(pos: number, nowMs: number, code: string, durationMs: number): void {
    this.cycle.forceStop(nowMs, 'DOWN', 'fault', code, durationMs);
    this.culprit = { pos, version: this.cycle.version };
  }

  /** The status station `pos` reports, derived from the line status (§2.5.1 states). */
  statusAt(pos: number): { status: MachineStatus; why: StopReason | null; code: string | null } {
    const { status, why, code, version } = this.cycle;
    if (status !== 'DOWN') return { status, why, code };
    const culprit = this.culprit?.version === version ? this.culprit.pos : (this.stations[version % Math.max(1, this.stations.length)]?.pos ?? 0);
    if (pos === culprit) return { status, why, code };
    return { status: 'IDLE', why: pos < culprit ? 'blocked' : 'starved', code: null };
  }

  /** One takt done: every station works on its part, NOK parts go to rework, then the transfer. */
  private index(t: number): boolean {
    for (let i = 0; i < this.stations.length; i++) {
      const part = this.slots[i];
      const station = this.stations[i];
      if (part === null || part === undefined || station === undefined) continue;
      if (!station.process(t, part.serial, part.retest)) {
        this.slots[i] = null;
        this.rework.push({ part: { serial: part.serial, retest: true }, readyAt: t + this.params.reworkMs });
      }
    }
    for (let i = this.slots.length - 1; i > 0; i--) this.slots[i] = this.slots[i - 1] ?? null;
    if (this.slots.length > 0) this.slots[0] = this.nextPart(t);
    return true;
  }

  private nextPart(t: number): Part {
    const ready = this.rework[0];
    if (ready !== undefined && ready.readyAt <= t) {
      this.rework.shift();
      return ready.part;
    }
    return this.newPart();
  }

  private newPart(): Part {
    this.serial++;
    return { serial: `${this.serialPrefix}-${String(this.serial).padStart(7, '0')}`, retest: false };
  }
}

/** The {@link StatusSource} of one station on a line, for its retained state. */
export class StationStatus implements StatusSource {
  constructor(
    private readonly line: AssemblyLine,
    private readonly pos: number,
  ) {}

  get status(): MachineStatus {
    return this.line.statusAt(this.pos).status;
  }

  get why(): StopReason | null {
    return this.line.statusAt(this.pos).why;
  }

  get code(): string | null {
    return this.line.statusAt(this.pos).code;
  }

  get since(): number {
    return this.line.cycle.since;
  }

  get version(): number {
    return this.line.cycle.version;
  }
}
