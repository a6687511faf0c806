import type { LoadReport } from '../report/load-report.js';

/** Plain-language findings of a report: loss, knees and their ratio, overload signals, crashes, where CPU went. */
export function findings(report: LoadReport, stackDied: string | undefined): string[] {
  const out: string[] = [];
  if (stackDied !== undefined) out.push(`A stack process died during the run: ${stackDied}`);
  for (const run of report.runs) {
    if (run.kind === 'steady') {
      for (const step of run.steps) {
        const stored = step.hops.stored;
        out.push(
          `${run.load}: ${step.published} stream messages published in ${step.seconds} s (${step.publishedPerS} msg/s), ${step.delivered} stored, ${step.lost === 0 ? '0 lost' : `${step.lost} LOST`}` +
            (step.seq ? `; at the broker ${step.seq.lost} gaps, ${step.seq.duplicates} duplicates, ${step.seq.outOfOrder} out of order` : '') +
            (stored ? `; publish → stored p50 ${stored.p50} ms, p99 ${stored.p99} ms` : '') +
            (step.backfill ? `; gateway backfill ${step.backfill.published} published, ${step.backfill.delivered} stored` : ''),
        );
        const r = step.recovery;
        if (r !== undefined && r.peakFactor >= 2) {
          out.push(`${run.load}: peak ${r.peakPerS} msg/s (${r.peakFactor}× median) at ${r.peakAtS} s; ${r.recoverySeconds === null ? 'NOT caught up within the window' : `recovered ${r.recoverySeconds} s after the peak ended`}`);
        }
      }
      continue;
    }
    const beyond = run.steps.filter((s) => s.held !== true);
    out.push(`${run.name}: knee ${run.kneePerS === null || run.kneePerS === undefined ? 'not reached (the first step did not hold)' : `${run.kneePerS} msg/s`} (${run.load})`);
    for (const step of beyond) out.push(`${run.name} at ${step.offeredPerS} msg/s: ${step.reason ?? 'did not hold'}${step.signals?.length ? ` — signals: ${step.signals.join('; ')}` : ''}`);
  }
  if (report.ratio) out.push(`pipeline ÷ bare relay = ${report.ratio.pipelineOverRelay} (${report.ratio.pipelineKneePerS} / ${report.ratio.relayKneePerS} msg/s); goal ≥ 0.5 on 2 cores: ${report.ratio.pipelineOverRelay >= 0.5 ? 'met' : 'NOT met'}`);
  for (const profile of report.profiles ?? []) {
    const top = profile.byCategory.slice(0, 3).map((c) => `${c.category} ${c.pct} %`).join(', ');
    if (top !== '') out.push(`${profile.process}: CPU went to ${top}`);
  }
  return out;
}
