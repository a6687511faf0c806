import { randomBytes } from 'node:crypto';
import type { InfluxWriterBaseline } from '../report/load-report.js';

/**
 * The bare InfluxDB writer baseline: how many plant-telemetry-shaped points per second this
 * machine's InfluxDB 1.x takes over HTTP line protocol, with no pipeline in front. Raw `fetch`
 * (no client library), a throwaway database created first and dropped afterwards.
 */

export interface InfluxWriterOptions {
  /** InfluxDB 1.x base URL, e.g. `http://127.0.0.1:8086`. */
  readonly url: string;
  /** Throwaway database; default `plantwatch_baseline_<random>`. Dropped at the end either way. */
  readonly db?: string;
  /** How long to write [s]; in-flight batches finish after it. */
  readonly seconds: number;
  /** Concurrent writers, each with one request in flight; default 1. */
  readonly writers?: number;
  /** Points per `/write` request; default 5,000. */
  readonly batchPoints?: number;
  /** Float fields per point (plus an integer `seq`); default 8. */
  readonly fieldsPerPoint?: number;
  /** Stops early; the points written so far are reported. */
  readonly signal?: AbortSignal;
}

const DEVICES_PER_WRITER = 200;
/** Give-up bound for a single request (ping, query, one batch) [ms]. */
const REQUEST_TIMEOUT_MS = 30_000;

/** Escapes a database name for an InfluxQL double-quoted identifier. */
function quoteIdent(name: string): string {
  return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

async function influxQuery(url: string, q: string): Promise<void> {
  const response = await fetch(`${url}/query`, { method: 'POST', body: new URLSearchParams({ q }), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const body = await response.text();
  if (!response.ok || /"error"\s*:/.test(body)) throw new Error(`InfluxDB ${url} rejected "${q}": ${response.status} ${body.slice(0, 300)}`);
}

async function ping(url: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new Error(`InfluxDB at ${url} does not answer /ping (${cause}); start it or pass the right URL`, { cause: error });
  }
  if (response.status !== 204) throw new Error(`InfluxDB at ${url} answered /ping with ${response.status}, expected 204 (is this InfluxDB 1.x?)`);
}

/**
 * Line protocol for one batch of a writer: `plant_telemetry` points with the six hierarchy tags
 * of plantwatch's schema (enterprise … device), `fieldsPerPoint` float fields and `seq`. Each
 * device's timestamps advance by 1 ms per point, so no point overwrites another.
 */
function batchBody(writer: number, firstSeq: number, points: number, fields: number, baseMs: number): string {
  const lines: string[] = new Array<string>(points);
  for (let i = 0; i < points; i++) {
    const seq = firstSeq + i;
    const device = seq % DEVICES_PER_WRITER;
    const ts = baseMs + Math.floor(seq / DEVICES_PER_WRITER);
    let values = '';
    for (let f = 0; f < fields; f++) values += `f${f}=${((seq * (f + 1)) % 1000) / 10 + 0.5},`;
    lines[i] =
      `plant_telemetry,enterprise=bench,site=site${writer},area=area${device % 4},line=line${device % 8},cell=cell${device % 16},device=dev${writer}_${device} ` +
      `${values}seq=${seq}i ${ts}`;
  }
  return lines.join('\n');
}

/**
 * Writes batches from `writers` concurrent loops for `seconds` (each loop starts no batch after
 * the deadline or an abort) and reports the points InfluxDB acknowledged (204) per second of
 * wall time. Throws a clear error when InfluxDB does not answer or rejects a write; the database
 * is dropped in every case.
 */
export async function runInfluxWriterBaseline(options: InfluxWriterOptions): Promise<InfluxWriterBaseline> {
  const url = options.url.replace(/\/+$/, '');
  const db = options.db ?? `plantwatch_baseline_${randomBytes(4).toString('hex')}`;
  const writers = Math.max(1, Math.floor(options.writers ?? 1));
  const batchPoints = Math.max(1, Math.floor(options.batchPoints ?? 5_000));
  const fieldsPerPoint = Math.max(1, Math.floor(options.fieldsPerPoint ?? 8));
  await ping(url);
  await influxQuery(url, `CREATE DATABASE ${quoteIdent(db)}`);
  let points = 0;
  const started = performance.now();
  let ended = started;
  const failed = new AbortController();
  const deadline = started + options.seconds * 1000;
  const baseMs = Date.now() - 3_600_000;
  const stopped = (): boolean => failed.signal.aborted || options.signal?.aborted === true || performance.now() >= deadline;
  const writeUrl = `${url}/write?db=${encodeURIComponent(db)}&precision=ms`;
  const loop = async (writer: number): Promise<void> => {
    for (let batch = 0; !stopped(); batch++) {
      const body = batchBody(writer, batch * batchPoints, batchPoints, fieldsPerPoint, baseMs);
      const signal = AbortSignal.any([AbortSignal.timeout(REQUEST_TIMEOUT_MS), failed.signal, ...(options.signal ? [options.signal] : [])]);
      let response: Response;
      try {
        response = await fetch(writeUrl, { method: 'POST', body, signal });
      } catch (error) {
        if (failed.signal.aborted || options.signal?.aborted === true) return;
        throw new Error(`InfluxDB at ${url} failed a write: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
      }
      if (response.status !== 204) throw new Error(`InfluxDB at ${url} rejected a write: ${response.status} ${(await response.text()).slice(0, 300)}`);
      await response.arrayBuffer();
      points += batchPoints;
      ended = performance.now();
    }
  };
  const outcomes = await Promise.allSettled(
    Array.from({ length: writers }, (_, writer) =>
      loop(writer).catch((error: unknown) => {
        failed.abort();
        throw error;
      }),
    ),
  );
  await influxQuery(url, `DROP DATABASE ${quoteIdent(db)}`).catch((error: unknown) => {
    if (outcomes.every((o) => o.status === 'fulfilled')) throw error;
  });
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
  const seconds = (ended - started) / 1000;
  return { url, writers, batchPoints, fieldsPerPoint, seconds: Math.round(seconds * 1000) / 1000, points, pointsPerS: seconds > 0 ? Math.round(points / seconds) : 0 };
}
