import { summarizeLatency, type TelemetryPoint } from '@plantwatch/domain';
import { createDuckDbStore, StoreError, type TelemetryStore } from '@plantwatch/store';
import { expectEventually } from '@plantwatch/testing';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableWriter } from './durable-writer.js';
import { IngestStats } from './ingest-stats.js';
import { Spool } from './spool.js';

const tags = { enterprise: 'jytd', site: 'yq-baiquan', area: 'firing', line: 'tk03', cell: 'controller', device: 'plc' };
const point = (i: number): TelemetryPoint => ({ measurement: 'tunnel_kiln_event', tags, fields: { seq: i }, ts: 1_718_000_000_000 + i });
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A real DuckDB store behind a switch that injects failures: an outage, or a permanent refusal. */
async function switchableStore(): Promise<{ store: TelemetryStore; mode: { now: 'up' | 'down' | 'rejecting' }; stored: () => Promise<number[]> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-writer-'));
  const real = await createDuckDbStore({ file: join(dir, 'store.duckdb') });
  cleanups.push(() => rm(dir, { recursive: true, force: true }), () => real.close());
  const mode = { now: 'up' as 'up' | 'down' | 'rejecting' };
  const store: TelemetryStore = {
    write: (points) => (mode.now === 'down' ? Promise.reject(new Error('ECONNREFUSED')) : mode.now === 'rejecting' ? Promise.reject(new StoreError('STORE_REJECTED', 'field type conflict')) : real.write(points)),
    writeDeadLetters: (records) => real.writeDeadLetters(records),
    history: (query) => real.history(query),
    deadLetters: (query) => real.deadLetters(query),
    health: () => real.health(),
    close: () => Promise.resolve(),
  };
  const stored = async () => (await real.history({ measurement: 'tunnel_kiln_event', device: tags, field: 'seq', from: 0, to: 2_000_000_000_000 })).map((p) => Number(p.value));
  return { store, mode, stored };
}

async function writerFor(store: TelemetryStore, batchMax = 1_000): Promise<{ writer: DurableWriter; stats: IngestStats }> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-spool-'));
  const stats = new IngestStats();
  const writer = new DurableWriter(store, await Spool.open(dir), stats, { batchMs: 60_000, batchMax, retryMs: 50, log: () => undefined });
  cleanups.push(() => rm(dir, { recursive: true, force: true }), () => writer.close());
  return { writer, stats };
}

describe('durable writer', () => {
  it('writes a backlog that piled up behind a slow write in parts of at most batchMax points', async () => {
    const { store, stored } = await switchableStore();
    const sizes: number[] = [];
    const write = store.write.bind(store);
    const recording: TelemetryStore = { ...store, write: (points) => (sizes.push(points.length), write(points)) };
    const { writer, stats } = await writerFor(recording, 100);
    // the 100th point asks for a flush; it starts a microtask later and takes all 250 then
    for (let i = 0; i < 250; i++) writer.add(point(i));
    await writer.flush();
    expect(sizes).toEqual([100, 100, 50]);
    expect(stats.stored).toBe(250);
    expect((await stored()).length).toBe(250);
  });

  it('spools while the store is down and replays everything once it is back', async () => {
    const { store, mode, stored } = await switchableStore();
    const { writer, stats } = await writerFor(store);
    writer.add(point(0));
    await writer.flush();
    mode.now = 'down';
    for (let i = 1; i <= 5; i++) {
      writer.add(point(i));
      await writer.flush();
    }
    expect(stats.spooled).toBe(5);
    expect(await stored()).toEqual([0]);
    mode.now = 'up';
    await expectEventually(async () => expect(await stored()).toEqual([0, 1, 2, 3, 4, 5]));
    // The spool forgets a segment only after the store took all of it: the backlog empties just after.
    await expectEventually(() => {
      expect(stats.replayed).toBe(5);
      expect(writer.spoolBacklog).toBe(0);
    });
  });

  it('does not spool forever what the store refuses for good: counts it and carries on', async () => {
    const { store, mode, stored } = await switchableStore();
    const { writer, stats } = await writerFor(store);
    mode.now = 'rejecting';
    writer.add(point(1));
    await writer.flush();
    mode.now = 'up';
    writer.add(point(2));
    await writer.flush();
    expect(stats.storeRejected).toBe(1);
    expect(writer.spoolBacklog).toBe(0);
    expect(await stored()).toEqual([2]);
  });

  it('records the stored-hop latency of stream points, not of backfill or snapshots', async () => {
    const { store } = await switchableStore();
    const { writer, stats } = await writerFor(store);
    const now = Date.now();
    writer.add({ measurement: 'tunnel_kiln_event', tags, fields: { seq: 1 }, ts: now - 1_500 });
    writer.add({ measurement: 'tunnel_kiln_event', tags, fields: { seq: 2, stale: true }, ts: now - 600_000 });
    writer.add({ measurement: 'tunnel_kiln_state', tags, fields: { mode: 'firing' }, ts: now - 600_000 });
    await writer.flush();
    const stored = summarizeLatency(stats.latency.stored.snapshot());
    expect(stored?.count).toBe(1);
    expect(stored?.p50).toBeGreaterThanOrEqual(1_500);
    expect(stored?.p50).toBeLessThan(600_000);
  });
});
