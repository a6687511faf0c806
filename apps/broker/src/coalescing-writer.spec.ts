import { PassThrough } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { CoalescingWriter } from './coalescing-writer.js';

/** A socket stand-in that records each write it is given (a real stream, read by the test). */
class RecordingSocket extends PassThrough {
  readonly writes: Buffer[] = [];
  override write(chunk: Buffer, ...rest: never[]): boolean {
    this.writes.push(Buffer.from(chunk));
    return super.write(chunk, ...rest);
  }
}

const bytes = (n: number, fill = 1): Buffer => Buffer.alloc(n, fill);

describe('CoalescingWriter', () => {
  it('hands everything written in one turn of the event loop to the socket as one write, in order', async () => {
    const socket = new RecordingSocket();
    const writer = new CoalescingWriter(socket);
    for (const text of ['CONNACK', 'PUBLISH-1', 'PUBLISH-2']) expect(writer.write(Buffer.from(text))).toBe(true);
    expect(socket.writes).toHaveLength(0);
    await nextTurn();
    expect(socket.writes.map(String)).toEqual(['CONNACKPUBLISH-1PUBLISH-2']);
    writer.write(Buffer.from('later'));
    await nextTurn();
    expect(socket.writes.map(String)).toEqual(['CONNACKPUBLISH-1PUBLISH-2', 'later']);
  });

  it('reports "full" past its limit and emits drain once the gathered bytes are on the socket', async () => {
    const socket = new RecordingSocket({ highWaterMark: 1 << 20 });
    const writer = new CoalescingWriter(socket, 100);
    expect(writer.write(bytes(60))).toBe(true);
    expect(writer.write(bytes(60))).toBe(true); // 120 gathered: this write's callback waits for the flush
    expect(writer.write(bytes(60))).toBe(false); // …so the stream's own buffer holds this one
    const drained = new Promise<void>((resolve) => writer.once('drain', resolve));
    await drained;
    await nextTurn();
    expect(socket.writes.reduce((sum, w) => sum + w.length, 0)).toBe(180);
  });

  it('holds writes while the socket is backed up and lets them go on its drain', async () => {
    const socket = new RecordingSocket({ highWaterMark: 10 });
    const writer = new CoalescingWriter(socket, 1_000);
    writer.write(bytes(50));
    await nextTurn(); // flushed: the socket now holds 50 bytes over its 10-byte mark
    const acknowledged: number[] = [];
    writer.write(bytes(5), () => acknowledged.push(1));
    await nextTurn();
    expect(acknowledged).toEqual([]);
    socket.resume(); // the peer reads: the socket drains
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(acknowledged).toEqual([1]);
  });

  it('still sends what was written just before a close (a refusing CONNACK), then closes the socket', async () => {
    const socket = new RecordingSocket();
    const writer = new CoalescingWriter(socket);
    writer.on('error', () => undefined);
    socket.on('error', () => undefined);
    writer.write(Buffer.from('CONNACK rc=5'));
    writer.destroy(new Error('closing'));
    await nextTurn();
    expect(socket.writes.map(String)).toEqual(['CONNACK rc=5']);
    expect(socket.destroyed).toBe(true);
  });

  it('ends the socket after the last bytes when ended', async () => {
    const socket = new RecordingSocket();
    const writer = new CoalescingWriter(socket);
    const received: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => received.push(chunk));
    const ended = new Promise<void>((resolve) => socket.once('end', resolve));
    writer.end(Buffer.from('DISCONNECT'));
    await ended;
    expect(Buffer.concat(received).toString()).toBe('DISCONNECT');
  });
});
