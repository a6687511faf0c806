import type { Clock } from '../clock.js';

/** Result of one delivery attempt: done, retry later, or give up (a permanent refusal). */
export type Attempt = 'done' | 'retry' | 'give-up';

export interface RetryOptions {
  /** First backoff; doubles per attempt (1 s, 2 s, 4 s …). */
  readonly firstDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
}

export const DEFAULT_RETRY: RetryOptions = { firstDelayMs: 1_000, maxDelayMs: 60_000, maxAttempts: 8 };

export interface DeliveryStats {
  delivered: number;
  retried: number;
  failed: number;
}

/**
 * Runs a delivery with exponential backoff on the injectable clock. The caller keeps the same
 * idempotency key for every attempt, so a receiver that got an attempt whose answer was lost
 * can drop the repeat.
 */
export class RetryingSender {
  readonly stats: DeliveryStats = { delivered: 0, retried: 0, failed: 0 };
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly clock: Clock,
    private readonly options: RetryOptions,
    private readonly log: (message: string) => void,
  ) {}

  send(label: string, attempt: () => Promise<Attempt>, tries = 1): void {
    const run = attempt()
      .catch((error: unknown): Attempt => {
        this.log(`${label}: ${error instanceof Error ? error.message : String(error)}`);
        return 'retry';
      })
      .then((result) => this.after(label, attempt, tries, result));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** Resolves once no attempt is running (retries waiting on the clock do not count). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private after(label: string, attempt: () => Promise<Attempt>, tries: number, result: Attempt): void {
    if (result === 'done') {
      this.stats.delivered++;
      return;
    }
    if (result === 'give-up' || tries >= this.options.maxAttempts) {
      this.stats.failed++;
      this.log(`${label}: giving up after ${tries} attempt(s)`);
      return;
    }
    this.stats.retried++;
    const delay = Math.min(this.options.maxDelayMs, this.options.firstDelayMs * 2 ** (tries - 1));
    this.clock.setTimeout(() => this.send(label, attempt, tries + 1), delay);
  }
}
