import { describe, expect, it } from 'vitest';
import { brokerKit, closed, ConnackRefused, connackCode, expectEventually, GATEWAY, grantedQos, INGEST, KILN, rawConnect, SECRETS, topicOf } from './test-support/broker-kit.js';

const refusedWith = (code: number) => expect.objectContaining({ returnCode: code }) as unknown as ConnackRefused;

describe('broker authentication (plant-model credentials)', () => {
  const kit = brokerKit();

  it('lets devices and services in with their own secrets', async () => {
    const broker = await kit.start();
    const url = `mqtt://127.0.0.1:${broker.tcpPort}`;
    await kit.client(url, KILN);
    await kit.client(url, GATEWAY);
    await kit.client(url, INGEST);
    await expectEventually(() => expect(broker.stats().clientsConnected).toBe(3));
  });

  it('refuses a wrong password, an unknown user and missing credentials with CONNACK 4', async () => {
    const broker = await kit.start();
    const url = `mqtt://127.0.0.1:${broker.tcpPort}`;
    await expect(kit.client(url, KILN, { password: SECRETS[GATEWAY] })).rejects.toEqual(refusedWith(4));
    await expect(kit.client(url, INGEST, { password: 'not-the-ingest-secret' })).rejects.toEqual(refusedWith(4));
    await expect(kit.client(url, undefined, { username: 'jytd/yq-baiquan/firing/tk03/controller/ghost', password: 'x' })).rejects.toEqual(refusedWith(4));
    await expect(kit.client(url, undefined, { username: 'svc-nobody', password: 'x' })).rejects.toEqual(refusedWith(4));
    await expect(kit.client(url, undefined)).rejects.toEqual(refusedWith(4));
    expect(broker.stats().authFailures).toBe(5);
    expect(broker.stats().clientsConnected).toBe(0);
  });

  it('refuses a Last Will outside the device path with CONNACK 5', async () => {
    const broker = await kit.start();
    const url = `mqtt://127.0.0.1:${broker.tcpPort}`;
    const foreignWill = { topic: topicOf(GATEWAY, 'state'), payload: Buffer.from('{"online":false}'), qos: 1 as const, retain: true };
    await expect(kit.client(url, KILN, { will: foreignWill })).rejects.toEqual(refusedWith(5));
    // positive control: the same will on its own path is accepted
    await kit.client(url, KILN, { will: { ...foreignWill, topic: topicOf(KILN, 'state') } });
  });

  it('refuses an empty client id with a persistent session (MQTT 3.1.1 §3.1.3-8) with CONNACK 2', async () => {
    const broker = await kit.start();
    const refused = await kit.socket(broker.tcpPort);
    refused.write(rawConnect('', false, KILN, SECRETS[KILN] ?? ''));
    expect(await connackCode(refused)).toBe(2);
    const accepted = await kit.socket(broker.tcpPort);
    accepted.write(rawConnect('', true, KILN, SECRETS[KILN] ?? ''));
    expect(await connackCode(accepted)).toBe(0);
    expect(broker.stats().identifierRejected).toBe(1);
  });

  it('does not let one user take over the client id of another', async () => {
    const broker = await kit.start();
    const url = `mqtt://127.0.0.1:${broker.tcpPort}`;
    const ingest = await kit.client(url, INGEST, { clientId: 'ingest-1' });
    await expect(kit.client(url, KILN, { clientId: 'ingest-1' })).rejects.toEqual(refusedWith(2));
    expect(ingest.connected).toBe(true);
    // the same user may take its own id over (§3.1.4-2)
    const ingestClosed = closed(ingest);
    await kit.client(url, INGEST, { clientId: 'ingest-1' });
    await ingestClosed;
  });

  it('serves MQTT over WebSocket on /mqtt with the same credentials and rules', async () => {
    const broker = await kit.start();
    const url = `ws://127.0.0.1:${broker.wsPort}/mqtt`;
    await expect(kit.client(url, KILN, { password: 'wrong' })).rejects.toEqual(refusedWith(4));
    const service = await kit.client(url, INGEST);
    await service.subscribeAsync('uns/v1/#', { qos: 1 });
    const received: string[] = [];
    service.on('message', (topic) => received.push(topic));
    const kiln = await kit.client(url, KILN);
    expect(await grantedQos(kiln, '#')).toEqual([128]);
    await kiln.publishAsync(topicOf(KILN, 'telemetry/profile'), '{}', { qos: 1 });
    await expectEventually(() => expect(received).toEqual([topicOf(KILN, 'telemetry/profile')]));
  });
});
