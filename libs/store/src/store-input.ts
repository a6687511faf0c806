import { HIERARCHY_LEVELS, slugProblem, type DevicePath, type HierarchyLevel } from '@plantwatch/contracts';
import type { TelemetryPoint } from '@plantwatch/domain';
import { StoreError } from './store-error.js';
import { DEAD_LETTER_REASONS, type Aggregate, type DeadLetter, type HistoryQuery } from './telemetry-store.js';

/**
 * The whitelist every adapter applies before anything reaches a database. `influx` 5.12 does not
 * escape newlines in tag values (nor anything in measurement names), so a hostile string could
 * inject extra points (MEASURED.md): tags must be UNS slugs, names must match the patterns below.
 */

/** Measurement names: `tunnel_kiln_telemetry_profile` (device type + class + sub). */
const MEASUREMENT = /^[a-z][a-z0-9_]{0,63}$/;
/** Field names as `flattenValues` makes them: `t`, `zoneValve.3`, `burnersOn` (domain.md §3.3). */
const FIELD = /^[A-Za-z][A-Za-z0-9_]{0,63}(?:\.[A-Za-z0-9_]{1,32}){0,4}$/;
/** `time` is InfluxDB's own column; a field named like a tag key would shadow it in InfluxQL. */
const RESERVED_FIELDS: ReadonlySet<string> = new Set(['time', ...HIERARCHY_LEVELS]);
/** Written by the adapters themselves. */
export const DEAD_LETTER_MEASUREMENT = 'dead_letter';
export const HEALTH_MEASUREMENT = '_health';
const RESERVED_MEASUREMENTS: ReadonlySet<string> = new Set([DEAD_LETTER_MEASUREMENT, HEALTH_MEASUREMENT]);
/** Levels that may be `_` (domain.md §3.1, same rule as the topic parser). */
const OPTIONAL_LEVELS: ReadonlySet<HierarchyLevel> = new Set(['area', 'line', 'cell']);
const MAX_STRING_VALUE = 4_096;
/** The largest epoch-ms timestamp whose nanoseconds fit InfluxDB's int64 (year 2262). */
const MAX_TS_MS = 9_223_372_036_853;
export const DEFAULT_LIMIT = 10_000;
const MAX_LIMIT = 1_000_000;
const AGGREGATES: readonly Aggregate[] = ['mean', 'min', 'max', 'last'];

const show = (value: string): string => JSON.stringify(value.slice(0, 40));

function invalid(message: string): StoreError {
  return new StoreError('STORE_INPUT_INVALID', message);
}

/** Why a measurement name is refused, or undefined. */
export function measurementProblem(name: unknown, allowReserved = false): string | undefined {
  if (typeof name !== 'string' || !MEASUREMENT.test(name)) return `measurement ${show(String(name))} is not [a-z][a-z0-9_]{0,63}`;
  if (!allowReserved && RESERVED_MEASUREMENTS.has(name)) return `measurement ${show(name)} is reserved`;
  return undefined;
}

/** Why a field name is refused, or undefined. */
export function fieldNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || !FIELD.test(name)) return `field name ${show(String(name))} is not a [A-Za-z][A-Za-z0-9_]* path (dots between parts)`;
  if (RESERVED_FIELDS.has(name)) return `field name ${show(name)} is reserved`;
  return undefined;
}

/** Why a device path is refused as tags, or undefined: every level a UNS slug, `_` only where optional. */
export function devicePathProblem(path: unknown): string | undefined {
  if (typeof path !== 'object' || path === null) return 'tags missing';
  const levels = path as Record<string, unknown>;
  for (const level of HIERARCHY_LEVELS) {
    const value = levels[level];
    if (typeof value !== 'string') return `tag ${level} is missing`;
    const problem = slugProblem(value, OPTIONAL_LEVELS.has(level));
    if (problem) return `tag ${level}: ${problem}`;
  }
  return undefined;
}

function valueProblem(field: string, value: unknown): string | undefined {
  if (typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `field ${field} is not a finite number (${value})`;
  if (typeof value === 'string') return value.length <= MAX_STRING_VALUE ? undefined : `field ${field} is a string longer than ${MAX_STRING_VALUE}`;
  return `field ${field} is neither number, boolean nor string`;
}

function timestampProblem(ts: unknown, what: string): string | undefined {
  return Number.isSafeInteger(ts) && (ts as number) >= 0 && (ts as number) <= MAX_TS_MS ? undefined : `${what} ${String(ts)} is not an integer epoch-ms timestamp`;
}

/**
 * Why one point would be refused by every adapter, or undefined. Ingest can check each point
 * with this before batching, so one bad point is dead-lettered instead of failing its batch.
 */
export function pointProblem(point: TelemetryPoint): string | undefined {
  const problem = measurementProblem(point.measurement) ?? devicePathProblem(point.tags) ?? timestampProblem(point.ts, 'ts');
  if (problem) return problem;
  const names = typeof point.fields === 'object' && point.fields !== null ? Object.keys(point.fields) : [];
  if (names.length === 0) return 'a point needs at least one field';
  for (const name of names) {
    const fieldProblem = fieldNameProblem(name) ?? valueProblem(name, point.fields[name]);
    if (fieldProblem) return fieldProblem;
  }
  return undefined;
}

/** Throws a `STORE_INPUT_INVALID` {@link StoreError} naming the first bad point; all or nothing. */
export function checkPoints(points: readonly TelemetryPoint[]): void {
  points.forEach((point, i) => {
    const problem = pointProblem(point);
    if (problem) throw invalid(`point ${i} (${show(String(point.measurement))}) refused, nothing written: ${problem}`);
  });
}

/** The six hierarchy levels and nothing else (extra properties never become tags). */
export function deviceTags(path: DevicePath): Record<HierarchyLevel, string> {
  return { enterprise: path.enterprise, site: path.site, area: path.area, line: path.line, cell: path.cell, device: path.device };
}

export interface CheckedHistoryQuery extends HistoryQuery {
  readonly agg: Aggregate;
  readonly limit: number;
}

function limitOf(limit: number | undefined): number {
  const value = limit ?? DEFAULT_LIMIT;
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_LIMIT) throw invalid(`limit ${String(limit)} is not an integer in 1..${MAX_LIMIT}`);
  return value;
}

function checkRange(from: number, to: number): void {
  const problem = timestampProblem(from, 'from') ?? timestampProblem(to, 'to');
  if (problem) throw invalid(problem);
}

/** Validates a history query and fills in its defaults (agg mean, limit 10,000). */
export function checkHistoryQuery(query: HistoryQuery): CheckedHistoryQuery {
  const problem = measurementProblem(query.measurement) ?? devicePathProblem(query.device) ?? fieldNameProblem(query.field);
  if (problem) throw invalid(`history query refused: ${problem}`);
  checkRange(query.from, query.to);
  const agg = query.agg ?? 'mean';
  if (!AGGREGATES.includes(agg)) throw invalid(`history query refused: aggregate ${show(String(agg))} is not one of ${AGGREGATES.join(', ')}`);
  if (query.everyMs !== undefined && (!Number.isSafeInteger(query.everyMs) || query.everyMs < 1)) {
    throw invalid(`history query refused: everyMs ${String(query.everyMs)} is not a positive integer`);
  }
  return { ...query, agg, limit: limitOf(query.limit) };
}

/** Validates a dead-letter range query and fills in the default limit. */
export function checkDeadLetterQuery(query: { readonly from: number; readonly to: number; readonly limit?: number }): { from: number; to: number; limit: number } {
  checkRange(query.from, query.to);
  return { from: query.from, to: query.to, limit: limitOf(query.limit) };
}

/**
 * Validates dead letters (reason from the bounded enum: it becomes a tag) and trims the free-text
 * parts to the lengths the port documents, so an over-long detail never costs the record.
 */
export function checkDeadLetters(records: readonly DeadLetter[]): DeadLetter[] {
  return records.map((record, i) => {
    const problem =
      timestampProblem(record.receivedAt, 'receivedAt') ??
      ((DEAD_LETTER_REASONS as readonly string[]).includes(record.reason) ? undefined : `reason ${show(String(record.reason))} is not one of ${DEAD_LETTER_REASONS.join(', ')}`) ??
      (Number.isSafeInteger(record.payloadBytes) && record.payloadBytes >= 0 ? undefined : `payloadBytes ${String(record.payloadBytes)} is not a non-negative integer`) ??
      (typeof record.topic === 'string' && typeof record.detail === 'string' && typeof record.payloadHead === 'string' ? undefined : 'topic, detail and payloadHead must be strings');
    if (problem) throw invalid(`dead letter ${i} refused, nothing written: ${problem}`);
    return {
      receivedAt: record.receivedAt,
      reason: record.reason,
      topic: record.topic.slice(0, 256),
      detail: record.detail.slice(0, 512),
      payloadBytes: record.payloadBytes,
      payloadHead: record.payloadHead.slice(0, 344), // base64 of 256 bytes
    };
  });
}
