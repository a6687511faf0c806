import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './free-port.js';
import { DEBIAN_INFLUXD, startInfluxd } from './influxd.js';

const hasInfluxd = existsSync(DEBIAN_INFLUXD);
if (!hasInfluxd) console.warn(`\n!!! startInfluxd suite SKIPPED: ${DEBIAN_INFLUXD} is missing\n`);

async function query(url: string, q: string): Promise<string> {
  const response = await fetch(`${url}/query?${new URLSearchParams({ db: 'kit', epoch: 'ms', q })}`, { method: 'POST' });
  return response.text();
}

describe('freePort', () => {
  it('returns a port that can be bound', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(port).toBeLessThan(65_536);
  });
});

describe.skipIf(!hasInfluxd)('startInfluxd', () => {
  const dataDir = mkdtemp(join(tmpdir(), 'plantwatch-influxd-data-'));
  afterAll(async () => {
    await rm(await dataDir, { recursive: true, force: true });
  });

  it('serves on a free port, keeps data across stop/start, and cleans up on dispose', async () => {
    const influxd = await startInfluxd({ dataDir: await dataDir });
    try {
      expect(influxd.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await query(influxd.url, 'CREATE DATABASE kit');
      const write = await fetch(`${influxd.url}/write?db=kit&precision=ms`, { method: 'POST', body: 'm,device=d v=1 1700000000000' });
      expect(write.status).toBe(204);

      await influxd.stop();
      await expect(fetch(`${influxd.url}/ping`)).rejects.toThrow();
      await influxd.start();
      expect((await fetch(`${influxd.url}/ping`)).status).toBe(204);
      expect(await query(influxd.url, 'SELECT v FROM m')).toContain('[1700000000000,1]');
    } finally {
      await influxd.dispose();
    }
    await expect(fetch(`${influxd.url}/ping`)).rejects.toThrow();
    expect(existsSync(join(await dataDir, 'data', 'kit'))).toBe(true); // a caller's dataDir is kept
  });

  it('fails with the server output when influxd cannot start', async () => {
    await expect(startInfluxd({ binary: '/nonexistent/influxd' })).rejects.toThrow(/did not answer/);
  });
});
