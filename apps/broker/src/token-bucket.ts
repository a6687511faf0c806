/** A monotonic clock in milliseconds; injectable so tests need no real time (STYLE.md §11). */
export type NowMs = () => number;

/** What a {@link TokenBucket.take} cost. */
export interface TakeResult {
  /** How many of the taken tokens were over budget (the bucket went, or stayed, in debt). */
  readonly over: number;
  /** Milliseconds until the bucket is out of debt again; 0 when within budget. */
  readonly waitMs: number;
}

/**
 * Token bucket that may go into debt: a burst of `n` is always accepted (the bytes are already
 * in memory), and the caller waits `waitMs` before reading more. That turns a rate limit into
 * backpressure instead of loss.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  /**
   * @param ratePerSec tokens added per second
   * @param burst bucket capacity (tokens available after idling)
   * @param now clock, `performance.now` by default
   */
  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    private readonly now: NowMs = () => performance.now(),
  ) {
    if (!(ratePerSec > 0) || !(burst >= 1)) throw new RangeError('rate must be > 0 and burst >= 1');
    this.tokens = burst;
    this.last = now();
  }

  /** Takes `n` tokens (n ≥ 0) and says how far over budget that went. */
  take(n: number): TakeResult {
    this.refill();
    const before = this.tokens;
    this.tokens -= n;
    if (this.tokens >= 0) return { over: 0, waitMs: 0 };
    const over = Math.min(n, Math.ceil(n - Math.max(before, 0)));
    return { over, waitMs: Math.ceil((-this.tokens / this.ratePerSec) * 1000) };
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.ratePerSec);
    this.last = t;
  }
}
