import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeTelemetryStoreContract } from '../store.contract.js';
import { createDuckDbStore } from './duckdb.store.js';

// A real DuckDB file in a fresh temp dir (no server needed); removed at the end.
const dir = await mkdtemp(join(tmpdir(), 'plantwatch-duckdb-'));
let files = 0;
const freshFile = (): string => join(dir, 'data', `store-${++files}.duckdb`);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describeTelemetryStoreContract('DuckDbStore', () => createDuckDbStore({ file: freshFile() }));

describe('DuckDbStore (embedded specifics)', () => {
  const dev = { enterprise: 'e', site: 's', area: '_', line: '_', cell: '_', device: 'd' };
  const query = { measurement: 'meter_telemetry_energy', device: dev, field: 'kwh', from: 0, to: 10_000 };

  it('keeps what it acknowledged across close and reopen of the file', async () => {
    const file = freshFile();
    const first = await createDuckDbStore({ file });
    await first.write([{ measurement: 'meter_telemetry_energy', tags: dev, fields: { kwh: 7.25 }, ts: 1_000 }]);
    await first.close();
    const second = await createDuckDbStore({ file });
    expect(await second.history(query)).toEqual([{ ts: 1_000, value: 7.25 }]);
    await second.close();
  });

  it('refuses to open the same file twice in one process', async () => {
    const file = freshFile();
    const store = await createDuckDbStore({ file });
    await expect(createDuckDbStore({ file })).rejects.toThrow(/already open/);
    await store.close();
  });

  it('serialises concurrent writes on its one connection', async () => {
    const store = await createDuckDbStore({ file: ':memory:' });
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.write([{ measurement: 'meter_telemetry_energy', tags: dev, fields: { kwh: i }, ts: i * 100 }])),
    );
    expect(await store.history(query)).toHaveLength(20);
    await store.close();
  });
});
