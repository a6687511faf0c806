import { Duplex, pipeline, Transform, type TransformCallback } from 'node:stream';
import { CoalescingWriter } from './coalescing-writer.js';
import type { IngressGate } from './ingress-gate.js';
import { FrameRejectedError, MqttFrameScanner, type FrameRejection } from './mqtt-frame-scanner.js';
import { TokenBucket, type NowMs } from './token-bucket.js';

/** Limits enforced on every connection before aedes sees a byte. */
export interface ConnectionLimits {
  /** Largest MQTT packet accepted, fixed header included. */
  readonly maxPacketBytes: number;
  /** The whole CONNECT packet must arrive within this many milliseconds of the connection. */
  readonly connectTimeoutMs: number;
  /** PUBLISH packets per second per connection (token bucket refill rate). */
  readonly publishRate: number;
  /** PUBLISH packets a connection may send at once after being idle (bucket size). */
  readonly publishBurst: number;
}

/** Why a guard closed a connection. */
export type GuardRejection = FrameRejection | 'connect-timeout';

/** What the guard reports back to the broker's counters. */
export interface GuardEvents {
  onRejected(reason: GuardRejection, error: Error): void;
  /** `over` PUBLISH packets arrived over the connection's budget; reading pauses for a while. */
  onThrottled(over: number): void;
}

/**
 * Inspects the inbound bytes of one connection and passes them on unchanged:
 * - closes it when a packet is larger than `maxPacketBytes`, the first packet is not CONNECT, or
 *   the CONNECT does not arrive within `connectTimeoutMs` (aedes buffers any of these);
 * - throttles PUBLISH packets over `publishRate`: the chunk is passed on, then reading stops
 *   until the budget is back, so TCP pushes back on the publisher. aedes has no backpressure of
 *   its own and dies with "Maximum call stack size exceeded" when flooded (MEASURED.md).
 */
export class ConnectionGuard extends Transform {
  private readonly scanner: MqttFrameScanner;
  private readonly bucket: TokenBucket;
  private connectTimer: NodeJS.Timeout | undefined;
  private throttleTimer: NodeJS.Timeout | undefined;

  constructor(
    limits: ConnectionLimits,
    private readonly events: GuardEvents,
    now?: NowMs,
    private readonly gate?: IngressGate,
  ) {
    super();
    this.scanner = new MqttFrameScanner(limits.maxPacketBytes);
    this.bucket = new TokenBucket(limits.publishRate, limits.publishBurst, now);
    this.connectTimer = setTimeout(() => {
      this.reject('connect-timeout', new Error(`no CONNECT within ${limits.connectTimeoutMs} ms`));
    }, limits.connectTimeoutMs);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let publishes: number;
    try {
      const result = this.scanner.scan(chunk);
      publishes = result.publishes;
      if (result.connectComplete) this.clearConnectTimer();
    } catch (error) {
      if (error instanceof FrameRejectedError) this.reject(error.reason, error);
      else callback(error as Error);
      return;
    }
    this.push(chunk);
    const { over, waitMs } = this.bucket.take(publishes);
    if (waitMs === 0) {
      if (publishes > 0 && this.gate !== undefined) this.gate.pass(() => callback());
      else callback();
      return;
    }
    this.events.onThrottled(over);
    // Holding the callback stops the pipe from the socket: TCP flow control does the rest.
    this.throttleTimer = setTimeout(() => {
      this.throttleTimer = undefined;
      callback();
    }, waitMs);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.clearConnectTimer();
    clearTimeout(this.throttleTimer);
    callback(error);
  }

  private reject(reason: GuardRejection, error: Error): void {
    if (this.destroyed) return;
    this.events.onRejected(reason, error);
    this.destroy(error);
  }

  private clearConnectTimer(): void {
    clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
  }
}

/**
 * Wraps a raw connection (a TCP socket or a WebSocket stream) so that aedes reads through a
 * {@link ConnectionGuard} and writes through a {@link CoalescingWriter} (one socket write per
 * turn of the event loop). Destroying either side destroys the other.
 */
export function guardConnection(raw: Duplex, limits: ConnectionLimits, events: GuardEvents, gate?: IngressGate): Duplex {
  const guard = new ConnectionGuard(limits, events, undefined, gate);
  // pipeline destroys `raw` when the guard rejects it, and the guard when `raw` fails.
  pipeline(raw, guard, () => undefined);
  const writer = new CoalescingWriter(raw);
  raw.once('close', () => writer.destroy());
  return Duplex.from({ readable: guard, writable: writer });
}
