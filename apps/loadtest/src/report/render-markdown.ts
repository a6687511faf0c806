import { HOPS, type LoadReport, type ProfileSummary, type RunResult, type StepResult } from './load-report.js';

/**
 * `report.md`: the human summary of a load report — machine, command and config, a table per run
 * (one row per step), knees and the pipeline ÷ relay ratio against its goal, the InfluxDB writer
 * baseline, the charts, where the CPU went (profiles) and the findings. Rendered from the report
 * alone, so it can be re-rendered from any `report.json`.
 */

/** The ratio goal from the issue: the pipeline holds at least half the bare relay's rate. */
export const RATIO_GOAL = 0.5;
const TOP_CATEGORIES = 8;

/** A number for a table: thousands separators, at most `digits` decimals, `–` when not finite. */
function num(value: number | undefined, digits = 1): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** Free text that Markdown must not take for HTML (`<…>`), on one line. */
function plain(text: string): string {
  return text.replace(/</g, '&lt;').replace(/\r?\n/g, ' ');
}

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
  return plain(text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|'));
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)];
}

function heldText(step: StepResult): string {
  if (step.held === undefined) return '–';
  return step.held ? 'held' : `not held${step.reason === undefined ? '' : `: ${step.reason}`}`;
}

function stepTable(run: RunResult): string[] {
  const hops = HOPS.filter((hop) => run.steps.some((step) => step.hops[hop] !== undefined));
  const processes = [...new Set(run.steps.flatMap((step) => step.processes.map((p) => p.name)))];
  const withSeq = run.steps.some((step) => step.seq !== undefined);
  const withHeld = run.steps.some((step) => step.held !== undefined);
  const header = [
    'step',
    'offered msg/s',
    'published msg/s',
    'delivered msg/s',
    'published',
    'delivered',
    'lost',
    ...(withSeq ? ['dup', 'out of order'] : []),
    ...hops.map((hop) => `${hop} p50/p95/p99/max ms`),
    'drain s',
    ...(withHeld ? ['held'] : []),
    ...processes.map((name) => `${name} CPU % / RSS MiB`),
  ];
  const rows = run.steps.map((step) => [
    step.label,
    num(step.offeredPerS),
    num(step.publishedPerS),
    num(step.deliveredPerS),
    num(step.published, 0),
    num(step.delivered, 0),
    num(step.lost, 0),
    ...(withSeq ? [num(step.seq?.duplicates, 0), num(step.seq?.outOfOrder, 0)] : []),
    ...hops.map((hop) => {
      const s = step.hops[hop];
      return s === undefined ? '–' : `${num(s.p50)} / ${num(s.p95)} / ${num(s.p99)} / ${num(s.max)}`;
    }),
    num(step.drainSeconds),
    ...(withHeld ? [heldText(step)] : []),
    ...processes.map((name) => {
      const usage = step.processes.find((p) => p.name === name);
      return usage === undefined ? '–' : `${num(usage.cpuPct, 0)} / ${num(usage.rssMiB, 0)}`;
    }),
  ]);
  return table(header, rows);
}

function runSection(run: RunResult): string[] {
  const out = [`### ${plain(run.name)} — ${run.kind}, ${run.target}`, '', `Load: ${plain(run.load)}`, ''];
  if (run.kind === 'ramp') out.push(`Knee (highest rate held with zero loss): ${run.kneePerS == null ? 'no step held' : `**${num(run.kneePerS)} msg/s**`}`, '');
  if (run.steps.length === 0) return [...out, '_No steps were measured._', ''];
  out.push(...stepTable(run), '');
  const signals = run.steps.flatMap((step) => (step.signals ?? []).map((signal) => `- ${plain(step.label)}: ${plain(signal)}`));
  if (signals.length > 0) out.push('Overload signals:', '', ...signals, '');
  for (const step of run.steps) out.push(...peakLines(step));
  return out;
}

/** A window's busiest interval counts as a peak (with a recovery to report) from this multiple of its median rate. */
const PEAK_FACTOR_SHOWN = 2;

/** Backfill accounting and the peak/recovery of a steady window. */
function peakLines(step: StepResult): string[] {
  const out: string[] = [];
  if (step.backfill !== undefined) out.push(`Gateway backfill (replayed \`stale\` messages, counted in "lost"): ${num(step.backfill.published, 0)} published, ${num(step.backfill.delivered, 0)} stored.`, '');
  const r = step.recovery;
  if (r !== undefined && r.peakFactor < PEAK_FACTOR_SHOWN) out.push(`No peak: the highest 5 s interval was ${num(r.peakFactor)}× the window's median ${num(r.medianPerS)} msg/s; at most ${num(r.maxBehind, 0)} messages behind.`, '');
  else if (r !== undefined) {
    const recovered = r.recoverySeconds === null ? '**not caught up within the window**' : `caught up ${num(r.recoverySeconds, 0)} s after the peak ended (at ${num(r.recoveredAtS ?? 0, 0)} s)`;
    out.push(`Peak: ${num(r.peakPerS)} msg/s at ${num(r.peakAtS, 0)} s = ${num(r.peakFactor)}× the window's median ${num(r.medianPerS)} msg/s; the peak ended at ${num(r.peakEndAtS, 0)} s; at most ${num(r.maxBehind, 0)} messages behind; **recovery**: ${recovered} (caught up = ≤ 1 s of median traffic behind and the interval p99 ≤ ${num(r.normalP99Ms, 0)} ms).`, '');
  }
  return out;
}

function ratioSection(report: LoadReport): string[] {
  const out = ['## Knees and ratio', ''];
  const ramps = report.runs.filter((run) => run.kind === 'ramp');
  if (ramps.length === 0 && report.ratio === undefined) return [...out, '_No ramp run in this invocation._', ''];
  for (const run of ramps) out.push(`- ${run.target} (${plain(run.name)}): ${run.kneePerS == null ? 'no step held' : `${num(run.kneePerS)} msg/s`}`);
  out.push('');
  const ratio = report.ratio;
  if (ratio === undefined) return [...out, `Pipeline ÷ relay: not available (needs a knee for both targets). Goal: ≥ ${RATIO_GOAL} on a 2-core machine.`, ''];
  const met = ratio.pipelineOverRelay >= RATIO_GOAL;
  const cores = report.machine.cpus === 2 ? '' : ` (this machine has ${report.machine.cpus} cores, the goal is stated for 2)`;
  out.push(
    `**Pipeline ÷ relay = ${num(ratio.pipelineKneePerS)} ÷ ${num(ratio.relayKneePerS)} = ${num(ratio.pipelineOverRelay, 2)}** — goal ≥ ${RATIO_GOAL} on a 2-core machine: **${met ? 'met' : 'not met'}**${cores}.`,
    '',
  );
  return out;
}

function baselineSection(report: LoadReport): string[] {
  const writer = report.baselines.influxWriter;
  if (writer === undefined) return [];
  const fields = writer.fieldsPerPoint === undefined ? '' : `, ${writer.fieldsPerPoint} float fields + seq per point`;
  const out = [
    '## Baseline: bare InfluxDB writer',
    '',
    `${num(writer.pointsPerS, 0)} points/s — ${num(writer.points, 0)} points in ${num(writer.seconds, 2)} s, ${writer.writers} writer(s), ${num(writer.batchPoints, 0)}-point batches${fields} (${writer.url}).`,
    '',
  ];
  const stored = report.runs.filter((run) => run.target === 'pipeline').flatMap((run) => run.steps.filter((step) => step.held !== false));
  const peak = Math.max(0, ...stored.map((step) => step.deliveredPerS).filter(Number.isFinite));
  if (peak > 0 && writer.pointsPerS > 0) {
    out.push(`The pipeline's peak stored rate (steps that held, one point per message) is ${num(peak)} msg/s = **${num((peak / writer.pointsPerS) * 100)} %** of the bare writer.`, '');
  }
  return out;
}

function profileSection(profile: ProfileSummary): string[] {
  const out = [`### ${profile.process}`, '', `\`${profile.file}\` — ${num(profile.busyMs, 0)} ms busy (idle excluded)`, ''];
  if (profile.warning !== undefined) return [...out, `⚠ ${plain(profile.warning)}`, ''];
  if (profile.byCategory.length > 0) {
    const rows = profile.byCategory.slice(0, TOP_CATEGORIES).map((c) => [c.category, num(c.selfMs, 0), `${num(c.pct)} %`]);
    out.push(...table(['category', 'self ms', 'share'], rows), '');
  }
  if (profile.topFunctions.length > 0) {
    const rows = profile.topFunctions.map((f) => [f.fn, f.where, num(f.selfMs, 0), `${num(f.pct)} %`]);
    out.push(...table(['function', 'where', 'self ms', 'share'], rows), '');
  }
  return out;
}

/** The Markdown summary of `report`, linking `charts` as `charts/<file>`. */
export function renderMarkdown(report: LoadReport, charts: readonly { readonly file: string; readonly title: string }[]): string {
  const { machine } = report;
  const out = [
    '# plantwatch load report',
    '',
    `Started ${report.startedAt}, finished ${report.finishedAt}.`,
    '',
    '## Machine',
    '',
    `${machine.cpus} × ${plain(machine.cpuModel)}, ${num(machine.memGiB)} GiB RAM, Node ${machine.node}, ${machine.os}`,
    '',
    '## Command',
    '',
    '```sh',
    report.command,
    '```',
    '',
  ];
  const config = Object.entries(report.config);
  if (config.length > 0) out.push('## Config', '', ...table(['option', 'value'], config.map(([key, value]) => [key, String(value)])), '');
  out.push(...ratioSection(report), ...baselineSection(report));
  out.push('## Runs', '', 'Latencies are cumulative from the device timestamp to each hop (broker → ingest → stored → socket), in ms.', '');
  if (report.runs.length === 0) out.push('_No runs._', '');
  for (const run of report.runs) out.push(...runSection(run));
  if (charts.length > 0) {
    out.push('## Charts', '');
    for (const chart of charts) out.push(`![${plain(chart.title.replace(/[[\]]/g, ''))}](charts/${encodeURI(chart.file)})`, '');
  }
  if (report.profiles !== undefined && report.profiles.length > 0) {
    out.push('## Where the CPU goes (profiles)', '');
    for (const profile of report.profiles) out.push(...profileSection(profile));
  }
  out.push('## Findings', '');
  out.push(...(report.findings.length === 0 ? ['_None._'] : report.findings.map((finding) => `- ${plain(finding)}`)), '');
  return out.join('\n');
}
