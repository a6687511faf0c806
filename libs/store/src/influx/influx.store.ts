import type { TelemetryPoint } from '@plantwatch/domain';
import { InfluxDB, type IPoint } from 'influx';
import { StoreError, storeClosed } from '../store-error.js';
import { checkDeadLetterQuery, checkDeadLetters, checkHistoryQuery, checkPoints, DEAD_LETTER_MEASUREMENT, deviceTags, HEALTH_MEASUREMENT } from '../store-input.js';
import type { DeadLetter, DeadLetterReason, HistoryPoint, HistoryQuery, StoreHealth, TelemetryStore } from '../telemetry-store.js';
import { deadLetterQuery, historyQuery, type InfluxQuery } from './influxql.js';

/** Where and how to reach InfluxDB 1.x. */
export interface InfluxStoreOptions {
  /** `http(s)://host:port[/path]`; a missing port means the protocol's default, as in any URL. */
  readonly url: string;
  /** Created if missing (needs an admin user where auth is on). */
  readonly database: string;
  readonly username?: string;
  readonly password?: string;
  /** Target retention policy for writes and reads; default: the database's default policy. */
  readonly retentionPolicy?: string;
  /** Give-up bound per HTTP request (default 10 s). */
  readonly requestTimeoutMs?: number;
}

/** Database and retention-policy names are config, but still only plain identifiers. */
const IDENTIFIER = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/;

/**
 * Per-process counter for dead-letter timestamps. InfluxDB keeps one point per series and
 * timestamp, so two dead letters of the same reason in the same millisecond would overwrite each
 * other; they are written at nanosecond precision as `receivedAt * 1e6 + counter`. It starts at a
 * random value so that two processes rarely pick the same nanosecond.
 */
let deadLetterCounter = Math.floor(Math.random() * 1_000_000);

function deadLetterTimestamp(receivedAt: number): string {
  deadLetterCounter = (deadLetterCounter + 1) % 1_000_000;
  return (BigInt(receivedAt) * 1_000_000n + BigInt(deadLetterCounter)).toString();
}

interface ValueRow {
  readonly time: Date;
  readonly value: number | string | boolean | null;
}

interface DeadLetterRow {
  readonly time: Date;
  readonly reason: string;
  readonly topic: string | null;
  readonly detail: string | null;
  readonly payloadBytes: number | null;
  readonly payloadHead: string | null;
}

/**
 * {@link TelemetryStore} on InfluxDB 1.x through the `influx` package (ARCHITECTURE.md §3).
 * Measurement per device type and class, tags = the six hierarchy levels (whitelisted slugs),
 * fields = values, explicit millisecond timestamps so a retried batch overwrites itself.
 * No retries here: a failed write rejects and ingest spools it.
 */
export class InfluxStore implements TelemetryStore {
  private closed = false;

  constructor(
    private readonly client: InfluxDB,
    private readonly database: string,
    private readonly retentionPolicy: string | undefined,
  ) {}

  async write(points: readonly TelemetryPoint[]): Promise<void> {
    this.assertOpen();
    checkPoints(points);
    if (points.length === 0) return;
    const rows: IPoint[] = points.map((point) => ({
      measurement: point.measurement,
      tags: deviceTags(point.tags),
      fields: { ...point.fields },
      timestamp: String(point.ts), // a string: the package drops a falsy timestamp (ts 0)
    }));
    await this.client.writePoints(rows, this.writeOptions('ms')).catch(rejectedOrRethrow);
  }

  async writeDeadLetters(records: readonly DeadLetter[]): Promise<void> {
    this.assertOpen();
    const checked = checkDeadLetters(records);
    if (checked.length === 0) return;
    const rows: IPoint[] = checked.map((record) => ({
      measurement: DEAD_LETTER_MEASUREMENT,
      tags: { reason: record.reason },
      fields: { topic: record.topic, detail: record.detail, payloadBytes: record.payloadBytes, payloadHead: record.payloadHead },
      timestamp: deadLetterTimestamp(record.receivedAt),
    }));
    await this.client.writePoints(rows, this.writeOptions('n'));
  }

  async history(query: HistoryQuery): Promise<HistoryPoint[]> {
    this.assertOpen();
    const checked = checkHistoryQuery(query);
    if (checked.from >= checked.to) return [];
    const rows = await this.query<ValueRow>(historyQuery(checked, this.retentionPolicy));
    return rows.map((row) => ({ ts: row.time.getTime(), value: row.value ?? null }));
  }

  async deadLetters(query: { readonly from: number; readonly to: number; readonly limit?: number }): Promise<DeadLetter[]> {
    this.assertOpen();
    const range = checkDeadLetterQuery(query);
    if (range.from >= range.to) return [];
    const rows = await this.query<DeadLetterRow>(deadLetterQuery(range, this.retentionPolicy));
    return rows.map((row) => ({
      receivedAt: row.time.getTime(),
      reason: row.reason as DeadLetterReason,
      topic: row.topic ?? '',
      detail: row.detail ?? '',
      payloadBytes: row.payloadBytes ?? 0,
      payloadHead: row.payloadHead ?? '',
    }));
  }

  /** Writes one point to `_health`: /ping answers while writes fail on a full disk (MEASURED.md). */
  async health(): Promise<StoreHealth> {
    if (this.closed) return { ok: false, detail: 'store is closed' };
    try {
      await this.client.writePoints([{ measurement: HEALTH_MEASUREMENT, fields: { ok: true }, timestamp: String(Date.now()) }], this.writeOptions('ms'));
      return { ok: true, detail: `write probe to InfluxDB database ${this.database} succeeded` };
    } catch (error) {
      return { ok: false, detail: `write probe to InfluxDB database ${this.database} failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  /** The `influx` client holds no connection of its own; later calls reject with STORE_CLOSED. */
  async close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }

  private assertOpen(): void {
    if (this.closed) throw storeClosed();
  }

  private writeOptions(precision: 'ms' | 'n'): { database: string; precision: 'ms' | 'n'; retentionPolicy?: string } {
    return this.retentionPolicy === undefined ? { database: this.database, precision } : { database: this.database, precision, retentionPolicy: this.retentionPolicy };
  }

  private async query<T>(query: InfluxQuery): Promise<T[]> {
    const rows = await this.client.query<T>(query.sql, { database: this.database, precision: 'ms', placeholders: query.placeholders });
    return [...rows];
  }
}

/**
 * Connects to InfluxDB 1.x and creates the database if it is missing. Retention policies and
 * continuous queries are deployment config (deploy/influxdb/init.iql), not created here.
 */
export async function createInfluxStore(options: InfluxStoreOptions): Promise<InfluxStore> {
  for (const [what, name] of [['database', options.database], ['retentionPolicy', options.retentionPolicy]] as const) {
    if (name !== undefined && !IDENTIFIER.test(name)) throw new StoreError('STORE_INPUT_INVALID', `InfluxDB ${what} ${JSON.stringify(name)} is not [A-Za-z0-9_-]`);
  }
  const url = new URL(options.url);
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  const username = options.username ?? (url.username === '' ? undefined : decodeURIComponent(url.username));
  const password = options.password ?? (url.password === '' ? undefined : decodeURIComponent(url.password));
  const client = new InfluxDB({
    hosts: [{ host: url.hostname, port: url.port === '' ? (protocol === 'https' ? 443 : 80) : Number(url.port), protocol, path: url.pathname.replace(/\/$/, '') }],
    database: options.database,
    ...(username === undefined ? {} : { username, password: password ?? '' }),
    pool: { maxRetries: 0, requestTimeout: options.requestTimeoutMs ?? 10_000 },
  });
  const names = await client.getDatabaseNames();
  if (!names.includes(options.database)) await client.createDatabase(options.database);
  return new InfluxStore(client, options.database, options.retentionPolicy);
}

/** InfluxDB answers 400 for data it will never take (e.g. a field type conflict: a partial write). */
function rejectedOrRethrow(error: unknown): never {
  const status = (error as { res?: { statusCode?: number } }).res?.statusCode;
  if (status === 400) throw new StoreError('STORE_REJECTED', `InfluxDB rejected the batch: ${error instanceof Error ? error.message : String(error)}`);
  throw error;
}
