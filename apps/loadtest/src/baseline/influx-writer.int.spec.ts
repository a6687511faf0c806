import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { runInfluxWriterBaseline } from './influx-writer.js';

// A real InfluxDB (global setup starts a throwaway influxd or takes PLANTWATCH_INFLUX_URL; with
// CI or PLANTWATCH_REQUIRE_INFLUX=1 the run fails rather than skip).
const url = inject('influxUrl');
if (!url) console.warn('\n!!! Influx writer baseline suite SKIPPED: no InfluxDB (install influxdb or set PLANTWATCH_INFLUX_URL)\n');

async function databases(): Promise<string[]> {
  const response = await fetch(`${url}/query?${new URLSearchParams({ q: 'SHOW DATABASES' })}`);
  const body = (await response.json()) as { results: { series?: { values?: string[][] }[] }[] };
  return (body.results[0]?.series?.[0]?.values ?? []).map(([name]) => name ?? '');
}

describe.skipIf(!url)('runInfluxWriterBaseline', () => {
  it('writes telemetry-shaped batches for the given time and drops its database after', async () => {
    const db = `pw_baseline_${randomBytes(4).toString('hex')}`;
    const result = await runInfluxWriterBaseline({ url, db, seconds: 1, batchPoints: 500 });
    expect(result).toMatchObject({ url, writers: 1, batchPoints: 500, fieldsPerPoint: 8 });
    expect(result.points).toBeGreaterThan(0);
    expect(result.points % 500).toBe(0);
    expect(result.pointsPerS).toBeGreaterThan(0);
    expect(await databases()).not.toContain(db);
  });

  it('stops early on abort and still drops its database', async () => {
    const db = `pw_baseline_${randomBytes(4).toString('hex')}`;
    const controller = new AbortController();
    controller.abort();
    const result = await runInfluxWriterBaseline({ url, db, seconds: 60, signal: controller.signal });
    expect(result.points).toBe(0);
    expect(await databases()).not.toContain(db);
  });
});

describe('runInfluxWriterBaseline without InfluxDB', () => {
  it('fails with a clear error when nothing answers', async () => {
    await expect(runInfluxWriterBaseline({ url: 'http://127.0.0.1:9', seconds: 1 })).rejects.toThrow(/InfluxDB at http:\/\/127\.0\.0\.1:9 does not answer \/ping/);
  });
});
