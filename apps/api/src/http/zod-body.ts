import { BadRequestException } from '@nestjs/common';
import type { z } from 'zod';

/** The body parsed by `schema`, or 400 naming the first problem. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new BadRequestException(issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'bad request body');
}

/** The minimum of an HTTP response the controllers touch (express underneath). */
export interface HeaderSink {
  setHeader(name: string, value: string | readonly string[]): unknown;
}
