/**
 * One-map benchmark (not a test): both seed scenarios live, the built one-map in headless
 * Chromium, measured per view — frame time p95 and long tasks, bytes/s on the socket,
 * publish-to-pixels p50/p99 (device `ts` → the frame after the value was drawn), api CPU.
 *
 *   npm run build && node --import @swc-node/register/esm-register test/bench/onemap.bench.ts [--seconds 60] [--scenarios a,b] [--ingest]
 *
 * Prints a Markdown table (docs/onemap.md keeps the latest figures) and writes results/onemap-bench.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { loginInPage, openBrowser } from '../e2e/onemap-browser.js';
import { cpuSeconds, startBenchStack, type BenchStack } from './onemap-bench-stack.js';

interface ViewResult {
  readonly view: string;
  readonly seconds: number;
  readonly frames: number;
  readonly frameP95Ms: number;
  readonly longTasks: number;
  readonly longTaskMs: number;
  readonly bytesPerS: number;
  readonly messagesPerS: number;
  readonly p2pP50Ms: number | null;
  readonly p2pP99Ms: number | null;
  readonly apiCpuPct: number;
}

const { values: args } = parseArgs({ options: { seconds: { type: 'string', default: '60' }, scenarios: { type: 'string', default: 'yangquan-refractory-town,huaxiang-5g-factory' }, ingest: { type: 'boolean', default: false }, warmup: { type: 'string', default: '600' } } });
const SECONDS = Number(args.seconds);

/** Injected before the page's own scripts: frame times (rAF deltas) and long tasks (> 50 ms). */
const PROBE = `(() => {
  const b = (window.__bench = { frames: [], longTasks: [] });
  let last = performance.now();
  const tick = (t) => { b.frames.push(t - last); last = t; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
})();`;

function quantile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? null;
}

async function measure(page: Page, stack: BenchStack, view: string, socketBytes: { bytes: number; frames: number }): Promise<ViewResult> {
  await page.evaluate(() => {
    const w = globalThis as unknown as { __bench: { frames: number[]; longTasks: number[] }; __plantwatch: { paintLatency: number[] } };
    w.__bench.frames.length = 0;
    w.__bench.longTasks.length = 0;
    w.__plantwatch.paintLatency.length = 0;
  });
  socketBytes.bytes = 0;
  socketBytes.frames = 0;
  const cpu0 = await cpuSeconds(stack.pids['api'] ?? 0);
  const t0 = Date.now();
  await page.waitForTimeout(SECONDS * 1000); // a benchmark window, not a test wait
  const seconds = (Date.now() - t0) / 1000;
  const cpu = ((await cpuSeconds(stack.pids['api'] ?? 0)) - cpu0) / seconds;
  const sample = await page.evaluate(() => {
    const w = globalThis as unknown as { __bench: { frames: number[]; longTasks: number[] }; __plantwatch: { paintLatency: number[] } };
    return { frames: [...w.__bench.frames], longTasks: [...w.__bench.longTasks], latency: [...w.__plantwatch.paintLatency] };
  });
  return {
    view,
    seconds: Math.round(seconds),
    frames: sample.frames.length,
    frameP95Ms: Math.round((quantile(sample.frames, 0.95) ?? 0) * 10) / 10,
    longTasks: sample.longTasks.length,
    longTaskMs: Math.round(sample.longTasks.reduce((a, b) => a + b, 0)),
    bytesPerS: Math.round(socketBytes.bytes / seconds),
    messagesPerS: Math.round((socketBytes.frames / seconds) * 10) / 10,
    p2pP50Ms: quantile(sample.latency, 0.5),
    p2pP99Ms: quantile(sample.latency, 0.99),
    apiCpuPct: Math.round(cpu * 1000) / 10,
  };
}

/** The first tunnel kiln line and the largest area of the plant (from /api/plant). */
async function targets(page: Page): Promise<{ kiln: string; area: string }> {
  return page.evaluate(async () => {
    interface N { key: string; level: string; children: N[]; device?: { type: string } }
    const plant = (await (await fetch('/api/plant')).json()) as { hierarchy: N[] };
    const all: N[] = [];
    const walk = (n: N): void => { all.push(n); n.children.forEach(walk); };
    plant.hierarchy.forEach(walk);
    const count = (n: N): number => (n.device ? 1 : n.children.reduce((a, c) => a + count(c), 0));
    const kiln = all.find((n) => n.device?.type === 'tunnel-kiln')?.key.split('/').slice(0, 4).join('/') ?? '';
    const area = all.filter((n) => n.level === 'area').sort((a, b) => count(b) - count(a))[0]?.key ?? '';
    return { kiln, area };
  });
}

/** Waits (at most `maxS`) until 95 % of the plant's devices are online, then 10 s more to settle. */
async function untilOnline(page: Page, maxS: number): Promise<void> {
  const started = Date.now();
  await page
    .waitForFunction(() => {
      const w = globalThis as unknown as { __plantwatch: { live(): { nodes: Map<string, { value: { devices: number; online: number } }> } | undefined } };
      const root = w.__plantwatch.live()?.nodes.get('')?.value;
      return root !== undefined && root.online >= 0.95 * root.devices;
    }, undefined, { timeout: maxS * 1000, polling: 1000 })
    .catch(() => console.error(`not 95 % online after ${maxS} s; measuring anyway`));
  console.error(`devices online after ${Math.round((Date.now() - started) / 1000)} s`);
  await page.waitForTimeout(10_000);
}

async function main(): Promise<void> {
  const log: string[] = [];
  const stack = await startBenchStack(args.scenarios, { ingest: args.ingest, log: (l) => log.push(l) });
  const browser = await openBrowser({ viewport: { width: 1920, height: 1080 } });
  try {
    const socketBytes = { bytes: 0, frames: 0 };
    browser.page.on('websocket', (ws) => ws.on('framereceived', (f) => {
      socketBytes.bytes += typeof f.payload === 'string' ? Buffer.byteLength(f.payload) : f.payload.length;
      socketBytes.frames++;
    }));
    await browser.context.addInitScript(PROBE);
    await loginInPage(browser.page, stack.url, 'admin', stack.adminPassword);
    await untilOnline(browser.page, Number(args.warmup));
    const { kiln, area } = await targets(browser.page);
    const results: ViewResult[] = [];
    results.push(await measure(browser.page, stack, 'overview', socketBytes));
    await browser.page.goto(`${stack.url}/#/n/${kiln}`);
    results.push(await measure(browser.page, stack, `kiln detail (${kiln})`, socketBytes));
    await browser.page.goto(`${stack.url}/#/n/${area}`);
    results.push(await measure(browser.page, stack, `floor plan (${area})`, socketBytes));
    report(results, browser.nonLocal);
  } finally {
    await browser.close();
    await stack.stop();
    if (process.env['BENCH_LOG']) console.log(log.join('\n'));
  }
}

function report(results: readonly ViewResult[], nonLocal: readonly string[]): void {
  const rows = results.map((r) => `| ${r.view} | ${r.frameP95Ms} | ${r.longTasks} (${r.longTaskMs} ms) | ${r.bytesPerS} | ${r.messagesPerS} | ${r.p2pP50Ms ?? '—'} / ${r.p2pP99Ms ?? '—'} | ${r.apiCpuPct} |`);
  console.log([`scenarios: ${args.scenarios}, ${SECONDS} s per view, non-local requests: ${nonLocal.length}`, '', '| view | frame p95 ms | long tasks | socket B/s | socket msg/s | publish→pixels p50 / p99 ms | api CPU % |', '|---|---|---|---|---|---|---|', ...rows].join('\n'));
  void mkdir('results', { recursive: true }).then(() => writeFile('results/onemap-bench.json', JSON.stringify({ scenarios: args.scenarios, at: new Date().toISOString(), results, nonLocal }, null, 2)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
