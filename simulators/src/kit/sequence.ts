/** Exclusive upper bound of the envelope `seq` (domain.md §3.3: wraps at 2³¹). */
export const SEQ_MODULUS = 2 ** 31;

/**
 * Per-topic sequence counter of the payload envelope (domain.md §3.3): starts at 0, increments by
 * one per message on that topic and wraps at 2³¹, so consumers can spot gaps and duplicates.
 */
export class SequenceCounter {
  private value: number;

  constructor(start = 0) {
    this.value = start;
  }

  /** Returns the current value and advances. */
  next(): number {
    const current = this.value;
    this.value = (this.value + 1) % SEQ_MODULUS;
    return current;
  }
}
