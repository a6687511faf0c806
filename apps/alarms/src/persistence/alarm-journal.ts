import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AlarmRecord, BookDrain, EngineSnapshot } from '@plantwatch/domain';
import { appendDurably, parseJsonLines, replaceDurably, syncFolder } from './durable-file.js';

interface SnapshotFile {
  readonly version: 1;
  readonly generation: number;
  readonly savedAt: number;
  readonly engine: EngineSnapshot;
}

type JournalLine = { readonly u: AlarmRecord } | { readonly x: string } | { readonly s: Record<string, number> };

/**
 * Alarm state that survives `kill -9`: a snapshot (`state.json`, replaced atomically) plus a
 * journal of every change since (`journal-{generation}.jsonl`, each step written and fsync'd
 * before its transitions are published). Compaction writes a snapshot of the next generation,
 * then starts that generation's journal, so a crash in between never replays old lines over a
 * newer snapshot.
 */
export class AlarmJournal {
  private fd: number;
  private lines = 0;

  private constructor(
    private readonly dir: string,
    private generation: number,
    private readonly compactEvery: number,
  ) {
    this.fd = openSync(this.journalFile(generation), 'a', 0o600);
  }

  /** Opens (or creates) the state folder and returns the journal and the state it holds. */
  static open(dir: string, compactEvery = 2_000): { journal: AlarmJournal; state: EngineSnapshot | undefined } {
    mkdirSync(dir, { recursive: true });
    const snapshotFile = join(dir, 'state.json');
    const snapshot = existsSync(snapshotFile) ? (JSON.parse(readFileSync(snapshotFile, 'utf8')) as SnapshotFile) : undefined;
    const generation = snapshot?.generation ?? 0;
    const records = new Map((snapshot?.engine.records ?? []).map((r) => [r.id, r]));
    const seq: Record<string, number> = { ...snapshot?.engine.seq };
    const journalFile = join(dir, `journal-${generation}.jsonl`);
    const lines = existsSync(journalFile) ? (parseJsonLines(readFileSync(journalFile, 'utf8')) as JournalLine[]) : [];
    for (const line of lines) {
      if ('u' in line) records.set(line.u.id, line.u);
      else if ('x' in line) records.delete(line.x);
      else Object.assign(seq, line.s);
    }
    for (const name of readdirSync(dir)) if (/^journal-\d+\.jsonl$/.test(name) && name !== `journal-${generation}.jsonl`) rmSync(join(dir, name));
    const journal = new AlarmJournal(dir, generation, compactEvery);
    journal.lines = lines.length;
    const state = snapshot === undefined && lines.length === 0 ? undefined : { records: [...records.values()], seq };
    return { journal, state };
  }

  /** Writes one step's changes; on disk when this returns. */
  append(drain: BookDrain): void {
    const lines: JournalLine[] = [...drain.dirty.map((u) => ({ u })), ...drain.removed.map((x) => ({ x }))];
    if (Object.keys(drain.seq).length > 0) lines.push({ s: drain.seq });
    if (lines.length === 0) return;
    appendDurably(this.fd, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    this.lines += lines.length;
  }

  /** Whether the journal has grown enough to fold it into a snapshot. */
  get wantsCompaction(): boolean {
    return this.lines >= this.compactEvery;
  }

  compact(engine: EngineSnapshot, now: number): void {
    const next = this.generation + 1;
    const file: SnapshotFile = { version: 1, generation: next, savedAt: now, engine };
    replaceDurably(join(this.dir, 'state.json'), JSON.stringify(file));
    closeSync(this.fd);
    const old = this.journalFile(this.generation);
    this.generation = next;
    this.fd = openSync(this.journalFile(next), 'a', 0o600);
    this.lines = 0;
    rmSync(old, { force: true });
    syncFolder(this.dir);
  }

  close(): void {
    closeSync(this.fd);
  }

  private journalFile(generation: number): string {
    return join(this.dir, `journal-${generation}.jsonl`);
  }
}
