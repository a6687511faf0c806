import { appendFile, mkdir, open, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TelemetryPoint } from '@plantwatch/domain';
import type { DeadLetter } from '@plantwatch/store';

/** One unit of work that must reach the store: points and dead letters of one flush. */
export interface Batch {
  readonly points: TelemetryPoint[];
  readonly deadLetters: DeadLetter[];
}

/**
 * A disk spool for batches the store could not take (ARCHITECTURE.md §3: "when the store is
 * down, ingest spools to disk and replays"). One fsync'd JSON line per batch, in numbered
 * segment files; replay reads the oldest segment and deletes it only after the store took it.
 */
export class Spool {
  private segment = 0;
  private linesInSegment = 0;
  private pendingBatches = 0;

  private constructor(private readonly dir: string) {}

  static async open(dir: string): Promise<Spool> {
    await mkdir(dir, { recursive: true });
    const spool = new Spool(dir);
    const segments = await spool.segments();
    spool.segment = segments.length === 0 ? 0 : (segments[segments.length - 1] ?? 0) + 1;
    for (const seg of segments) spool.pendingBatches += (await spool.read(seg)).length;
    return spool;
  }

  /** Batches waiting for replay. */
  get backlog(): number {
    return this.pendingBatches;
  }

  /** Appends a batch durably (fsync) before resolving. */
  async append(batch: Batch): Promise<void> {
    const file = this.fileOf(this.segment);
    await appendFile(file, `${JSON.stringify(batch)}\n`);
    const handle = await open(file, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    this.pendingBatches++;
    if (++this.linesInSegment >= 100) {
      this.segment++;
      this.linesInSegment = 0;
    }
  }

  /**
   * Hands the oldest sealed-or-open segment's batches to `write`; deletes the segment once
   * `write` resolved for all of them. Returns how many batches were replayed.
   */
  async replayOldest(write: (batch: Batch) => Promise<void>): Promise<number> {
    const oldest = (await this.segments())[0];
    if (oldest === undefined) return 0;
    if (oldest === this.segment) {
      // Seal the open segment so later appends go to a new one.
      this.segment++;
      this.linesInSegment = 0;
    }
    const batches = await this.read(oldest);
    for (const batch of batches) await write(batch);
    await rm(this.fileOf(oldest), { force: true });
    this.pendingBatches -= batches.length;
    return batches.length;
  }

  private async segments(): Promise<number[]> {
    const names = await readdir(this.dir);
    return names
      .map((name) => /^spool-(\d+)\.jsonl$/.exec(name)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }

  private async read(segment: number): Promise<Batch[]> {
    const text = await readFile(this.fileOf(segment), 'utf8').catch(() => '');
    // A torn last line (crash mid-append) was never acknowledged: skip it.
    return text
      .split('\n')
      .filter((line) => line.length > 0)
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Batch];
        } catch {
          return [];
        }
      });
  }

  private fileOf(segment: number): string {
    return join(this.dir, `spool-${String(segment).padStart(8, '0')}.jsonl`);
  }
}
