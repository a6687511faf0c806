import { mkdir, open, appendFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One audit record: who did what, when, and why (commands carry their reason). */
export interface AuditEntry {
  readonly ts: number;
  readonly kind: 'login' | 'login_failed' | 'logout' | 'session_revoked' | 'user_added' | 'user_removed' | 'password_changed' | 'command' | 'command_ack';
  readonly user: string;
  readonly [detail: string]: unknown;
}

/** How much of the file's end {@link AuditLog.recent} reads. */
const TAIL_BYTES = 4 * 1024 * 1024;

/**
 * Append-only audit log, one JSON object per line (`data/audit.log`): logins, user changes,
 * every command with user and reason, and every answer of a device to a command. Writes are
 * queued so lines never interleave; a write failure is reported, never swallowed silently.
 */
export class AuditLog {
  private queue: Promise<void> = Promise.resolve();
  private ready: Promise<unknown> | undefined;

  constructor(
    readonly file: string,
    private readonly onError: (error: unknown) => void = (error) => console.error(`audit log: ${String(error)}`),
  ) {}

  append(entry: AuditEntry): Promise<void> {
    this.ready ??= mkdir(dirname(this.file), { recursive: true });
    const line = JSON.stringify(entry) + '\n';
    this.queue = this.queue.then(async () => {
      await this.ready;
      await appendFile(this.file, line, { mode: 0o600 });
    }).catch(this.onError);
    return this.queue;
  }

  /** The newest `limit` entries (newest first) matching `filter`. */
  async recent(limit: number, filter: (entry: AuditEntry) => boolean = () => true): Promise<AuditEntry[]> {
    await this.queue;
    const text = await readTail(this.file, TAIL_BYTES);
    const out: AuditEntry[] = [];
    const lines = text.split('\n');
    for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
      const line = lines[i];
      if (!line) continue;
      try {
        const entry = JSON.parse(line) as AuditEntry;
        if (filter(entry)) out.push(entry);
      } catch {
        // a partial first line of the tail window
      }
    }
    return out;
  }
}

async function readTail(file: string, bytes: number): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    return buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
