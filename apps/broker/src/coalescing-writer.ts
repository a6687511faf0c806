import { Writable, type Duplex } from 'node:stream';

/** Bytes gathered in one turn of the event loop before a write reports "full" (aedes then waits for `drain`). */
export const COALESCE_LIMIT_BYTES = 64 * 1024;

type WriteCallback = (error?: Error | null) => void;

/**
 * The side of a connection aedes writes to. aedes writes each packet to each subscriber as it
 * delivers it — one socket write, one syscall, per packet per subscriber: the broker's largest
 * cost under load (`writeBuffer`, 33–43 % of its CPU in the profiles, docs/load.md). This writer
 * gathers what aedes writes during one turn of the event loop and hands it to the socket as one
 * buffer from `setImmediate`.
 *
 * Back-pressure is kept, not hidden: a write is acknowledged at once only while less than
 * {@link COALESCE_LIMIT_BYTES} wait and the socket is not backed up; otherwise its callback waits
 * for the flush (or the socket's `drain`), the stream's buffer fills, `write()` returns false and
 * aedes waits for `drain` as it would on the socket itself.
 */
export class CoalescingWriter extends Writable {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private held: WriteCallback | undefined;
  private socketFull = false;
  private flushTimer: NodeJS.Immediate | undefined;

  constructor(
    private readonly socket: Duplex,
    private readonly limitBytes = COALESCE_LIMIT_BYTES,
  ) {
    super({ highWaterMark: limitBytes });
    socket.on('drain', () => {
      this.socketFull = false;
      this.release();
    });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: WriteCallback): void {
    this.gather(chunk);
    this.acknowledge(callback);
  }

  override _writev(chunks: { chunk: Buffer }[], callback: WriteCallback): void {
    for (const { chunk } of chunks) this.gather(chunk);
    this.acknowledge(callback);
  }

  override _final(callback: WriteCallback): void {
    this.flushNow();
    this.socket.end(callback);
  }

  override _destroy(error: Error | null, callback: WriteCallback): void {
    // What was written before a close (a refusing CONNACK) still goes out, as it would have on
    // the bare socket: the kernel takes it before the close.
    this.flushNow();
    this.pending = [];
    this.pendingBytes = 0;
    const held = this.held;
    this.held = undefined;
    held?.(error ?? new Error('connection closed'));
    this.socket.destroy(error ?? undefined);
    callback(error);
  }

  private gather(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.flushTimer ??= setImmediate(() => {
      this.flushTimer = undefined;
      this.flush();
    });
  }

  /** Flushes without waiting for the scheduled turn (ending or closing). */
  private flushNow(): void {
    if (this.flushTimer) clearImmediate(this.flushTimer);
    this.flushTimer = undefined;
    this.flush();
  }

  private acknowledge(callback: WriteCallback): void {
    if (this.pendingBytes < this.limitBytes && !this.socketFull) callback();
    else this.held = callback;
  }

  private flush(): void {
    if (this.pendingBytes === 0 || this.socket.destroyed || this.socket.writableEnded) return;
    const data = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.socketFull = !this.socket.write(data);
    this.release();
  }

  /** Lets the held write go once what it waited for is on its way and the socket takes more. */
  private release(): void {
    if (this.socketFull || this.pendingBytes >= this.limitBytes || this.held === undefined) return;
    const held = this.held;
    this.held = undefined;
    held();
  }
}
