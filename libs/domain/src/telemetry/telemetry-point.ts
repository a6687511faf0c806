import type { DevicePath } from '@plantwatch/contracts';

/** A field value as stored: numbers, booleans and short strings (enums). */
export type FieldValue = number | boolean | string;

/**
 * One stored point. Tags are the hierarchy levels only (bounded cardinality, domain.md §3 and
 * ARCHITECTURE.md §3); `seq` and all values are fields.
 */
export interface TelemetryPoint {
  readonly measurement: string;
  readonly tags: DevicePath;
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** Source timestamp, epoch ms UTC. Explicit, so a retried write is idempotent. */
  readonly ts: number;
}

/**
 * Flattens a payload's value object into fields: arrays become `name.i` (the `qv` notation of
 * domain.md §3.3), nested objects `a.b`; nulls are omitted (a missing value is no value).
 */
export function flattenValues(values: Readonly<Record<string, unknown>>, into: Record<string, FieldValue> = {}, prefix = ''): Record<string, FieldValue> {
  for (const name in values) {
    const value = values[name];
    const field = prefix === '' ? name : `${prefix}.${name}`;
    if (value === null || value === undefined) continue;
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') into[field] = value;
    else if (Array.isArray(value)) value.forEach((item, i) => flattenValue(item, `${field}.${i}`, into));
    else if (typeof value === 'object') flattenValues(value as Record<string, unknown>, into, field);
  }
  return into;
}

function flattenValue(value: unknown, field: string, into: Record<string, FieldValue>): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') into[field] = value;
  else if (typeof value === 'object') flattenValues(value as Record<string, unknown>, into, field);
}
