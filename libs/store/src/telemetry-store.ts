import type { DevicePath } from '@plantwatch/contracts';
import { REJECTION_REASONS, type RejectionReason, type TelemetryPoint } from '@plantwatch/domain';

/** Why ingest refused a message (bounded: stored as a tag). */
export const DEAD_LETTER_REASONS = REJECTION_REASONS;
export type DeadLetterReason = RejectionReason;

/** A refused message, kept with its reason so an operator can see and replay what went wrong. */
export interface DeadLetter {
  /** When ingest received it, epoch ms. */
  readonly receivedAt: number;
  readonly reason: DeadLetterReason;
  /** The topic as received, truncated to 256 characters. */
  readonly topic: string;
  /** Human-readable detail (first schema issue, parse error …), ≤ 512 characters. */
  readonly detail: string;
  readonly payloadBytes: number;
  /** The first 256 bytes of the payload, base64. */
  readonly payloadHead: string;
}

export type Aggregate = 'mean' | 'min' | 'max' | 'last';

export interface HistoryQuery {
  readonly measurement: string;
  readonly device: DevicePath;
  readonly field: string;
  /** Inclusive start, epoch ms. */
  readonly from: number;
  /** Exclusive end, epoch ms. */
  readonly to: number;
  /** Bucket width for server-side downsampling; omitted = raw points. */
  readonly everyMs?: number;
  /** Aggregate per bucket (default mean). */
  readonly agg?: Aggregate;
  /** At most this many points (default 10,000). */
  readonly limit?: number;
}

export interface HistoryPoint {
  /** Raw: the point's timestamp; downsampled: the bucket start. Epoch ms. */
  readonly ts: number;
  readonly value: number | string | boolean | null;
}

export interface StoreHealth {
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * The storage port (ARCHITECTURE.md §3). Both adapters pass the same contract suite.
 * `write` either accepts the whole batch or rejects (the caller spools and retries);
 * writing the same point twice (same measurement, tags, ts) keeps one point, so retries are
 * idempotent.
 */
export interface TelemetryStore {
  write(points: readonly TelemetryPoint[]): Promise<void>;
  writeDeadLetters(records: readonly DeadLetter[]): Promise<void>;
  history(query: HistoryQuery): Promise<HistoryPoint[]>;
  deadLetters(query: { readonly from: number; readonly to: number; readonly limit?: number }): Promise<DeadLetter[]>;
  /** A real write probe: InfluxDB answers /ping while its writes fail on a full disk (MEASURED.md). */
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
