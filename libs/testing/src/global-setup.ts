import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** InfluxDB base URL for *.int.spec.ts suites, or '' when none is available (local only). */
    influxUrl: string;
  }
}

/** Vitest global setup: provides the InfluxDB URL to every test file. */
export default function setup(project: TestProject): void {
  project.provide('influxUrl', process.env['PLANTWATCH_INFLUX_URL'] ?? '');
}
