import { createRequire } from 'node:module';

/** What aedes hands the queue: a packet with a topic (its `mq` contract, mqemitter's API). */
export interface QueuedMessage {
  readonly topic: string;
}
/** A subscription's delivery function; calls `done` once the message is written (or dropped). */
export type DeliveryListener = (message: QueuedMessage, done: (error?: unknown) => void) => void;
type Callback = (error?: Error) => void;

type Matcher = {
  add(filter: string, listener: DeliveryListener): void;
  remove(filter: string, listener?: DeliveryListener): void;
  match(topic: string): DeliveryListener[];
};
// The matcher mqemitter (aedes' default) uses; it ships no typings.
const { Qlobber } = createRequire(import.meta.url)('qlobber') as { Qlobber: new (options: object) => Matcher };

/** Start compacting the queue's array once this many delivered slots lead it. */
const COMPACT_AT = 4_096;
const noop = (): void => undefined;

/**
 * aedes' delivery queue (its `mq` option), a drop-in for mqemitter 7 with the two defects the
 * load runs hit fixed (docs/load.md):
 * - mqemitter starts the next queued message from inside the previous one's completion; a message
 *   with no subscriber completes synchronously, so a backlog of them recursed until "Maximum call
 *   stack size exceeded" killed the broker (measured at 11,000 msg/s). Here one loop starts queued
 *   messages and a completion inside it only counts down: the stack stays flat.
 * - mqemitter's queue is an array `shift`ed per message (O(n), 25 % of the broker past the knee);
 *   here it is an array with a moving head.
 * Messages start in arrival order; at most `concurrency` are being delivered at once.
 */
export class DeliveryQueue {
  private readonly matcher = new Qlobber({ separator: '/', wildcard_one: '+', wildcard_some: '#', match_empty_levels: true });
  private readonly messages: (QueuedMessage | undefined)[] = [];
  private readonly callbacks: (Callback | undefined)[] = [];
  private head = 0;
  private pumping = false;
  /** Messages being delivered now. */
  current = 0;
  closed = false;

  constructor(readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  }

  /** Messages waiting for a delivery slot (the broker's backlog signal). */
  get length(): number {
    return this.messages.length - this.head;
  }

  on(filter: string, listener: DeliveryListener, done?: () => void): this {
    this.matcher.add(filter, listener);
    if (done) setImmediate(done);
    return this;
  }

  removeListener(filter: string, listener: DeliveryListener, done?: () => void): this {
    setImmediate(() => {
      this.matcher.remove(filter, listener);
      done?.();
    });
    return this;
  }

  removeAllListeners(filter: string, done?: () => void): this {
    this.matcher.remove(filter);
    if (done) setImmediate(done);
    return this;
  }

  emit(message: QueuedMessage, callback: Callback = noop): this {
    if (this.closed) {
      callback(new Error('mqemitter is closed'));
      return this;
    }
    this.messages.push(message);
    this.callbacks.push(callback);
    this.pump();
    return this;
  }

  close(callback: () => void): this {
    this.closed = true;
    setImmediate(callback);
    return this;
  }

  /** Starts queued messages while slots are free; re-entered from a completion, it returns at once. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.current < this.concurrency && this.head < this.messages.length) {
        const message = this.messages[this.head] as QueuedMessage;
        const callback = this.callbacks[this.head] as Callback;
        this.messages[this.head] = undefined;
        this.callbacks[this.head] = undefined;
        this.head++;
        this.compact();
        this.deliver(message, callback);
      }
    } finally {
      this.pumping = false;
    }
  }

  private deliver(message: QueuedMessage, callback: Callback): void {
    this.current++;
    const listeners = this.matcher.match(message.topic);
    let pending = listeners.length;
    if (pending === 0) {
      this.complete(callback);
      return;
    }
    const done = (): void => {
      if (--pending === 0) this.complete(callback);
    };
    for (const listener of listeners) listener.call(this, message, done);
  }

  private complete(callback: Callback): void {
    this.current--;
    callback();
    this.pump();
  }

  private compact(): void {
    if (this.head < COMPACT_AT || this.head * 2 < this.messages.length) return;
    this.messages.splice(0, this.head);
    this.callbacks.splice(0, this.head);
    this.head = 0;
  }
}
