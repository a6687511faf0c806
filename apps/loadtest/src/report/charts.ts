import type { LatencySummary } from '@plantwatch/domain';
import { HOPS, type HopName, type LoadReport, type RunResult, type StepResult } from './load-report.js';
import { colourAt } from './svg-axes.js';
import { renderBarChart, renderLineChart, type LinePoint, type LineSeries } from './svg-chart.js';

/** One chart of the report: written to `charts/<file>` and linked from `report.md`. */
export interface RenderedChart {
  readonly file: string;
  readonly title: string;
  readonly svg: string;
}

/** A fixed colour per hop, so every chart reads the same. */
export const HOP_COLOURS: Readonly<Record<HopName, string>> = { broker: '#0072B2', ingest: '#E69F00', stored: '#009E73', socket: '#D55E00' };
const QUANTILE_COLOURS = { p50: '#56B4E9', p95: '#0072B2', p99: '#E69F00', max: '#D55E00' } as const;
const RATE_AXIS = 'offered rate [msg/s]';
const LATENCY_AXIS = 'latency from device ts [ms] (log scale)';

/** A file-name-safe form of a run or target name. */
function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'run'
  );
}

/** `base.svg`, or `base-<name>.svg` when `base` is taken already. */
function uniqueFile(taken: Set<string>, base: string, name: string): string {
  let file = `${base}.svg`;
  if (taken.has(file)) file = `${base}-${slug(name)}.svg`;
  for (let n = 2; taken.has(file); n++) file = `${base}-${slug(name)}-${n}.svg`;
  taken.add(file);
  return file;
}

function held(step: StepResult): Pick<LinePoint, 'held'> {
  return step.held === undefined ? {} : { held: step.held };
}

/** p50 (solid) and p99 (dashed) per hop over the offered rate of one ramp run. */
function latencyVsRate(run: RunResult): LineSeries[] {
  const series: LineSeries[] = [];
  for (const hop of HOPS) {
    for (const quantile of ['p50', 'p99'] as const) {
      const points = run.steps.flatMap((step) => {
        const summary: LatencySummary | undefined = step.hops[hop];
        return summary === undefined ? [] : [{ x: step.offeredPerS, y: summary[quantile], ...held(step) }];
      });
      if (points.length > 0) series.push({ name: `${hop} ${quantile}`, colour: HOP_COLOURS[hop], dashed: quantile === 'p99', points });
    }
  }
  return series;
}

/** Loss in % of published per step; steps that published nothing have no loss to show. */
function lossSeries(run: RunResult, index: number): LineSeries {
  const points = run.steps.filter((step) => step.published > 0).map((step) => ({ x: step.offeredPerS, y: (Math.max(0, step.lost) / step.published) * 100, ...held(step) }));
  return { name: `${run.target} (${run.name})`, colour: colourAt(index), points };
}

function processNames(steps: readonly StepResult[]): string[] {
  return [...new Set(steps.flatMap((step) => step.processes.map((p) => p.name)))];
}

/** CPU per process over the pipeline ramp, or grouped bars per process for the steady runs. */
function cpuChart(report: LoadReport): Omit<RenderedChart, 'file'> | undefined {
  const title = 'CPU per process';
  const ramp = report.runs.find((run) => run.kind === 'ramp' && run.target === 'pipeline');
  if (ramp !== undefined && processNames(ramp.steps).length > 0) {
    const series = processNames(ramp.steps).map((name, index) => ({
      name,
      colour: colourAt(index),
      points: ramp.steps.flatMap((step) => {
        const usage = step.processes.find((p) => p.name === name);
        return usage === undefined ? [] : [{ x: step.offeredPerS, y: usage.cpuPct, ...held(step) }];
      }),
    }));
    const fullTitle = `${title} — pipeline ramp (${ramp.name})`;
    return { title: fullTitle, svg: renderLineChart({ title: fullTitle, xLabel: RATE_AXIS, yLabel: 'CPU [% of one core]', series }) };
  }
  const steady = report.runs.filter((run) => run.kind === 'steady').flatMap((run) => run.steps.map((step) => ({ run, step })));
  const names = processNames(steady.map(({ step }) => step));
  if (names.length === 0) return undefined;
  const series = steady.map(({ run, step }, index) => ({
    name: run.steps.length > 1 ? `${run.name} ${step.label}` : run.name,
    colour: colourAt(index),
    values: names.map((name) => step.processes.find((p) => p.name === name)?.cpuPct),
  }));
  const fullTitle = `${title} — steady run`;
  return { title: fullTitle, svg: renderBarChart({ title: fullTitle, yLabel: 'CPU [% of one core]', groups: names, series }) };
}

/** p50/p95/p99/max bars per hop for the first step with latencies of a steady run. */
function steadyLatency(run: RunResult): Omit<RenderedChart, 'file'> | undefined {
  const step = run.steps.find((s) => HOPS.some((hop) => s.hops[hop] !== undefined));
  if (step === undefined) return undefined;
  const hops = HOPS.filter((hop) => step.hops[hop] !== undefined);
  const series = (['p50', 'p95', 'p99', 'max'] as const).map((q) => ({ name: q, colour: QUANTILE_COLOURS[q], values: hops.map((hop) => step.hops[hop]?.[q]) }));
  const title = `Latency per hop — steady run ${run.name}`;
  return { title, svg: renderBarChart({ title, yLabel: LATENCY_AXIS, yLog: true, groups: hops, series }) };
}

/** Published and delivered rate, and the backlog, over the window of a steady run (the storm's shape). */
function steadyTimeline(run: RunResult): Omit<RenderedChart, 'file'> | undefined {
  const timeline = run.steps[0]?.timeline ?? [];
  if (timeline.length < 2) return undefined;
  const lastHop = run.target === 'pipeline' ? 'stored' : 'received';
  const series: LineSeries[] = [
    { name: 'published msg/s', colour: HOP_COLOURS.broker, points: timeline.map((p) => ({ x: p.atS, y: p.publishedPerS })) },
    { name: `${lastHop} msg/s`, colour: HOP_COLOURS.stored, points: timeline.map((p) => ({ x: p.atS, y: p.deliveredPerS })) },
    { name: 'behind (messages)', colour: HOP_COLOURS.socket, dashed: true, points: timeline.map((p) => ({ x: p.atS, y: p.behind })) },
  ];
  const title = `Rate and backlog over time — steady run ${run.name}`;
  return { title, svg: renderLineChart({ title, xLabel: 'time in the window [s]', yLabel: 'msg/s · messages behind', series }) };
}

/**
 * The report's charts, rendered from the report alone: latency vs rate per ramp run, loss vs
 * rate over all ramp runs, CPU per process, and the steady run's latency per hop. A chart whose
 * data is missing (no ramp, no steady run, no latencies, no process usage) is left out.
 */
export function renderCharts(report: LoadReport): RenderedChart[] {
  const charts: RenderedChart[] = [];
  const taken = new Set<string>();
  const ramps = report.runs.filter((run) => run.kind === 'ramp');
  for (const run of ramps) {
    const series = latencyVsRate(run);
    if (series.length === 0) continue;
    const title = `Latency vs offered rate — ${run.target} ramp (${run.name})`;
    charts.push({ file: uniqueFile(taken, `latency-vs-rate-${slug(run.target)}`, run.name), title, svg: renderLineChart({ title, xLabel: RATE_AXIS, yLabel: LATENCY_AXIS, yLog: true, series }) });
  }
  const loss = ramps.map(lossSeries).filter((series) => series.points.length > 0);
  if (loss.length > 0) {
    const title = 'Loss vs offered rate';
    charts.push({ file: uniqueFile(taken, 'loss-vs-rate', ''), title, svg: renderLineChart({ title, xLabel: RATE_AXIS, yLabel: 'loss [% of published]', series: loss }) });
  }
  const cpu = cpuChart(report);
  if (cpu !== undefined) charts.push({ ...cpu, file: uniqueFile(taken, 'cpu-per-process', '') });
  for (const run of report.runs.filter((r) => r.kind === 'steady')) {
    const chart = steadyLatency(run);
    if (chart !== undefined) charts.push({ ...chart, file: uniqueFile(taken, 'steady-latency', run.name) });
    const timeline = steadyTimeline(run);
    if (timeline !== undefined) charts.push({ ...timeline, file: uniqueFile(taken, 'steady-timeline', run.name) });
  }
  return charts;
}
