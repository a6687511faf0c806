/**
 * Reads MQTT 3.1.1 fixed headers (§2.2) out of a raw byte stream without buffering packets, so
 * a connection can be judged before aedes buffers anything: aedes 1.2 has no maximum packet size
 * and happily collects a 64 MiB PUBLISH, or 64 MiB before a CONNECT (shared/MEASURED.md).
 *
 * The scanner only looks at the first byte (packet type, §2.2.1) and the Remaining Length
 * (§2.2.3) of every packet and skips the rest; the bytes themselves pass through untouched.
 */

/** MQTT control packet types that matter here (§2.2.1, table 2.1). */
export const PacketType = { CONNECT: 1, PUBLISH: 3 } as const;

/** Why a stream was refused; each maps to one broker counter. */
export type FrameRejection = 'oversize' | 'not-connect' | 'malformed';

/** A stream that breaks the framing rules; `reason` names which one. */
export class FrameRejectedError extends Error {
  readonly code = 'MQTT_FRAME_REJECTED';
  constructor(readonly reason: FrameRejection, detail: string) {
    super(`MQTT frame rejected (${reason}): ${detail}`);
    this.name = 'FrameRejectedError';
  }
}

/** What one chunk contained. */
export interface ScanResult {
  /** PUBLISH packets whose fixed header started in this chunk (for the rate limit). */
  readonly publishes: number;
  /** True once the whole first packet (the CONNECT) has arrived. */
  readonly connectComplete: boolean;
}

type Phase = 'type' | 'length' | 'body';

/** Stateful scanner over one connection's inbound bytes; feed it every chunk in order. */
export class MqttFrameScanner {
  private phase: Phase = 'type';
  private packets = 0;
  private lengthValue = 0;
  private lengthMultiplier = 1;
  private lengthBytes = 0;
  private bodyLeft = 0;
  private connectDone = false;

  /** @param maxPacketBytes largest whole packet (fixed header + remaining length) accepted. */
  constructor(private readonly maxPacketBytes: number) {}

  /** Scans one chunk; throws {@link FrameRejectedError} at the first byte that breaks a rule. */
  scan(chunk: Uint8Array): ScanResult {
    let publishes = 0;
    let i = 0;
    while (i < chunk.length) {
      if (this.phase === 'body') {
        const step = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= step;
        i += step;
        if (this.bodyLeft === 0) this.packetDone();
        continue;
      }
      const byte = chunk[i++] as number;
      if (this.phase === 'type') {
        const type = byte >> 4;
        // §3.1.0-1: the first packet from the client MUST be CONNECT.
        if (this.packets === 0 && type !== PacketType.CONNECT) {
          throw new FrameRejectedError('not-connect', `first packet has type ${type}, expected CONNECT (1)`);
        }
        // §2.2.1: types 0 and 15 are reserved.
        if (type === 0 || type === 15) throw new FrameRejectedError('malformed', `reserved packet type ${type}`);
        if (type === PacketType.PUBLISH) publishes++;
        this.phase = 'length';
        continue;
      }
      this.readLengthByte(byte);
    }
    return { publishes, connectComplete: this.connectDone };
  }

  /** §2.2.3: up to four bytes, 7 bits each, least significant first, bit 7 = "more follows". */
  private readLengthByte(byte: number): void {
    this.lengthValue += (byte & 0x7f) * this.lengthMultiplier;
    this.lengthMultiplier *= 128;
    this.lengthBytes++;
    if (byte & 0x80) {
      if (this.lengthBytes === 4) throw new FrameRejectedError('malformed', 'remaining length longer than 4 bytes');
      return;
    }
    const total = 1 + this.lengthBytes + this.lengthValue;
    if (total > this.maxPacketBytes) {
      throw new FrameRejectedError('oversize', `packet of ${total} bytes exceeds the limit of ${this.maxPacketBytes}`);
    }
    this.bodyLeft = this.lengthValue;
    this.lengthValue = 0;
    this.lengthMultiplier = 1;
    this.lengthBytes = 0;
    if (this.bodyLeft === 0) this.packetDone();
    else this.phase = 'body';
  }

  private packetDone(): void {
    this.packets++;
    if (this.packets === 1) this.connectDone = true;
    this.phase = 'type';
  }
}
