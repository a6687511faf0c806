import { HIERARCHY_LEVELS } from '@plantwatch/contracts';
import { escape } from 'influx';
import { DEAD_LETTER_MEASUREMENT, type CheckedHistoryQuery } from '../store-input.js';
import type { Aggregate } from '../telemetry-store.js';

/**
 * InfluxQL for the two reads. User input never enters the text: values travel as bound
 * parameters (`$name`, sent as `params` JSON), identifiers are whitelisted and then quoted with
 * `escape.quoted`; the only numbers interpolated (bucket width, limit) are checked integers.
 * Time bounds are bound as RFC 3339 strings: as JSON numbers they would be nanoseconds beyond
 * 2^53 and lose precision.
 */
export interface InfluxQuery {
  readonly sql: string;
  readonly placeholders: Record<string, string | number>;
}

const INFLUX_AGG: Record<Aggregate, string> = { mean: 'mean', min: 'min', max: 'max', last: 'last' };

/** `"rp"."measurement"`, or just the measurement in the database's default retention policy. */
export function source(measurement: string, retentionPolicy: string | undefined): string {
  const name = escape.quoted(measurement);
  return retentionPolicy === undefined ? name : `${escape.quoted(retentionPolicy)}.${name}`;
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Raw points, or one aggregate per `everyMs` bucket (epoch-aligned, empty buckets left out). */
export function historyQuery(query: CheckedHistoryQuery, retentionPolicy: string | undefined): InfluxQuery {
  const placeholders: Record<string, string | number> = { from: isoTime(query.from), to: isoTime(query.to) };
  const conditions = ['time >= $from', 'time < $to'];
  for (const level of HIERARCHY_LEVELS) {
    conditions.push(`${escape.quoted(level)} = $${level}`);
    placeholders[level] = query.device[level];
  }
  const field = escape.quoted(query.field);
  const from = source(query.measurement, retentionPolicy);
  const where = conditions.join(' AND ');
  const sql =
    query.everyMs === undefined
      ? `SELECT ${field} AS "value" FROM ${from} WHERE ${where} ORDER BY time ASC LIMIT ${query.limit}`
      : `SELECT ${INFLUX_AGG[query.agg]}(${field}) AS "value" FROM ${from} WHERE ${where} GROUP BY time(${query.everyMs}ms) fill(none) ORDER BY time ASC LIMIT ${query.limit}`;
  return { sql, placeholders };
}

export function deadLetterQuery(range: { from: number; to: number; limit: number }, retentionPolicy: string | undefined): InfluxQuery {
  return {
    sql:
      `SELECT "reason", "topic", "detail", "payloadBytes", "payloadHead" FROM ${source(DEAD_LETTER_MEASUREMENT, retentionPolicy)} ` +
      `WHERE time >= $from AND time < $to ORDER BY time ASC LIMIT ${range.limit}`,
    placeholders: { from: isoTime(range.from), to: isoTime(range.to) },
  };
}
