import { LatencyHistogram, type TelemetryPoint } from '@plantwatch/domain';
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
  /**
   * Source `ts` → taken by ingest, and → acknowledged by the store, of every point with a `seq`
   * (streams, not snapshots) that is not gateway backfill (`stale`): the hops a load run reads.
   */
  readonly latency = { received: new LatencyHistogram(), stored: new LatencyHistogram() };
  /** Gateway backfill (`stale`) stream points stored: a load run's loss accounting of replays. */
  storedBackfill = 0;
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
      storedBackfill: this.storedBackfill,
      deadLettered: { ...this.deadLettered },
      latency: { received: this.latency.received.snapshot(), stored: this.latency.stored.snapshot() },
      ...extra,
    };
  }

  /**
   * Records the hop latency of a device stream point (telemetry, event: it has a `seq`) that is not
   * backfill; alarm transitions (`*_alarm`, published by the alarms service) are not device streams.
   */
  recordLatency(hop: LatencyHistogram, point: TelemetryPoint, nowMs: number): void {
    if (isDeviceStream(point) && point.fields['stale'] !== true) hop.record(nowMs - point.ts);
  }

  /** Counts a stored point: its latency to the stored hop, or, for backfill, {@link storedBackfill}. */
  recordStored(point: TelemetryPoint, nowMs: number): void {
    if (isDeviceStream(point) && point.fields['stale'] === true) this.storedBackfill++;
    else this.recordLatency(this.latency.stored, point, nowMs);
  }
}

function isDeviceStream(point: TelemetryPoint): boolean {
  return point.fields['seq'] !== undefined && !point.measurement.endsWith('_alarm');
}
