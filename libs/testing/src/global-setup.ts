import { existsSync } from 'node:fs';
import type {} from 'vitest';
import type { TestProject } from 'vitest/node';
import { DEBIAN_INFLUXD, startInfluxd } from './influxd.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** InfluxDB base URL for *.int.spec.ts suites, or '' when none is available (local only). */
    influxUrl: string;
  }
}

/**
 * Vitest global setup: provides the InfluxDB URL to every test file.
 * - `PLANTWATCH_INFLUX_URL` set: use that server (e.g. a CI service container).
 * - else Debian's influxd is installed: start one shared throwaway server for this run.
 * - else, in CI or with `PLANTWATCH_REQUIRE_INFLUX=1`: fail the run, so InfluxDB suites can
 *   never be skipped silently; locally: provide '' and the suites skip with a warning.
 * The only place test code reads process.env (it is test infrastructure, STYLE.md §5).
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = process.env['PLANTWATCH_INFLUX_URL'] ?? '';
  if (given !== '') {
    const ping = await fetch(`${given}/ping`).catch((error: unknown) => error);
    if (!(ping instanceof Response) || ping.status !== 204) throw new Error(`PLANTWATCH_INFLUX_URL=${given} does not answer /ping: ${String(ping instanceof Response ? ping.status : ping)}`);
    console.log(`InfluxDB suites: RUNNING against ${given}`);
    project.provide('influxUrl', given);
    return undefined;
  }
  if (existsSync(DEBIAN_INFLUXD)) {
    const influxd = await startInfluxd();
    console.log(`InfluxDB suites: RUNNING against a throwaway influxd at ${influxd.url}`);
    project.provide('influxUrl', influxd.url);
    return () => influxd.dispose();
  }
  const required = (process.env['CI'] ?? '') !== '' || process.env['PLANTWATCH_REQUIRE_INFLUX'] === '1';
  if (required) {
    throw new Error(
      `InfluxDB is required (CI or PLANTWATCH_REQUIRE_INFLUX=1) but PLANTWATCH_INFLUX_URL is not set and ${DEBIAN_INFLUXD} does not exist. ` +
        'Set PLANTWATCH_INFLUX_URL to a running InfluxDB 1.x, or install it (apt-get install influxdb).',
    );
  }
  console.warn(
    `\n!!! No InfluxDB: PLANTWATCH_INFLUX_URL is not set and ${DEBIAN_INFLUXD} is missing — InfluxDB suites will be SKIPPED. ` +
      'Install influxdb or set PLANTWATCH_INFLUX_URL (CI fails instead of skipping).\n',
  );
  project.provide('influxUrl', '');
  return undefined;
}
