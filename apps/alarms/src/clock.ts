/**
 * The alarm service's injectable clock (STYLE.md §11, after MQTT.js `get-timer.ts`): every
 * timer of the service (evaluation ticks, webhook retries) goes through it, so a test moves
 * time by minutes in one call and escalation after 5 min runs in milliseconds.
 */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, delayMs: number): ClockTimer;
  clearTimeout(timer: ClockTimer): void;
}

export interface ClockTimer {
  readonly id: number;
}

/** Wall-clock time and Node timers. */
export class SystemClock implements Clock {
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private nextId = 1;

  now(): number {
    return Date.now();
  }

  setTimeout(callback: () => void, delayMs: number): ClockTimer {
    const id = this.nextId++;
    const handle = setTimeout(() => {
      this.timers.delete(id);
      callback();
    }, Math.max(0, delayMs));
    this.timers.set(id, handle);
    return { id };
  }

  clearTimeout(timer: ClockTimer): void {
    clearTimeout(this.timers.get(timer.id));
    this.timers.delete(timer.id);
  }
}

interface ManualTimer {
  readonly id: number;
  readonly dueMs: number;
  readonly callback: () => void;
}

/** A clock that moves only when told: `advance` runs every timer that falls due, in order. */
export class ManualClock implements Clock {
  private timers: ManualTimer[] = [];
  private nextId = 1;

  constructor(private current = Date.now()) {}

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, delayMs: number): ClockTimer {
    const timer = { id: this.nextId++, dueMs: this.current + Math.max(0, delayMs), callback };
    this.timers.push(timer);
    return { id: timer.id };
  }

  clearTimeout(timer: ClockTimer): void {
    this.timers = this.timers.filter((t) => t.id !== timer.id);
  }

  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.dueMs <= target).sort((a, b) => a.dueMs - b.dueMs || a.id - b.id)[0];
      if (due === undefined) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = due.dueMs;
      due.callback();
    }
    this.current = target;
  }
}

/** Calls `callback` every `periodMs` on `clock` until the returned stop function is called. */
export function every(clock: Clock, periodMs: number, callback: () => void): () => void {
  let timer: ClockTimer | undefined;
  let stopped = false;
  const arm = (): void => {
    timer = clock.setTimeout(() => {
      if (stopped) return;
      callback();
      arm();
    }, periodMs);
  };
  arm();
  return () => {
    stopped = true;
    if (timer) clock.clearTimeout(timer);
  };
}
