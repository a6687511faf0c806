import { readFile } from 'node:fs/promises';
import type { ProcessUsage } from '../report/load-report.js';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_S = 100;
const SAMPLE_MS = 1_000;

interface Sample {
  readonly atMs: number;
  readonly cpuS: number;
  readonly rssMiB: number;
}

async function sample(pid: number): Promise<Sample | undefined> {
  const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ''), readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')]);
  if (stat === '') return undefined;
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuS = (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / TICKS_PER_S;
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { atMs: performance.now(), cpuS, rssMiB: rssKb / 1024 };
}

/**
 * CPU and RSS of named processes (Linux /proc), sampled every second: mean CPU % of one core and
 * peak RSS over any window between two {@link mark}s. A process that is gone is reported as such.
 */
export class ProcessSampler {
  private readonly timer: NodeJS.Timeout;
  private readonly peaks = new Map<string, number>();
  private readonly gone = new Set<string>();

  constructor(private readonly pids: Readonly<Record<string, number>>) {
    this.timer = setInterval(() => void this.poll(), SAMPLE_MS);
    this.timer.unref();
  }

  /** Starts a window: returns a function that ends it and gives each process's usage. */
  async mark(): Promise<() => Promise<ProcessUsage[]>> {
    const start = await this.all();
    this.peaks.clear();
    for (const [name, s] of start) this.peaks.set(name, s.rssMiB);
    return async () => {
      const end = await this.all();
      return Object.entries(this.pids).map(([name, pid]) => {
        const a = start.get(name);
        const b = end.get(name);
        const seconds = a && b ? (b.atMs - a.atMs) / 1000 : 0;
        const cpuPct = a && b && seconds > 0 ? Math.round(((b.cpuS - a.cpuS) / seconds) * 1000) / 10 : 0;
        return { name, pid, cpuPct, rssMiB: Math.round(Math.max(this.peaks.get(name) ?? 0, b?.rssMiB ?? 0)) };
      });
    };
  }

  /** Names of processes that have exited since the sampler started. */
  exited(): string[] {
    return [...this.gone];
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async all(): Promise<Map<string, Sample>> {
    const out = new Map<string, Sample>();
    await Promise.all(
      Object.entries(this.pids).map(async ([name, pid]) => {
        const s = await sample(pid);
        if (s === undefined) this.gone.add(name);
        else out.set(name, s);
      }),
    );
    return out;
  }

  private async poll(): Promise<void> {
    for (const [name, s] of await this.all()) this.peaks.set(name, Math.max(this.peaks.get(name) ?? 0, s.rssMiB));
  }
}
