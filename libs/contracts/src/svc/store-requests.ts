import { z } from 'zod';
import { epochMs } from '../payload/envelope.js';

/**
 * Request/response between services over MQTT (@nestjs/microservices `ClientProxy.send` /
 * `@MessagePattern`): the api asks ingest, which owns the store connection, for history.
 */
export const SVC_TOPICS = {
  history: 'svc/v1/store/history',
  deadLetters: 'svc/v1/store/dead-letters',
  ingestStats: 'svc/v1/ingest/stats',
} as const;

/** At most this many points per history answer: a chart needs no more; downsample instead. */
export const MAX_HISTORY_POINTS = 5_000;

const fieldName = z.string().regex(/^[A-Za-z][A-Za-z0-9_.]{0,63}$/, 'field names are [A-Za-z0-9_.], ≤ 64 characters');

export const historyRequest = z
  .strictObject({
    device: z.string().max(200),
    measurement: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/),
    field: fieldName,
    from: epochMs,
    to: epochMs,
    everyMs: z.int().min(1).max(366 * 86_400_000).optional(),
    agg: z.enum(['mean', 'min', 'max', 'last']).optional(),
    limit: z.int().min(1).max(MAX_HISTORY_POINTS).optional(),
  })
  .refine((r) => r.from < r.to, { message: '`from` must be before `to`', path: ['from'] });
export type HistoryRequest = z.infer<typeof historyRequest>;

export const deadLetterRequest = z.strictObject({
  from: epochMs,
  to: epochMs,
  limit: z.int().min(1).max(1_000).optional(),
});
export type DeadLetterRequest = z.infer<typeof deadLetterRequest>;
