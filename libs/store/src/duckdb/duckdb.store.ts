import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { BIGINT, DuckDBInstance, VARCHAR, type DuckDBAppender, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { FieldValue, TelemetryPoint } from '@plantwatch/domain';
import { StoreError, storeClosed } from '../store-error.js';
import { checkDeadLetterQuery, checkDeadLetters, checkHistoryQuery, checkPoints } from '../store-input.js';
import type { DeadLetter, DeadLetterReason, HistoryPoint, HistoryQuery, StoreHealth, TelemetryStore } from '../telemetry-store.js';
import { bucketSql, DEAD_LETTERS_SQL, HEALTH_SQL, INSERT_DEAD_LETTER_SQL, RAW_SQL, SCHEMA_SQL, UPSERT_SQL } from './duckdb.schema.js';

export interface DuckDbStoreOptions {
  /** The database file (its folder is created); `:memory:` only in tests: nothing survives close. */
  readonly file: string;
}

/** Files this process has open: a second DuckDB instance on the same file would corrupt it. */
const openFiles = new Set<string>();

const HISTORY_TYPES = { measurement: VARCHAR, enterprise: VARCHAR, site: VARCHAR, area: VARCHAR, line: VARCHAR, cell: VARCHAR, device: VARCHAR, field: VARCHAR, from: BIGINT, to: BIGINT, every: BIGINT, limit: BIGINT };

function toNumber(value: DuckDBValue): number {
  return typeof value === 'bigint' || typeof value === 'number' ? Number(value) : Number.NaN;
}

function toHistoryValue(num: DuckDBValue, text: DuckDBValue, bool: DuckDBValue): HistoryPoint['value'] {
  if (typeof num === 'number') return num;
  if (typeof text === 'string') return text;
  if (typeof bool === 'boolean') return bool;
  return null;
}

function appendValue(appender: DuckDBAppender, value: FieldValue): void {
  if (typeof value === 'number') appender.appendDouble(value);
  else appender.appendNull();
  if (typeof value === 'string') appender.appendVarchar(value);
  else appender.appendNull();
  if (typeof value === 'boolean') appender.appendBoolean(value);
  else appender.appendNull();
}

/**
 * {@link TelemetryStore} on an embedded DuckDB file: the default that needs no server
 * (ARCHITECTURE.md §3). Batches go through an appender into a temp staging table and then one
 * INSERT OR REPLACE in a transaction, so a batch is all or nothing and rewrites are idempotent.
 * One connection; calls are serialised because a DuckDB connection runs one transaction at a time.
 * DuckDB locks the file: one process owns the store.
 */
export class DuckDbStore implements TelemetryStore {
  private closed = false;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly file: string,
  ) {}

  async write(points: readonly TelemetryPoint[]): Promise<void> {
    this.assertOpen();
    checkPoints(points);
    if (points.length === 0) return;
    await this.transaction(async (connection) => {
      await connection.run('DELETE FROM temp.telemetry_staging');
      const appender = await connection.createAppender('telemetry_staging', 'main', 'temp');
      let ord = 0n;
      for (const point of points) {
        const { measurement, tags, ts } = point;
        for (const [field, value] of Object.entries(point.fields)) {
          appender.appendBigInt(ord++);
          for (const text of [measurement, tags.enterprise, tags.site, tags.area, tags.line, tags.cell, tags.device, field]) appender.appendVarchar(text);
          appender.appendBigInt(BigInt(ts));
          appendValue(appender, value);
          appender.endRow();
        }
      }
      appender.closeSync();
      await connection.run(UPSERT_SQL);
      await connection.run('DELETE FROM temp.telemetry_staging');
    });
  }

  async writeDeadLetters(records: readonly DeadLetter[]): Promise<void> {
    this.assertOpen();
    const checked = checkDeadLetters(records);
    if (checked.length === 0) return;
    await this.transaction(async (connection) => {
      const insert = await connection.prepare(INSERT_DEAD_LETTER_SQL);
      for (const r of checked) {
        insert.bind([BigInt(r.receivedAt), r.reason, r.topic, r.detail, BigInt(r.payloadBytes), r.payloadHead], [BIGINT, VARCHAR, VARCHAR, VARCHAR, BIGINT, VARCHAR]);
        await insert.run();
      }
    });
  }

  async history(query: HistoryQuery): Promise<HistoryPoint[]> {
    this.assertOpen();
    const q = checkHistoryQuery(query);
    if (q.from >= q.to) return [];
    const values: Record<string, DuckDBValue> = { measurement: q.measurement, ...q.device, field: q.field, from: BigInt(q.from), to: BigInt(q.to), limit: BigInt(q.limit) };
    if (q.everyMs !== undefined) values['every'] = BigInt(q.everyMs);
    const sql = q.everyMs === undefined ? RAW_SQL : bucketSql(q.agg);
    const rows = await this.serial(async () => (await this.connection.runAndReadAll(sql, values, HISTORY_TYPES)).getRows());
    return rows.map(([ts = null, num = null, text = null, bool = null]) => ({ ts: toNumber(ts), value: toHistoryValue(num, text, bool) }));
  }

  async deadLetters(query: { readonly from: number; readonly to: number; readonly limit?: number }): Promise<DeadLetter[]> {
    this.assertOpen();
    const range = checkDeadLetterQuery(query);
    if (range.from >= range.to) return [];
    const values = { from: BigInt(range.from), to: BigInt(range.to), limit: BigInt(range.limit) };
    const rows = await this.serial(async () => (await this.connection.runAndReadAll(DEAD_LETTERS_SQL, values, { from: BIGINT, to: BIGINT, limit: BIGINT })).getRows());
    return rows.map(([receivedAt = null, reason = null, topic = null, detail = null, payloadBytes = null, payloadHead = null]) => ({
      receivedAt: toNumber(receivedAt),
      reason: String(reason) as DeadLetterReason,
      topic: String(topic),
      detail: String(detail),
      payloadBytes: toNumber(payloadBytes),
      payloadHead: String(payloadHead),
    }));
  }

  /** A real write: one committed row in `health_probe`. */
  async health(): Promise<StoreHealth> {
    if (this.closed) return { ok: false, detail: 'store is closed' };
    try {
      await this.serial(() => this.connection.run(HEALTH_SQL, { now: BigInt(Date.now()) }, { now: BIGINT }));
      return { ok: true, detail: `write probe to DuckDB ${this.file} succeeded` };
    } catch (error) {
      return { ok: false, detail: `write probe to DuckDB ${this.file} failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  /** Waits for queued calls, then closes the connection and the database (a checkpoint). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.tail;
    this.connection.closeSync();
    this.instance.closeSync();
    if (this.file !== ':memory:') openFiles.delete(this.file);
  }

  private assertOpen(): void {
    if (this.closed) throw storeClosed();
  }

  /** Runs calls one after another on the single connection. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private transaction(task: (connection: DuckDBConnection) => Promise<void>): Promise<void> {
    return this.serial(async () => {
      await this.connection.run('BEGIN TRANSACTION');
      try {
        await task(this.connection);
        await this.connection.run('COMMIT');
      } catch (error) {
        await this.connection.run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }
}

/** Opens (or creates) the DuckDB file and its schema. One store per file per process. */
export async function createDuckDbStore(options: DuckDbStoreOptions): Promise<DuckDbStore> {
  const memory = options.file === ':memory:';
  const file = memory ? options.file : resolve(options.file);
  if (!memory) {
    if (openFiles.has(file)) throw new StoreError('STORE_INPUT_INVALID', `DuckDB file ${file} is already open in this process`);
    openFiles.add(file);
  }
  let instance: DuckDBInstance | undefined;
  try {
    if (!memory) await mkdir(dirname(file), { recursive: true });
    instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    await connection.run(SCHEMA_SQL);
    return new DuckDbStore(instance, connection, file);
  } catch (error) {
    instance?.closeSync();
    if (!memory) openFiles.delete(file);
    throw error;
  }
}
