import type { MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { STATS_TOPIC } from './broker-stats.js';
import { brokerKit, closed, expectEventually, GATEWAY, grantedQos, INGEST, KILN, SOUTH, topicOf } from './test-support/broker-kit.js';

/** Topics a client receives, in order. */
function recorder(client: MqttClient): string[] {
  const topics: string[] = [];
  client.on('message', (topic) => topics.push(topic));
  return topics;
}

describe('broker topic ACLs', () => {
  const kit = brokerKit();

  async function startWithIngest(options = {}) {
    const broker = await kit.start(options);
    const url = `mqtt://127.0.0.1:${broker.tcpPort}`;
    const ingest = await kit.client(url, INGEST);
    expect(await grantedQos(ingest, 'uns/v1/#')).toEqual([1]);
    return { broker, url, ingest, received: recorder(ingest) };
  }

  it('refuses a device publishing outside its path: it is disconnected and nothing reaches subscribers', async () => {
    const { broker, url, received } = await startWithIngest();
    const kiln = await kit.client(url, KILN);
    const kilnClosed = closed(kiln);
    kiln.publish(topicOf(GATEWAY, 'telemetry/link'), '{}', { qos: 1 });
    await kilnClosed;
    // positive control, published after the refused one: it arrives, the refused one never does
    const again = await kit.client(url, KILN);
    await again.publishAsync(topicOf(KILN, 'telemetry/profile'), '{}', { qos: 1 });
    await expectEventually(() => expect(received).toEqual([topicOf(KILN, 'telemetry/profile')]));
    expect(broker.stats().publishDenied).toBe(1);
  });

  it('refuses topics that do not parse as UNS topics', async () => {
    const { url, received } = await startWithIngest();
    for (const topic of [`uns/v1/${KILN}/nonsense`, `uns/v1/${KILN}/telemetry/a/b/c`, `uns/v2/${KILN}/telemetry`, 'anything/else']) {
      const kiln = await kit.client(url, KILN);
      const kilnClosed = closed(kiln);
      kiln.publish(topic, '{}', { qos: 1 });
      await kilnClosed;
    }
    const kiln = await kit.client(url, KILN);
    await kiln.publishAsync(topicOf(KILN, 'state'), '{"online":true}', { qos: 1 });
    await expectEventually(() => expect(received).toEqual([topicOf(KILN, 'state')]));
  });

  it('lets a device answer a command on cmd/{name}/res but never publish cmd/{name} itself', async () => {
    const { url, received } = await startWithIngest();
    const kiln = await kit.client(url, KILN);
    const kilnClosed = closed(kiln);
    kiln.publish(topicOf(KILN, 'cmd/set-curve'), '{}', { qos: 1 });
    await kilnClosed;
    const again = await kit.client(url, KILN);
    await again.publishAsync(topicOf(KILN, 'cmd/set-curve/res'), '{"status":"accepted"}', { qos: 1 });
    await expectEventually(() => expect(received).toEqual([topicOf(KILN, 'cmd/set-curve/res')]));
  });

  it('refuses device subscriptions outside its own commands with SUBACK 0x80', async () => {
    const { broker, url } = await startWithIngest();
    const kiln = await kit.client(url, KILN);
    const refused = ['#', 'uns/#', 'uns/v1/#', topicOf(GATEWAY, 'cmd/#'), topicOf(KILN, 'telemetry/#'), topicOf(KILN, 'cmd/+/res'), '$SYS/#', 'svc/v1/#'];
    for (const filter of refused) expect({ filter, granted: await grantedQos(kiln, filter) }).toEqual({ filter, granted: [128] });
    expect(broker.stats().subscribeDenied).toBe(refused.length);
    expect(kiln.connected).toBe(true);
  });

  it('delivers a service command to the device subscribed to its own cmd topics', async () => {
    const { url, ingest } = await startWithIngest();
    const kiln = await kit.client(url, KILN);
    expect(await grantedQos(kiln, [topicOf(KILN, 'cmd/#'), topicOf(KILN, 'cmd/+'), topicOf(KILN, 'cmd/set-curve')])).toEqual([1, 1, 1]);
    const commands = recorder(kiln);
    await ingest.publishAsync(topicOf(KILN, 'cmd/set-curve'), '{"cmdId":"c1"}', { qos: 1 });
    await expectEventually(() => expect(commands).toContain(topicOf(KILN, 'cmd/set-curve')));
  });

  it('lets a 5G gateway publish and subscribe for its south devices, not for unrelated devices', async () => {
    const { url, received } = await startWithIngest();
    const gateway = await kit.client(url, GATEWAY);
    expect(await grantedQos(gateway, [topicOf(SOUTH, 'cmd/#'), topicOf(KILN, 'cmd/#')])).toEqual([1, 128]);
    const gatewayClosed = closed(gateway);
    gateway.publish(topicOf(KILN, 'telemetry/profile'), '{}', { qos: 1 });
    await gatewayClosed;
    const again = await kit.client(url, GATEWAY);
    await again.publishAsync(topicOf(SOUTH, 'telemetry/profile'), '{}', { qos: 1 });
    await again.publishAsync(topicOf(GATEWAY, 'telemetry/link'), '{}', { qos: 1 });
    await expectEventually(() => expect(received).toEqual([topicOf(SOUTH, 'telemetry/profile'), topicOf(GATEWAY, 'telemetry/link')]));
  });

  it('keeps $SYS for services: devices are refused, services read the broker stats', async () => {
    const { url, ingest } = await startWithIngest({ statsIntervalMs: 20 });
    const kiln = await kit.client(url, KILN);
    expect(await grantedQos(kiln, ['$SYS/#', STATS_TOPIC])).toEqual([128, 128]);
    const stats: unknown[] = [];
    ingest.on('message', (topic, payload) => {
      if (topic === STATS_TOPIC) stats.push(JSON.parse(payload.toString()));
    });
    expect(await grantedQos(ingest, '$SYS/#', 0)).toEqual([0]);
    await expectEventually(() => expect(stats[0]).toMatchObject({ connections: 2, clientsConnected: 2, subscribeDenied: 2 }));
  });

  it('withholds from a persistent device session what its refused filters would have queued', async () => {
    // aedes persists every filter of a SUBSCRIBE packet once one of them is granted, refused ones
    // included: without the guard in authorizeSubscribe, `uns/v1/#` queues the whole plant's QoS 1
    // traffic for the offline device, and delivers its own command twice.
    const { url, ingest } = await startWithIngest();
    const session = { clientId: 'tk03-plc', clean: false };
    const kiln = await kit.client(url, KILN, session);
    expect(await grantedQos(kiln, [topicOf(KILN, 'cmd/#'), 'uns/v1/#', '#'])).toEqual([1, 128, 128]);
    await kiln.endAsync();
    await ingest.publishAsync(topicOf(GATEWAY, 'telemetry/link'), '{}', { qos: 1 });
    await ingest.publishAsync(topicOf(KILN, 'cmd/set-curve'), '{"cmdId":"c2"}', { qos: 1 });
    const topics: string[] = [];
    const again = await kit.client(url, KILN, session, (topic) => topics.push(topic));
    await expectEventually(() => expect(topics).toEqual([topicOf(KILN, 'cmd/set-curve')]));
    await again.publishAsync(topicOf(KILN, 'state'), '{}', { qos: 1 }); // one more round trip: no late duplicate
    expect(topics).toEqual([topicOf(KILN, 'cmd/set-curve')]);
  });

  it('lets services use svc/v1/ but not arbitrary roots', async () => {
    const { ingest } = await startWithIngest();
    expect(await grantedQos(ingest, ['svc/v1/alarms/#', '#', 'other/#'])).toEqual([1, 128, 128]);
    const replies = recorder(ingest);
    await ingest.publishAsync('svc/v1/alarms/ack', '{}', { qos: 1 });
    await expectEventually(() => expect(replies).toContain('svc/v1/alarms/ack'));
    const ingestClosed = closed(ingest);
    ingest.publish('other/topic', '{}', { qos: 1 });
    await ingestClosed;
  });
});
