import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AlarmAuditEntry } from '@plantwatch/contracts';
import type { AlarmChange } from '@plantwatch/domain';
import { appendDurably, parseJsonLines } from './durable-file.js';

const DAY_MS = 86_400_000;
const dayOf = (ts: number): string => new Date(ts).toISOString().slice(0, 10);

/**
 * Alarm history kept by the alarms service next to its state: one JSON line per published
 * transition in a file per UTC day (`history/2024-06-10.jsonl`), and the audit log of operator
 * actions and rule edits (`audit.jsonl`). KPIs and history queries read these; the same
 * transitions also reach the TelemetryStore through ingest (the `alarm` class).
 */
export class HistoryLog {
  private readonly fds = new Map<string, number>();
  private auditFd: number | undefined;

  constructor(private readonly dir: string) {
    mkdirSync(join(dir, 'history'), { recursive: true });
  }

  append(changes: readonly AlarmChange[]): void {
    const byDay = new Map<string, string[]>();
    for (const change of changes) {
      const day = dayOf(change.ts);
      const lines = byDay.get(day) ?? [];
      lines.push(JSON.stringify(change));
      byDay.set(day, lines);
    }
    for (const [day, lines] of byDay) appendDurably(this.fd(day), lines.join('\n') + '\n');
  }

  audit(entry: AlarmAuditEntry): void {
    this.auditFd ??= openSync(join(this.dir, 'audit.jsonl'), 'a', 0o600);
    appendDurably(this.auditFd, JSON.stringify(entry) + '\n');
  }

  /** Transitions with `from ≤ ts < to`, oldest first. */
  read(from: number, to: number): AlarmChange[] {
    return readHistory(this.dir, from, to);
  }

  readAudit(from: number, to: number, limit = 1_000): AlarmAuditEntry[] {
    const file = join(this.dir, 'audit.jsonl');
    if (!existsSync(file)) return [];
    const entries = parseJsonLines(readFileSync(file, 'utf8')) as AlarmAuditEntry[];
    return entries.filter((e) => e.ts >= from && e.ts < to).slice(-limit);
  }

  close(): void {
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
    if (this.auditFd !== undefined) closeSync(this.auditFd);
    this.auditFd = undefined;
  }

  private fd(day: string): number {
    let fd = this.fds.get(day);
    if (fd === undefined) {
      for (const [old, oldFd] of this.fds) {
        if (old >= day) continue;
        closeSync(oldFd);
        this.fds.delete(old);
      }
      fd = openSync(join(this.dir, 'history', `${day}.jsonl`), 'a', 0o600);
      this.fds.set(day, fd);
    }
    return fd;
  }
}

/** Reads the history files of an alarms state folder (also used offline by the report command). */
export function readHistory(dir: string, from: number, to: number): AlarmChange[] {
  const folder = join(dir, 'history');
  if (!existsSync(folder)) return [];
  const first = dayOf(from - DAY_MS);
  const last = dayOf(to + DAY_MS);
  const changes: AlarmChange[] = [];
  for (const name of readdirSync(folder).sort()) {
    const day = name.replace(/\.jsonl$/, '');
    if (!name.endsWith('.jsonl') || day < first || day > last) continue;
    for (const change of parseJsonLines(readFileSync(join(folder, name), 'utf8')) as AlarmChange[]) if (change.ts >= from && change.ts < to) changes.push(change);
  }
  return changes.sort((a, b) => a.ts - b.ts);
}
