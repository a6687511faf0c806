import type { Simulation, SimulationStats } from '../simulation/start-simulation.js';
import type { CliIo } from './io.js';

/** One status line: devices online, msg/s, faults active, backlog, counters, simulated time. */
export function formatStats(stats: SimulationStats, msgPerS: number): string {
  const sim = new Date(stats.simNowMs).toISOString().replace(/\.\d+Z$/, 'Z');
  const error = stats.lastError === undefined ? '' : ` | last error: ${stats.lastError}`;
  return `online ${stats.online}/${stats.devices} | ${msgPerS.toFixed(1)} msg/s | faults active ${stats.faultsActive} (injected ${stats.faultsInjected}) | buffered ${stats.buffered} | published ${stats.published} | dropped ${stats.dropped} | errors ${stats.errors} | sim ${sim}${error}`;
}

/** Prints a status line every `everyMs` of wall-clock time; returns the timer to clear. */
export function statusPrinter(simulation: Simulation, io: CliIo, everyMs: number): NodeJS.Timeout {
  let lastPublished = 0;
  let lastAt = performance.now();
  return setInterval(() => {
    const stats = simulation.stats();
    const now = performance.now();
    const rate = ((stats.published - lastPublished) * 1000) / Math.max(1, now - lastAt);
    lastPublished = stats.published;
    lastAt = now;
    io.out(formatStats(stats, rate));
  }, everyMs);
}
