import type { Clock, TimerHandle } from './clock.js';
import { MinHeap, type HeapEntry } from './min-heap.js';

/** A task run at its due time; `dueMs` is the simulated time it was due (the payload `ts`). */
export type ScheduledTask = (dueMs: number) => void;

/** Handle of a scheduled task, for {@link Scheduler.cancel}. */
export interface TaskHandle {
  readonly id: number;
}

interface Entry extends HeapEntry {
  readonly id: number;
  readonly task: ScheduledTask;
  /** Period for repeating tasks; 0 for one-shot tasks. */
  readonly periodMs: number;
}

/** Options of {@link Scheduler}. */
export interface SchedulerOptions {
  /**
   * Tasks run per wake-up before yielding to I/O (a zero-delay timer), so a catch-up burst at
   * 3,600× never starves the MQTT sockets. Default 500.
   */
  readonly maxBatch?: number;
  /** Called when a task throws; the scheduler carries on. Default: rethrow asynchronously. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Runs every publication of every simulated device from ONE clock timer: a min-heap of next-due
 * tasks, armed for the earliest (thousands of devices × streams cost one timer, not one
 * setInterval each). Tasks receive their due time, so payload timestamps and model steps are
 * exact and deterministic even when a real timer fires late.
 */
export class Scheduler {
  private readonly heap = new MinHeap<Entry>();
  private readonly live = new Set<number>();
  private readonly maxBatch: number;
  private readonly onError: (error: unknown) => void;
  private timer: TimerHandle | undefined;
  private armedFor = Infinity;
  private nextId = 1;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    options: SchedulerOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 500;
    this.onError = options.onError ?? ((error) => queueMicrotask(() => { throw error; }));
  }

  /** Number of live tasks. */
  get size(): number {
    return this.live.size;
  }

  /** Runs `task` once at `dueMs` (simulated epoch ms). */
  at(dueMs: number, task: ScheduledTask): TaskHandle {
    return this.add(dueMs, 0, task);
  }

  /** Runs `task` at `firstDueMs` and then every `periodMs`. */
  every(periodMs: number, firstDueMs: number, task: ScheduledTask): TaskHandle {
    if (!(periodMs > 0)) throw new RangeError(`period must be positive, got ${periodMs}`);
    return this.add(firstDueMs, periodMs, task);
  }

  cancel(handle: TaskHandle): void {
    this.live.delete(handle.id);
  }

  /** Cancels every task and the timer; the scheduler cannot be restarted. */
  stop(): void {
    this.stopped = true;
    this.live.clear();
    this.heap.clear();
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private add(dueMs: number, periodMs: number, task: ScheduledTask): TaskHandle {
    if (this.stopped) throw new Error('scheduler is stopped');
    const id = this.nextId++;
    this.heap.push({ id, task, periodMs, dueMs, order: id });
    this.live.add(id);
    this.arm();
    return { id };
  }

  /** (Re)arms the one clock timer for the earliest live task. */
  private arm(): void {
    let head = this.heap.peek();
    while (head !== undefined && !this.live.has(head.id)) {
      this.heap.pop();
      head = this.heap.peek();
    }
    if (head === undefined || this.stopped) return;
    if (this.timer !== undefined && head.dueMs >= this.armedFor) return;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.armedFor = head.dueMs;
    this.timer = this.clock.setTimeout(() => this.wake(), head.dueMs - this.clock.now());
  }

  private wake(): void {
    this.timer = undefined;
    this.armedFor = Infinity;
    const now = this.clock.now();
    let ran = 0;
    for (let head = this.heap.peek(); head !== undefined && head.dueMs <= now && ran < this.maxBatch; head = this.heap.peek()) {
      this.heap.pop();
      if (!this.live.has(head.id)) continue;
      ran++;
      if (head.periodMs > 0) this.heap.push({ ...head, dueMs: head.dueMs + head.periodMs, order: this.nextId++ });
      else this.live.delete(head.id);
      this.run(head);
    }
    this.arm();
  }

  private run(entry: Entry): void {
    try {
      entry.task(entry.dueMs);
    } catch (error) {
      this.onError(error);
    }
  }
}
