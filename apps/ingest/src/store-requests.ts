import { RpcException } from '@nestjs/microservices';
import { deadLetterRequest, historyRequest, MAX_HISTORY_POINTS, parseDeviceKey, TopicError } from '@plantwatch/contracts';
import type { HistoryQuery } from '@plantwatch/store';
import type { z } from 'zod';

export { SVC_TOPICS } from '@plantwatch/contracts';

/** Injection token of the TelemetryStore port. */
export const STORE_TOKEN = Symbol('TelemetryStore');

function parseOrThrow<S extends z.ZodType>(schema: S, request: unknown): z.infer<S> {
  const result = schema.safeParse(request);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new RpcException({ code: 'BAD_REQUEST', message: issue ? `${issue.path.join('.')}: ${issue.message}` : 'bad request' });
  }
  return result.data;
}

export function parseHistoryRequest(request: unknown): HistoryQuery {
  const r = parseOrThrow(historyRequest, request);
  try {
    return { ...r, device: parseDeviceKey(r.device), limit: r.limit ?? MAX_HISTORY_POINTS };
  } catch (error) {
    throw new RpcException({ code: 'BAD_REQUEST', message: error instanceof TopicError ? `device: ${error.reason}` : 'bad device' });
  }
}

export function parseDeadLetterRequest(request: unknown): { from: number; to: number; limit?: number } {
  return parseOrThrow(deadLetterRequest, request);
}
