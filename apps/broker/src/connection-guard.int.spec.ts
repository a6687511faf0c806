import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { brokerKit, closed, connackCode, expectEventually, grantedQos, INGEST, KILN, rawConnect, SECRETS, topicOf } from './test-support/broker-kit.js';

describe('broker connection guard (limits aedes lacks)', () => {
  const kit = brokerKit();

  it('closes a connection that sends a packet over maxPacketBytes, and keeps serving others', async () => {
    const broker = await kit.start({ maxPacketBytes: 64 * 1024 });
    const url = `mqtt://127.0.0.1:${broker.tcpPort}`;
    const ingest = await kit.client(url, INGEST);
    await grantedQos(ingest, 'uns/v1/#');
    const received: string[] = [];
    ingest.on('message', (topic) => received.push(topic));

    const kiln = await kit.client(url, KILN);
    const kilnClosed = closed(kiln);
    kiln.publish(topicOf(KILN, 'telemetry/profile'), Buffer.alloc(1024 * 1024), { qos: 0 });
    await kilnClosed;
    expect(broker.stats().oversizeRejected).toBe(1);

    const again = await kit.client(url, KILN);
    await again.publishAsync(topicOf(KILN, 'telemetry/small'), Buffer.alloc(60 * 1024), { qos: 1 });
    await expectEventually(() => expect(received).toEqual([topicOf(KILN, 'telemetry/small')]));
  });

  it('closes an oversize CONNECT before it is buffered', async () => {
    const broker = await kit.start({ maxPacketBytes: 64 * 1024 });
    const socket = await kit.socket(broker.tcpPort);
    const socketClosed = closed(socket);
    // CONNECT claiming 1 MiB of remaining length (§2.2.3: 0x80 0x80 0x40 = 1,048,576)
    socket.write(Buffer.from([0x10, 0x80, 0x80, 0x40, 0x00, 0x04]));
    await socketClosed;
    expect(broker.stats().oversizeRejected).toBe(1);
  });

  it('closes a connection whose first packet is not CONNECT, and stays alive', async () => {
    const broker = await kit.start();
    const garbage = await kit.socket(broker.tcpPort);
    const garbageClosed = closed(garbage);
    garbage.write(Buffer.from('GET / HTTP/1.1\r\nHost: broker\r\n\r\n'));
    await garbageClosed;
    const publishFirst = await kit.socket(broker.tcpPort);
    const publishClosed = closed(publishFirst);
    publishFirst.write(Buffer.from([0x30, 0x03, 0x00, 0x01, 0x61]));
    await publishClosed;
    expect(broker.stats().protocolRejected).toBe(2);

    const good = await kit.socket(broker.tcpPort);
    good.write(rawConnect('kiln-1', true, KILN, SECRETS[KILN] ?? ''));
    expect(await connackCode(good)).toBe(0);
  });

  it('closes a connection that sends no CONNECT within the connect timeout', async () => {
    const broker = await kit.start({ connectTimeoutMs: 100 });
    const idle = await kit.socket(broker.tcpPort);
    const dribbling = await kit.socket(broker.tcpPort);
    dribbling.write(rawConnect('kiln-1', true, KILN, SECRETS[KILN] ?? '').subarray(0, 10));
    await Promise.all([closed(idle), closed(dribbling)]);
    expect(broker.stats().connectTimeouts).toBe(2);
  });

  it('throttles a publisher over its rate instead of dropping: every message arrives, the excess is counted', async () => {
    const broker = await kit.start({ publishRate: 50, publishBurst: 5 });
    const url = `mqtt://127.0.0.1:${broker.tcpPort}`;
    const ingest = await kit.client(url, INGEST);
    await grantedQos(ingest, 'uns/v1/#', 0);
    let count = 0;
    ingest.on('message', () => count++);
    const kiln = await kit.client(url, KILN);
    for (let i = 0; i < 40; i++) kiln.publish(topicOf(KILN, 'telemetry/profile'), JSON.stringify({ seq: i }), { qos: 0 });
    await expectEventually(() => expect(count).toBe(40));
    expect(broker.stats().rateLimited).toBeGreaterThan(0);
    expect(kiln.connected).toBe(true);
  });

  it('applies the packet limit over WebSocket too', async () => {
    const broker = await kit.start({ maxPacketBytes: 64 * 1024 });
    const url = `ws://127.0.0.1:${broker.wsPort}/mqtt`;
    const kiln = await kit.client(url, KILN);
    const kilnClosed = closed(kiln);
    kiln.publish(topicOf(KILN, 'telemetry/profile'), Buffer.alloc(1024 * 1024), { qos: 0 });
    await kilnClosed;
    expect(broker.stats().oversizeRejected).toBe(1);

    // the whole packet in one WebSocket message: refused by ws' maxPayload before it is buffered
    const raw = new WebSocket(url, 'mqtt');
    raw.on('error', () => undefined);
    await new Promise((resolve) => raw.once('open', resolve));
    raw.send(rawConnect('kiln-raw', true, KILN, SECRETS[KILN] ?? ''));
    const rawClosed = new Promise((resolve) => raw.once('close', resolve));
    raw.send(Buffer.concat([Buffer.from([0x30, 0x80, 0x80, 0x40]), Buffer.alloc(1024 * 1024)]));
    await rawClosed;
    expect(broker.stats().oversizeRejected).toBe(2);
    await kit.client(url, KILN);
  });
});
