import { BadRequestException } from '@nestjs/common';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `250ms`, `10s`, `1m`, `6h`, `1d`, or plain milliseconds. */
export function parseDuration(text: string, name: string): number {
  const match = /^(\d{1,9})(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new BadRequestException(`${name} must be a duration like 10s, 1m, 1h (got ${JSON.stringify(text.slice(0, 40))})`);
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? 'ms') as keyof typeof UNIT_MS];
  if (ms < 1) throw new BadRequestException(`${name} must be positive`);
  return ms;
}

/** Epoch ms, an ISO-8601 date-time, or `-15m` relative to now; `fallback` when absent. */
export function parseTime(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined || text === '') return fallback;
  if (/^\d{1,15}$/.test(text)) return Number(text);
  if (text.startsWith('-')) return Date.now() - parseDuration(text.slice(1), name);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new BadRequestException(`${name} must be epoch ms, ISO-8601 or -duration (got ${JSON.stringify(text.slice(0, 40))})`);
  return ms;
}
