import { MinHeap, type HeapEntry } from './min-heap.js';

/**
 * An injectable clock (STYLE.md §11, after MQTT.js `get-timer.ts`): simulators read time and set
 * timers only through it, so a 48-hour firing cycle runs in milliseconds under a
 * {@link VirtualClock} and at 1×–3,600× under a {@link RealClock} (domain.md §4).
 * All times and delays are *simulated* epoch milliseconds.
 */
export interface Clock {
  /** Simulated time, epoch ms UTC. */
  now(): number;
  /** Runs `callback` once after `delayMs` of simulated time. */
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  /** Cancels a timer; cancelling a fired or cancelled timer does nothing. */
  clearTimeout(handle: TimerHandle): void;
}

/** Opaque handle of a clock timer. */
export interface TimerHandle {
  readonly id: number;
}

/** Largest delay Node's setTimeout accepts (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Options of {@link RealClock}. */
export interface RealClockOptions {
  /** Simulated ms per real ms, 1–3,600 (domain.md §4). Default 1. */
  readonly speed?: number;
  /** Simulated time at creation, epoch ms. Default: the wall clock. */
  readonly startMs?: number;
}

/** Wall-clock time, optionally sped up: simulated time runs `speed` times faster than real time. */
export class RealClock implements Clock {
  readonly speed: number;
  private readonly startMs: number;
  private readonly wallStart = performance.now();
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private nextId = 1;

  constructor(options: RealClockOptions = {}) {
    const speed = options.speed ?? 1;
    if (!Number.isFinite(speed) || speed < 1 || speed > 3600) throw new RangeError(`clock speed must be between 1 and 3600, got ${speed}`);
    this.speed = speed;
    this.startMs = options.startMs ?? Date.now();
  }

  now(): number {
    return Math.floor(this.startMs + (performance.now() - this.wallStart) * this.speed);
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    const realMs = Math.min(MAX_TIMER_MS, Math.max(0, delayMs / this.speed));
    const timer = setTimeout(() => {
      this.timers.delete(id);
      callback();
    }, realMs);
    this.timers.set(id, timer);
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    const timer = this.timers.get(handle.id);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.timers.delete(handle.id);
  }
}

interface VirtualTimer extends HeapEntry {
  readonly id: number;
  readonly callback: () => void;
}

/**
 * A stepped clock for tests: time moves only in {@link VirtualClock.advance}, which runs every due
 * timer in order of due time (FIFO among equals), with `now()` set to each timer's due time.
 */
export class VirtualClock implements Clock {
  private current: number;
  private readonly heap = new MinHeap<VirtualTimer>();
  private readonly live = new Set<number>();
  private nextId = 1;

  constructor(startMs = Date.UTC(2024, 5, 10, 0, 0, 0)) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  /** Number of timers still waiting. */
  get pending(): number {
    return this.live.size;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const id = this.nextId++;
    this.heap.push({ id, callback, dueMs: this.current + Math.max(0, delayMs), order: id });
    this.live.add(id);
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    this.live.delete(handle.id);
  }

  /** Moves time forward by `ms`, running each timer that falls due (including ones they set). */
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`advance needs a non-negative duration, got ${ms}`);
    const target = this.current + ms;
    for (let next = this.heap.peek(); next !== undefined && next.dueMs <= target; next = this.heap.peek()) {
      this.heap.pop();
      if (!this.live.delete(next.id)) continue;
      this.current = next.dueMs;
      next.callback();
    }
    this.current = target;
  }
}
