import { randomBytes } from 'node:crypto';
import { InfluxDB } from 'influx';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { describeTelemetryStoreContract } from '../store.contract.js';
import { createInfluxStore } from './influx.store.js';

// A real InfluxDB (global setup starts a throwaway influxd or takes PLANTWATCH_INFLUX_URL);
// a fresh database per file, dropped at the end.
const url = inject('influxUrl');
const database = `pw_test_${randomBytes(6).toString('hex')}`;
if (!url) console.warn('\n!!! InfluxStore suites SKIPPED: no InfluxDB (install influxdb or set PLANTWATCH_INFLUX_URL)\n');

describe.skipIf(!url)('InfluxStore', () => {
  afterAll(async () => {
    const { hostname, port } = new URL(url);
    await new InfluxDB({ host: hostname, port: Number(port) }).dropDatabase(database);
  });

  describeTelemetryStoreContract('InfluxStore', () => createInfluxStore({ url, database }));

  it('creates the database if missing and probes health with a write to _health', async () => {
    const store = await createInfluxStore({ url, database });
    expect((await store.health()).ok).toBe(true);
    const { hostname, port } = new URL(url);
    const admin = new InfluxDB({ host: hostname, port: Number(port), database });
    expect(await admin.getDatabaseNames()).toContain(database);
    expect(await admin.getMeasurements()).toContain('_health');
    await store.close();
  });

  it('reports unhealthy when writes fail (database gone)', async () => {
    const gone = `${database}_gone`;
    const store = await createInfluxStore({ url, database: gone });
    const { hostname, port } = new URL(url);
    await new InfluxDB({ host: hostname, port: Number(port) }).dropDatabase(gone);
    const health = await store.health();
    expect(health.ok).toBe(false);
    expect(health.detail).toMatch(/database not found/);
    await expect(store.write([{ measurement: 'meter_telemetry_energy', tags: { enterprise: 'e', site: 's', area: '_', line: '_', cell: '_', device: 'd' }, fields: { kwh: 1 }, ts: 1 }])).rejects.toThrow(/database not found/);
    await store.close();
  });

  it('reports a field type conflict as STORE_REJECTED (permanent), not as an outage to retry', async () => {
    const store = await createInfluxStore({ url, database });
    const tags = { enterprise: 'e', site: 's', area: '_', line: '_', cell: '_', device: 'd' };
    await store.write([{ measurement: 'tunnel_kiln_event', tags, fields: { carNo: 1 }, ts: 1_718_000_000_000 }]);
    const conflict = store.write([{ measurement: 'tunnel_kiln_event', tags, fields: { carNo: 'one' }, ts: 1_718_000_000_001 }]);
    await expect(conflict).rejects.toMatchObject({ code: 'STORE_REJECTED' });
    await store.close();
  });
});
