import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoadReport } from '../report/load-report.js';
import { runLoadCli } from './load-cli.js';

/**
 * A smoke run of the load command against the real built stack (npm test builds first): a tiny
 * fleet for seconds, the skeleton plant at real rate, the bare relay baseline. It checks the
 * report is complete and well-formed — not how fast anything was.
 */
describe('plant-load (smoke)', () => {
  let out = '';
  afterAll(async () => {
    if (out !== '') await rm(out, { recursive: true, force: true });
  });

  it('runs a steady run and a ramp against the stack and the bare relay, and writes JSON, Markdown and charts', async () => {
    out = await mkdtemp(join(tmpdir(), 'pw-load-smoke-'));
    const lines: string[] = [];
    const code = await runLoadCli(['--scenario', 'skeleton', '--duration', '4s', '--ramp', '100,200', '--fleet', '10', '--step', '2s', '--store', 'embedded', '--baselines', 'relay', '--out', out, '--max-time', '5m'], undefined, (line) => lines.push(line));
    expect(code, lines.join('\n')).toBe(0);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as LoadReport;
    expect(report.runs.map((r) => r.name)).toEqual(['steady', 'ramp-pipeline', 'ramp-relay']);
    const [steady, pipeline, relay] = report.runs;
    expect(steady?.steps[0]?.published).toBeGreaterThan(0);
    expect(steady?.steps[0]?.lost).toBe(0);
    expect(Object.keys(steady?.steps[0]?.hops ?? {})).toEqual(expect.arrayContaining(['broker', 'ingest', 'stored']));
    expect(pipeline?.steps.map((s) => s.offeredPerS)).toEqual([100, 200]);
    for (const step of [...(pipeline?.steps ?? []), ...(relay?.steps ?? [])]) {
      expect(step.published).toBeGreaterThan(0);
      expect(step.lost).toBe(0);
      expect(typeof step.held).toBe('boolean');
    }
    expect(pipeline?.steps[0]?.processes.map((p) => p.name).sort()).toEqual(['alarms', 'api', 'broker', 'ingest', 'plant-load']);
    expect(relay?.steps[0]?.seq).toMatchObject({ lost: 0, duplicates: 0 });
    expect(report.findings.length).toBeGreaterThan(0);
    const markdown = await readFile(join(out, 'report.md'), 'utf8');
    expect(markdown).toContain('ramp-pipeline');
    const charts = await readdir(join(out, 'charts'));
    expect(charts).toEqual(expect.arrayContaining(['latency-vs-rate-pipeline.svg', 'loss-vs-rate.svg', 'cpu-per-process.svg']));
    for (const chart of charts) {
      const svg = await readFile(join(out, 'charts', chart), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).not.toMatch(/NaN|undefined/);
    }
  }, 180_000);

  it('refuses a bad command line with a usage error (exit 2), before starting anything', async () => {
    expect(await runLoadCli(['--ramp', 'fast'])).toBe(2);
    expect(await runLoadCli(['--scenario', 'no-such-plant'])).toBe(2);
    expect(await runLoadCli([])).toBe(2);
  });
});
