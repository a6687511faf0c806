import type { DeviceEvent } from '@plantwatch/contracts';
import { SequenceCounter } from '../../kit/sequence.js';

/** Flat event values (the common `deviceEvent` schema: camelCase names, scalar values). */
export type EventValues = Readonly<Record<string, number | string | boolean | null>>;

/**
 * Occurrences a model records while it steps (crucible delivered, cast started, bleed-out …),
 * drained one per poll by the device's `event` stream. Each event keeps the simulated time it
 * happened as its `ts`, so a poll a few hundred ms later does not move it.
 */
export class EventQueue {
  private readonly pending: { ts: number; v: EventValues }[] = [];
  private readonly seq = new SequenceCounter();

  push(ts: number, type: string, values: EventValues = {}): void {
    this.pending.push({ ts, v: { type, ...values } });
  }

  /** Number of events not yet emitted. */
  get size(): number {
    return this.pending.length;
  }

  /** The oldest pending event as a payload, or undefined when there is none. */
  next(): DeviceEvent | undefined {
    const event = this.pending.shift();
    if (event === undefined) return undefined;
    return { ts: event.ts, seq: this.seq.next(), v: { ...event.v }, q: 'good' };
  }
}
