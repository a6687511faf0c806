import { describe, expect, it } from 'vitest';
import { FrameRejectedError, MqttFrameScanner } from './mqtt-frame-scanner.js';

/** A packet of `type` with `bodyLength` zero bytes, fixed header per MQTT 3.1.1 §2.2. */
function packet(type: number, bodyLength: number): Buffer {
  const length: number[] = [];
  let x = bodyLength;
  do {
    let byte = x % 128;
    x = Math.floor(x / 128);
    if (x > 0) byte |= 0x80;
    length.push(byte);
  } while (x > 0);
  return Buffer.concat([Buffer.from([type << 4, ...length]), Buffer.alloc(bodyLength)]);
}

const reason = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof FrameRejectedError) return error.reason;
    throw error;
  }
  return undefined;
};

describe('MqttFrameScanner', () => {
  it('counts PUBLISH packets and reports the CONNECT complete, across any chunking', () => {
    const stream = Buffer.concat([packet(1, 40), packet(3, 200), packet(12, 0), packet(3, 0), packet(3, 20_000)]);
    for (const size of [1, 3, 7, 64, stream.length]) {
      const scanner = new MqttFrameScanner(64 * 1024);
      let publishes = 0;
      let connectComplete = false;
      for (let i = 0; i < stream.length; i += size) {
        const result = scanner.scan(stream.subarray(i, i + size));
        publishes += result.publishes;
        connectComplete ||= result.connectComplete;
      }
      expect({ size, publishes, connectComplete }).toEqual({ size, publishes: 3, connectComplete: true });
    }
  });

  it('does not report the CONNECT complete before its last byte', () => {
    const scanner = new MqttFrameScanner(1024);
    const connect = packet(1, 30);
    expect(scanner.scan(connect.subarray(0, 31)).connectComplete).toBe(false);
    expect(scanner.scan(connect.subarray(31)).connectComplete).toBe(true);
  });

  it('rejects a packet over the limit as soon as its remaining length is known', () => {
    const scanner = new MqttFrameScanner(1024);
    scanner.scan(packet(1, 10));
    expect(scanner.scan(packet(3, 1019)).publishes).toBe(1); // 1 + 2 + 1019 = 1022 bytes
    // header only: the 1 MiB body never has to arrive
    expect(reason(() => scanner.scan(Buffer.from([0x30, 0x80, 0x80, 0x40])))).toBe('oversize');
    expect(reason(() => new MqttFrameScanner(1024).scan(Buffer.from([0x10, 0xff, 0x7f])))).toBe('oversize');
  });

  it('rejects a first packet that is not CONNECT (§3.1.0-1)', () => {
    expect(reason(() => new MqttFrameScanner(1024).scan(Buffer.from('GET / HTTP/1.1\r\n')))).toBe('not-connect');
    expect(reason(() => new MqttFrameScanner(1024).scan(packet(3, 5)))).toBe('not-connect');
  });

  it('rejects reserved packet types and a remaining length over four bytes (§2.2.1, §2.2.3)', () => {
    const afterConnect = (): MqttFrameScanner => {
      const scanner = new MqttFrameScanner(1 << 30);
      scanner.scan(packet(1, 10));
      return scanner;
    };
    expect(reason(() => afterConnect().scan(Buffer.from([0xf0, 0x00])))).toBe('malformed');
    expect(reason(() => afterConnect().scan(Buffer.from([0x00, 0x00])))).toBe('malformed');
    expect(reason(() => afterConnect().scan(Buffer.from([0x30, 0xff, 0xff, 0xff, 0xff])))).toBe('malformed');
  });
});
