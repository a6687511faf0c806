import type { MachineStatus, StopReason } from '@plantwatch/contracts';
import { SequenceCounter } from '../../kit/sequence.js';
import { STATE_HEARTBEAT_MS, type PartCounters } from './machine-cycle.js';

/** The status a machine's retained state reports (its own, or derived from its line). */
export interface StatusSource {
  readonly status: MachineStatus;
  readonly why: StopReason | null;
  readonly code: string | null;
  readonly since: number;
  /** Changes whenever status, why or code change. */
  readonly version: number;
}

/** Values of the retained machine `state` (contracts `machineState`). */
export type MachineStateValues = {
  readonly st: MachineStatus;
  readonly why: StopReason | null;
  readonly code: string | null;
  readonly total: number;
  readonly good: number;
  readonly scrap: number;
  readonly rework: number;
  readonly micro: number;
  readonly since: number;
  readonly durS: number;
  readonly idealS: number;
};

/**
 * The retained machine state "on change + 60 s heartbeat" (§2.7): the same object is returned
 * until the status changes or 60 s have passed, so the runtime (which publishes `state` when its
 * JSON changes) sends one message per change plus one a minute — not one per part. Counters and
 * `durS` (time in the current status) are refreshed with each new object.
 */
export class StateSnapshot {
  private value: MachineStateValues | undefined;
  private at = -Infinity;
  private version = -1;

  get(nowMs: number, source: StatusSource, counters: PartCounters, idealCycleMs: number): MachineStateValues {
    if (this.value === undefined || source.version !== this.version || nowMs - this.at >= STATE_HEARTBEAT_MS) {
      this.value = {
        st: source.status, why: source.why, code: source.code,
        total: counters.total, good: counters.good, scrap: counters.scrap, rework: counters.rework, micro: counters.micro,
        since: source.since, durS: Math.max(0, Math.floor((nowMs - source.since) / 1000)), idealS: idealCycleMs / 1000,
      };
      this.at = nowMs;
      this.version = source.version;
    }
    return this.value;
  }
}

/** Flat event values (common `deviceEvent`: ≤ 32 camelCase names). */
export type FlatValues = Readonly<Record<string, string | number | boolean | null>>;

/** One event waiting for its poll: its source time and values. */
export interface PendingEvent<V = FlatValues> {
  readonly ts: number;
  readonly v: V;
}

/**
 * Events of one device waiting to be published: an event stream polls at a fine period and
 * takes at most one per poll, stamped with its own time (so `ts` is exact and ordered). Bounded:
 * beyond `capacity` the oldest are dropped, as an edge buffer would.
 */
export class EventQueue<V = FlatValues> {
  private readonly items: PendingEvent<V>[] = [];
  private readonly seq = new SequenceCounter();

  constructor(private readonly capacity = 32) {}

  get size(): number {
    return this.items.length;
  }

  push(event: PendingEvent<V>): void {
    if (this.items.length >= this.capacity) this.items.shift();
    this.items.push(event);
  }

  /** The oldest pending event as an envelope, or undefined. */
  next(): { ts: number; seq: number; v: V; q: 'good' } | undefined {
    const event = this.items.shift();
    return event === undefined ? undefined : { ts: event.ts, seq: this.seq.next(), v: event.v, q: 'good' };
  }
}
