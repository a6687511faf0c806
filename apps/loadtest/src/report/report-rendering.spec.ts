import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCharts } from './charts.js';
import type { LoadReport, RunResult, StepResult } from './load-report.js';
import { renderMarkdown } from './render-markdown.js';
import { writeReport } from './write-report.js';

const latency = (p50: number) => ({ count: 1000, p50, p95: p50 * 2, p99: p50 * 3, max: p50 * 5, mean: p50 * 1.2 });

function step(offeredPerS: number, overrides: Partial<StepResult> = {}): StepResult {
  return {
    label: `${offeredPerS}/s`,
    offeredPerS,
    publishedPerS: offeredPerS,
    deliveredPerS: offeredPerS,
    seconds: 10,
    published: offeredPerS * 10,
    delivered: offeredPerS * 10,
    lost: 0,
    hops: { broker: latency(1.2), ingest: latency(2.5), stored: latency(40), socket: latency(260) },
    processes: [
      { name: 'broker', pid: 11, cpuPct: offeredPerS / 50, rssMiB: 80 },
      { name: 'ingest', pid: 12, cpuPct: offeredPerS / 30, rssMiB: 120 },
    ],
    drainSeconds: 0.4,
    ...overrides,
  };
}

const steady: RunResult = {
  name: 'steady <huaxiang & "yangquan">',
  kind: 'steady',
  target: 'pipeline',
  load: 'huaxiang-5g-factory + yangquan-refractory-town',
  steps: [step(850, { label: 'steady', seq: { received: 8500, lost: 0, duplicates: 2, outOfOrder: 1 } })],
};
const pipelineRamp: RunResult = {
  name: 'ramp-pipeline',
  kind: 'ramp',
  target: 'pipeline',
  load: 'fleet 100 devices',
  steps: [
    step(1000, { held: true }),
    step(2000, { held: true }),
    step(4000, { held: false, reason: 'lost 120 | p99 > bound', lost: 120, hops: { broker: latency(3), stored: latency(900) }, signals: ['ingest spooling'] }),
  ],
  kneePerS: 2000,
};
const relayRamp: RunResult = {
  name: 'ramp-relay',
  kind: 'ramp',
  target: 'relay',
  load: 'fleet 100 devices',
  steps: [step(2000, { held: true, hops: { broker: latency(1) }, processes: [] }), step(8000, { held: true, hops: { broker: latency(4) }, processes: [] })],
  kneePerS: 8000,
};

const report: LoadReport = {
  version: 1,
  startedAt: '2025-01-01T00:00:00.000Z',
  finishedAt: '2025-01-01T00:20:00.000Z',
  command: 'plant-load --scenario huaxiang-5g-factory --ramp',
  machine: { cpus: 2, cpuModel: 'Test CPU <2 GHz>', memGiB: 7.8, node: 'v20.20.2', os: 'linux 6.1' },
  config: { store: 'influx', broker: 'mqtt://127.0.0.1:1883', qos: 1 },
  runs: [steady, pipelineRamp, relayRamp],
  baselines: { influxWriter: { url: 'http://127.0.0.1:8086', writers: 1, batchPoints: 5000, seconds: 10, points: 400_000, pointsPerS: 40_000, fieldsPerPoint: 8 } },
  ratio: { pipelineKneePerS: 2000, relayKneePerS: 8000, pipelineOverRelay: 0.25 },
  profiles: [
    {
      process: 'ingest',
      file: 'profiles/ingest-12.cpuprofile',
      busyMs: 1000,
      byCategory: [
        { category: 'ours: apps/ingest', selfMs: 600, pct: 60 },
        { category: 'gc', selfMs: 400, pct: 40 },
      ],
      topFunctions: [{ fn: 'decodeMessage', where: 'apps/ingest/src/decode.ts:12', selfMs: 500, pct: 50 }],
    },
    { process: 'api', file: 'profiles/api-13.cpuprofile', busyMs: 0, byCategory: [], topFunctions: [], warning: 'skipped api-13.cpuprofile: Unexpected end of JSON input' },
  ],
  findings: ['ingest dominates: <60 %> of its CPU is ours & decode'],
};

/** Start tags and end tags pair up; self-closing tags stand alone. */
function expectBalancedXml(svg: string): void {
  const stack: string[] = [];
  for (const [, slash, name, selfClose] of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>/g)) {
    if (selfClose === '/') continue;
    if (slash === '/') expect(stack.pop()).toBe(name);
    else stack.push(name ?? '');
  }
  expect(stack).toEqual([]);
}

function expectCleanSvg(svg: string): void {
  expect(svg.startsWith('<svg')).toBe(true);
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  expectBalancedXml(svg);
  expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  expect(svg).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
}

describe('renderCharts', () => {
  it('draws latency per ramp, loss, CPU and steady latency as well-formed SVG with axes and legends', () => {
    const charts = renderCharts(report);
    expect(charts.map((c) => c.file)).toEqual(['latency-vs-rate-pipeline.svg', 'latency-vs-rate-relay.svg', 'loss-vs-rate.svg', 'cpu-per-process.svg', 'steady-latency.svg']);
    for (const chart of charts) expectCleanSvg(chart.svg);
    const byFile = new Map(charts.map((c) => [c.file, c.svg]));
    const pipeline = byFile.get('latency-vs-rate-pipeline.svg') ?? '';
    expect(pipeline).toContain('offered rate [msg/s]');
    expect(pipeline).toContain('latency from device ts [ms] (log scale)');
    expect(pipeline).toContain('stored p99');
    expect(pipeline).toContain('step not held');
    expect(pipeline).toContain('stroke-dasharray'); // p99 dashed
    expect(byFile.get('loss-vs-rate.svg')).toContain('loss [% of published]');
    expect(byFile.get('loss-vs-rate.svg')).toContain('relay (ramp-relay)');
    expect(byFile.get('cpu-per-process.svg')).toContain('CPU [% of one core]');
    expect(byFile.get('cpu-per-process.svg')).toContain('pipeline ramp');
    expect(byFile.get('steady-latency.svg')).toContain('&lt;huaxiang &amp; &quot;yangquan&quot;&gt;');
  });

  it('falls back to CPU bars for a steady run without a ramp', () => {
    const charts = renderCharts({ ...report, runs: [steady] });
    expect(charts.map((c) => c.file)).toEqual(['cpu-per-process.svg', 'steady-latency.svg']);
    expect(charts[0]?.svg).toContain('<rect');
    for (const chart of charts) expectCleanSvg(chart.svg);
  });

  it('handles empty, zero and one-step runs without NaN, skipping charts without data', () => {
    expect(renderCharts({ ...report, runs: [] })).toEqual([]);
    const empty: RunResult = { name: 'empty', kind: 'ramp', target: 'pipeline', load: 'none', steps: [], kneePerS: null };
    expect(renderCharts({ ...report, runs: [empty] })).toEqual([]);
    const zero = step(0, { published: 0, delivered: 0, publishedPerS: 0, deliveredPerS: 0, hops: { broker: { count: 1, p50: 0, p95: 0, p99: 0, max: 0, mean: 0 } }, processes: [{ name: 'broker', pid: 1, cpuPct: 0, rssMiB: 0 }] });
    const oneStep: RunResult = { name: 'one', kind: 'ramp', target: 'relay', load: 'x', steps: [step(500, { held: true })], kneePerS: 500 };
    const charts = renderCharts({ ...report, runs: [{ ...empty, steps: [zero] }, oneStep, { ...steady, steps: [zero] }] });
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) expectCleanSvg(chart.svg);
  });
});

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(report, renderCharts(report));

  it('summarises machine, command, config and each run as a table per step', () => {
    expect(markdown).toContain('2 × Test CPU &lt;2 GHz>'); // no raw HTML in the Markdown
    expect(markdown).toContain('plant-load --scenario huaxiang-5g-factory --ramp');
    expect(markdown).toContain('| store | influx |');
    expect(markdown).toMatch(/\| step \| offered msg\/s \| published msg\/s \| delivered msg\/s \| published \| delivered \| lost \| dup \| out of order \| broker p50\/p95\/p99\/max ms/);
    expect(markdown).toContain('| steady | 850 | 850 | 850 | 8,500 | 8,500 | 0 | 2 | 1 | 1.2 / 2.4 / 3.6 / 6 |');
    expect(markdown).toContain('not held: lost 120 \\| p99 > bound'); // the pipe is escaped inside a cell
    expect(markdown).toContain('broker CPU % / RSS MiB');
    expect(markdown).toContain('- 4000/s: ingest spooling');
  });

  it('states the knees, the ratio against its goal and the writer baseline', () => {
    expect(markdown).toContain('Knee (highest rate held with zero loss): **2,000 msg/s**');
    expect(markdown).toContain('**Pipeline ÷ relay = 2,000 ÷ 8,000 = 0.25** — goal ≥ 0.5 on a 2-core machine: **not met**');
    expect(markdown).toContain('40,000 points/s');
    expect(markdown).toContain('2,000 msg/s = **5 %** of the bare writer');
  });

  it('lists profiles, findings and the charts as images', () => {
    expect(markdown).toContain('| ours: apps/ingest | 600 | 60 % |');
    expect(markdown).toContain('| decodeMessage | apps/ingest/src/decode.ts:12 | 500 | 50 % |');
    expect(markdown).toContain('⚠ skipped api-13.cpuprofile');
    expect(markdown).toContain('- ingest dominates: &lt;60 %> of its CPU is ours & decode');
    expect(markdown).toContain('](charts/latency-vs-rate-pipeline.svg)');
    expect(markdown).not.toMatch(/NaN|undefined/);
  });

  it('renders a report without runs, ratio or baselines', () => {
    const bare = renderMarkdown({ ...report, runs: [], ratio: undefined, baselines: {}, profiles: undefined, findings: [] }, []);
    expect(bare).toContain('_No runs._');
    expect(bare).toContain('_No ramp run in this invocation._');
    expect(bare).not.toMatch(/NaN|undefined/);
  });
});

describe('writeReport', () => {
  it('writes report.json, report.md and charts/*.svg into a new directory', async () => {
    const root = await mkdtemp(join(tmpdir(), 'plantwatch-report-'));
    try {
      const dir = join(root, 'nested', 'out');
      const written = await writeReport(dir, report);
      expect(JSON.parse(await readFile(written.json, 'utf8'))).toEqual(report);
      expect(await readFile(written.markdown, 'utf8')).toContain('# plantwatch load report');
      expect((await readdir(join(dir, 'charts'))).sort()).toEqual(written.charts.map((p) => p.slice(p.lastIndexOf('/') + 1)).sort());
      expect(written.charts).toHaveLength(5);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
