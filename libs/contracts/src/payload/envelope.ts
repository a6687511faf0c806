import { z } from 'zod';

/**
 * The common payload envelope (domain.md §3.3): `{ ts, seq, v, q }`.
 * Numbers must be finite (zod rejects NaN/±Infinity); `null` marks a missing/bad value, never a
 * sentinel such as 9999.
 */
export const QUALITY = ['good', 'uncertain', 'bad'] as const;
export type Quality = (typeof QUALITY)[number];

/** Source timestamp, epoch milliseconds UTC: after 2000-01-01 and before year 2100. */
export const epochMs = z.int().min(946_684_800_000).max(4_102_444_800_000);
/** Per-topic counter that wraps at 2³¹ (domain.md §3.3). */
export const seqNumber = z.int().min(0).max(2 ** 31 - 1);
/** A measured value: finite, or null when missing/bad. */
export const reading = z.number().nullable();

export function envelope<V extends z.ZodType>(values: V) {
  return z.strictObject({
    ts: epochMs,
    seq: seqNumber,
    v: values,
    q: z.enum(QUALITY).default('good'),
    qv: z.record(z.string().max(64), z.enum(QUALITY)).optional(),
    stale: z.boolean().optional(),
  });
}

/** Retained classes (state, meta) carry no sequence number: they are snapshots, not a stream. */
export function snapshotEnvelope<V extends z.ZodType>(values: V) {
  return z.strictObject({ ts: epochMs, seq: seqNumber.optional(), v: values });
}
