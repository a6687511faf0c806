export * from './telemetry-store.js';
export { isPermanentStoreError, StoreError, type StoreErrorCode } from './store-error.js';
export { devicePathProblem, fieldNameProblem, measurementProblem, pointProblem } from './store-input.js';
export { createInfluxStore, InfluxStore, type InfluxStoreOptions } from './influx/influx.store.js';
export { createDuckDbStore, DuckDbStore, type DuckDbStoreOptions } from './duckdb/duckdb.store.js';
