import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderCharts } from './charts.js';
import type { LoadReport } from './load-report.js';
import { renderMarkdown } from './render-markdown.js';

/** Paths of what {@link writeReport} wrote. */
export interface WrittenReport {
  readonly json: string;
  readonly markdown: string;
  readonly charts: string[];
}

/**
 * Writes a load report into `dir` (created if missing): `report.json`, `report.md` and
 * `charts/*.svg`. Existing files of the same names are overwritten; other files are left alone.
 */
export async function writeReport(dir: string, report: LoadReport): Promise<WrittenReport> {
  const chartDir = join(dir, 'charts');
  await mkdir(chartDir, { recursive: true });
  const charts = renderCharts(report);
  const chartPaths: string[] = [];
  for (const chart of charts) {
    const path = join(chartDir, chart.file);
    await writeFile(path, `${chart.svg}\n`);
    chartPaths.push(path);
  }
  const json = join(dir, 'report.json');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  const markdown = join(dir, 'report.md');
  await writeFile(markdown, renderMarkdown(report, charts));
  return { json, markdown, charts: chartPaths };
}
