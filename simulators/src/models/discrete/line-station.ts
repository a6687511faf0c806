import type { PlantDevice } from '@plantwatch/domain';
import { Rng } from '../../kit/rng.js';
import type { DeviceContext } from '../device-factory.js';
import type { FaultHandler } from '../sim-device.js';
import { AUTOMATED_LINE, AssemblyLine, StationStatus, type AssemblyLineParams, type LineStation } from './assembly-line.model.js';
import { flag, lineKeyOf, mtbfOf, num, optNum, pathOf, type DiscreteParams } from './discrete-params.js';
import { PartCounters } from './machine-cycle.js';
import { EventQueue, StateSnapshot, type MachineStateValues } from './machine-state.js';

const MINUTE = 60_000;

/** Flat values a station adds to its `part_done` event (common `deviceEvent`: ≤ 32, camelCase). */
export type PartValues = Record<string, string | number | boolean | null>;
/** What a station does to one part: verdict and measured values. */
export type StationWork = (endMs: number, serial: string, retest: boolean) => { ok: boolean; values: PartValues };

/**
 * Line parameters from the first station's params: `taktS` (alias `cycleS`; default 8 s on
 * Jingwei lines [S J2], 12 s on a `legacy`/`baseline` line, 10 s elsewhere; a takt of 11 s or
 * more also runs like the manual baseline), `mtbfH`, `mttrMin`, `reworkMin`.
 */
export function lineParams(device: PlantDevice, params: DiscreteParams): AssemblyLineParams {
  const path = pathOf(device);
  const slugLegacy = /legacy|baseline/.test(path.line);
  const defaultTaktS = slugLegacy ? 12 : path.enterprise === 'jingwei' ? 8 : 10;
  const legacy = slugLegacy || (path.enterprise === 'jingwei' && num(params, 'taktS', num(params, 'cycleS', defaultTaktS)) >= 11);
  const base = AUTOMATED_LINE.cycle;
  // The manual/semi-automatic baseline (§2.5.3: 12 s) runs less evenly and fails more often.
  const manual = legacy ? { speedLoss: 1.05, cycleSigma: 0.08, mtbfH: 15, microStopsPerH: 8 } : {};
  return {
    cycle: { ...base, ...manual, idealCycleMs: Math.round(num(params, 'taktS', num(params, 'cycleS', defaultTaktS)) * 1000), mtbfH: mtbfOf(params, legacy ? 15 : base.mtbfH), mttrMin: num(params, 'mttrMin', base.mttrMin) },
    reworkMs: num(params, 'reworkMin', AUTOMATED_LINE.reworkMs / MINUTE) * MINUTE,
  };
}

/** The line a station belongs to, created by its first station (`DeviceContext.shared`, key `discrete/line/…`). */
export function lineOf(device: PlantDevice, context: DeviceContext, params: DiscreteParams): AssemblyLine {
  const path = pathOf(device);
  const key = lineKeyOf(path);
  const prefix = path.line.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 16); // serials stay unique per line
  return context.shared(key, () => new AssemblyLine(lineParams(device, params), Rng.forKey(context.seed, key), context.startMs, prefix));
}

/**
 * One station on an {@link AssemblyLine}: its own counters (good + scrap = total; every NOK is
 * reworked), `part_done` events, and a retained state derived from the line status.
 */
export class LineStationModel implements LineStation {
  readonly counters = new PartCounters();
  readonly events = new EventQueue();
  readonly status: StationStatus;
  private readonly snapshot = new StateSnapshot();

  constructor(
    readonly line: AssemblyLine,
    readonly pos: number,
    private readonly work: StationWork,
    readonly last = false,
  ) {
    this.status = new StationStatus(line, pos);
    line.attach(this);
  }

  /** Poll period of the part events: half the takt, at most 4 s (at most one part per poll). */
  get pollMs(): number {
    return Math.min(4_000, Math.max(250, Math.floor(this.line.params.cycle.idealCycleMs / 2)));
  }

  get running(): boolean {
    return this.line.cycle.status === 'RUNNING';
  }

  process(endMs: number, serial: string, retest: boolean): boolean {
    const { ok, values } = this.work(endMs, serial, retest);
    this.counters.count(ok, !ok);
    const cycleS = Math.round(this.line.cycle.lastCycleMs / 100) / 10;
    this.events.push({ ts: endMs, v: { type: 'part_done', serial, verdict: ok ? 'OK' : 'NOK', retest, cycleS, ...values } });
    return ok;
  }

  /** The oldest pending event, after bringing the line to `nowMs`. */
  nextEvent(nowMs: number): object | undefined {
    this.line.advance(nowMs);
    return this.events.next();
  }

  stateValues(nowMs: number): MachineStateValues {
    this.line.advance(nowMs);
    this.counters.micro = this.line.cycle.counters.micro; // micro-stops are the line's (it indexes as one)
    return this.snapshot.get(nowMs, this.status, this.counters, this.line.params.cycle.idealCycleMs);
  }

  /** `MACHINE_FAULT` (§2.5.7) of this station: the whole line stops with this station DOWN. Options: mttrMin, code. */
  machineFault(): FaultHandler {
    let injected = 'MACHINE_FAULT';
    return {
      description: 'Station fault: this station DOWN (fault), the line stops (upstream blocked, downstream starved) for an MTTR-distributed time → MACHINE_FAULT (§2.5.7). Options: mttrMin (line MTTR; 0 = until cleared), code',
      inject: (nowMs, options) => {
        this.line.advance(nowMs);
        const mttrMin = optNum(options, 'mttrMin', this.line.params.cycle.mttrMin);
        injected = typeof options?.['code'] === 'string' ? options['code'].slice(0, 32) : 'MACHINE_FAULT';
        this.line.stopFor(this.pos, nowMs, injected, mttrMin > 0 ? mttrMin * MINUTE : Infinity);
      },
      clear: (nowMs) => this.line.cycle.resume(nowMs, 'fault', injected),
    };
  }
}

/**
 * Attaches a station for `device` to its line at param `pos` or the next free position; `last`
 * keeps it after all others (param `last: true`, or the second robot of a line: it unloads).
 */
export function attachStation(device: PlantDevice, context: DeviceContext, params: DiscreteParams, work: StationWork, last = false): LineStationModel {
  const line = lineOf(device, context, params);
  return new LineStationModel(line, num(params, 'pos', line.nextPos()), work, flag(params, 'last', last));
}
