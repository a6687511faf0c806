import { asUsageError, UsageError } from '@plantwatch/simulators';
import { runLoad } from '../load-runner.js';
import { writeReport } from '../report/write-report.js';
import { LOAD_USAGE, parseLoadArgs } from './load-args.js';

/** Runs `plant-load`; resolves to the exit code (0 done, 1 failed, 2 bad usage). */
export async function runLoadCli(argv: readonly string[], signal?: AbortSignal, log: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Promise<number> {
  let config;
  try {
    config = parseLoadArgs(argv);
  } catch (error) {
    const usage = asUsageError(error);
    if (!(usage instanceof UsageError)) throw error;
    process.stderr.write(`plant-load: ${usage.message}\n${LOAD_USAGE}\n`);
    return 2;
  }
  if (config === 'help') {
    log(LOAD_USAGE);
    return 0;
  }
  const bound = new AbortController();
  const timer = setTimeout(() => {
    log(`plant-load: --max-time reached; stopping and writing what was measured`);
    bound.abort();
  }, config.maxMs);
  timer.unref();
  signal?.addEventListener('abort', () => bound.abort(), { once: true });
  const started = performance.now();
  try {
    const report = await runLoad(config, { log: (line) => log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`), signal: bound.signal });
    const files = await writeReport(config.out, report);
    for (const finding of report.findings) log(`  • ${finding}`);
    log(`report: ${files.markdown} (JSON ${files.json}, ${files.charts.length} chart(s))`);
    return 0;
  } catch (error) {
    process.stderr.write(`plant-load: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    clearTimeout(timer);
  }
}
