import { DEAD_LETTER_REASONS, type DeadLetterReason } from '@plantwatch/store';

/** Counters of the ingest pipeline, published on `svc/v1/ingest/stats`. */
export class IngestStats {
  received = 0;
  accepted = 0;
  stored = 0;
  spooled = 0;
  replayed = 0;
  storeErrors = 0;
  /** Points the store refused for good (e.g. a field type conflict in InfluxDB): not retried. */
  storeRejected = 0;
  readonly deadLettered: Record<DeadLetterReason, number> = Object.fromEntries(DEAD_LETTER_REASONS.map((r) => [r, 0])) as Record<DeadLetterReason, number>;

  snapshot(extra: Record<string, number | string>): Record<string, unknown> {
    return {
      received: this.received,
      accepted: this.accepted,
      stored: this.stored,
      spooled: this.spooled,
      replayed: this.replayed,
      storeErrors: this.storeErrors,
      storeRejected: this.storeRejected,
      deadLettered: { ...this.deadLettered },
      ...extra,
    };
  }
}
