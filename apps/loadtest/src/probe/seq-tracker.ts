import type { SeqAccounting } from '../report/load-report.js';

/** Gaps remembered per stream; older ones count as lost for good. */
const MAX_OPEN_GAPS = 4_096;

interface StreamState {
  max: number;
  readonly missing: Set<number>;
}

/**
 * Loss, duplicates and reordering from `seq`, per stream (topic): a gap is provisional until the
 * late message arrives (then it was out of order), a seq seen twice is a duplicate. The first
 * message of a stream only sets its start (the probe may join mid-stream).
 */
export class SeqTracker {
  private readonly streams = new Map<string, StreamState>();
  private received = 0;
  private duplicates = 0;
  private outOfOrder = 0;
  private lostForGood = 0;

  see(stream: string, seq: number): void {
    this.received++;
    const state = this.streams.get(stream);
    if (state === undefined) {
      this.streams.set(stream, { max: seq, missing: new Set() });
      return;
    }
    if (seq > state.max) {
      for (let s = state.max + 1; s < seq; s++) this.remember(state, s);
      state.max = seq;
    } else if (state.missing.delete(seq)) {
      this.outOfOrder++;
    } else {
      this.duplicates++;
    }
  }

  accounting(): SeqAccounting {
    let open = 0;
    for (const state of this.streams.values()) open += state.missing.size;
    return { received: this.received, lost: open + this.lostForGood, duplicates: this.duplicates, outOfOrder: this.outOfOrder };
  }

  private remember(state: StreamState, seq: number): void {
    if (state.missing.size >= MAX_OPEN_GAPS) {
      const oldest = state.missing.values().next().value as number;
      state.missing.delete(oldest);
      this.lostForGood++;
    }
    state.missing.add(seq);
  }
}

/** Difference of two accountings (a window of a long-running tracker). */
export function accountingDelta(later: SeqAccounting, earlier: SeqAccounting): SeqAccounting {
  return { received: later.received - earlier.received, lost: later.lost - earlier.lost, duplicates: later.duplicates - earlier.duplicates, outOfOrder: later.outOfOrder - earlier.outOfOrder };
}
