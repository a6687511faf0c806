/**
 * Why the store refused a call before touching the database (STYLE.md §6: errors carry a code).
 * - `STORE_INPUT_INVALID`: a tag value, field name, measurement, value or query argument broke
 *   the whitelist; nothing of the batch was written.
 * - `STORE_CLOSED`: the store was closed.
 * Failures of the database itself are not wrapped: they reject with the driver's error.
 */
export type StoreErrorCode = 'STORE_INPUT_INVALID' | 'STORE_CLOSED';

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
