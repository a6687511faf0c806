/** How often a held gate looks at the backlog again [ms]. */
const RECHECK_MS = 5;

/**
 * Broker-wide backpressure. aedes relays through one queue (mqemitter) with no bound of its own:
 * offered more than it can deliver, the queue grows until the process dies ("Maximum call stack
 * size exceeded", MEASURED.md) or crawls (the queue's `shift` is O(n), profiled). The gate holds
 * the reading of PUBLISH-carrying chunks from every connection while the backlog is above `high`
 * and releases them once it is below `low`: TCP then pushes back on the publishers — the stack
 * slows down instead of falling over, and `held` says so.
 */
export class IngressGate {
  private waiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Chunks held so far (a counter for the broker stats). */
  held = 0;

  constructor(
    private readonly backlog: () => number,
    private readonly high: number,
    private readonly low: number,
  ) {}

  /** Calls `go` now if the broker keeps up, or once its backlog has drained below `low`. */
  pass(go: () => void): void {
    if (this.waiters.length === 0 && this.backlog() < this.high) {
      go();
      return;
    }
    this.held++;
    this.waiters.push(go);
    this.timer ??= setInterval(() => this.recheck(), RECHECK_MS);
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.release();
  }

  private recheck(): void {
    if (this.backlog() > this.low) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.release();
  }

  private release(): void {
    const waiting = this.waiters;
    this.waiters = [];
    for (const go of waiting) go();
  }
}
