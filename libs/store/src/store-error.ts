/**
 * Why the store refused a call before touching the database (STYLE.md §6: errors carry a code).
 * - `STORE_INPUT_INVALID`: a tag value, field name, measurement, value or query argument broke
 *   the whitelist; nothing of the batch was written.
 * - `STORE_CLOSED`: the store was closed.
 * - `STORE_REJECTED`: the database answered that the data itself is wrong (InfluxDB 400, e.g. a
 *   field type conflict): retrying cannot help, so the caller must not spool it forever.
 * Other failures of the database (down, timeout, 5xx) reject with the driver's error: retry.
 */
export type StoreErrorCode = 'STORE_INPUT_INVALID' | 'STORE_CLOSED' | 'STORE_REJECTED';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

export function storeClosed(): StoreError {
  return new StoreError('STORE_CLOSED', 'telemetry store is closed');
}

/** True when retrying the same call can never succeed (bad input, not an outage). */
export function isPermanentStoreError(error: unknown): boolean {
  return error instanceof StoreError && (error.code === 'STORE_INPUT_INVALID' || error.code === 'STORE_REJECTED');
}
