import type { VirtualClock } from './clock.js';

/** Options of {@link runStepped}. */
export interface SteppedOptions {
  /** Simulated time per step [ms]; I/O runs between steps. Default 1,000. */
  readonly chunkMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Runs a {@link VirtualClock} "as fast as possible" (plant-sim `--step`): advances it chunk by
 * chunk until `durationMs` of simulated time has passed, yielding to the event loop after each
 * chunk so sockets flush and stdin commands are read. Same seed → same message stream as the
 * stepped clock of the tests.
 */
export async function runStepped(clock: VirtualClock, durationMs: number, options: SteppedOptions = {}): Promise<void> {
  const chunk = options.chunkMs ?? 1_000;
  const end = clock.now() + durationMs;
  while (clock.now() < end && options.signal?.aborted !== true) {
    clock.advance(Math.min(chunk, end - clock.now()));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
