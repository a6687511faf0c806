import { createServer, type AddressInfo, type Server } from 'node:net';
import { deviceState, parseTopic, schemaFor, tunnelKilnCombustion, tunnelKilnProfile } from '@plantwatch/contracts';
import { expectEventually } from '@plantwatch/testing';
import { Aedes, type Client } from 'aedes';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClientId } from '../mqtt/client-id.js';
import { generatePlant } from '../scenarios/generate-plant.js';
import { startSimulation } from './start-simulation.js';

interface Received {
  readonly topic: string;
  readonly retain: boolean;
  readonly payload: unknown;
}

/** Subscribes to `#` and records every message with its retain flag. */
async function recorder(url: string): Promise<{ client: MqttClient; messages: Received[] }> {
  const client = await connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0 });
  const messages: Received[] = [];
  client.on('message', (topic, payload, packet) => messages.push({ topic, retain: packet.retain, payload: JSON.parse(payload.toString()) as unknown }));
  await client.subscribeAsync('#', { qos: 1 });
  return { client, messages };
}

const onTopic = (messages: readonly Received[], suffix: string) => messages.filter((m) => m.topic.endsWith(suffix));

describe('startSimulation against a real aedes broker (no auth)', () => {
  let broker: Aedes;
  let server: Server;
  let url: string;
  const clients: MqttClient[] = [];

  beforeAll(async () => {
    broker = await Aedes.createBroker();
    server = createServer(broker.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('publishes birth, telemetry and events that parse, and leaves a retained offline state on stop', async () => {
    const live = await recorder(url);
    clients.push(live.client);
    const { model, secrets } = generatePlant('skeleton');
    const simulation = await startSimulation({ brokerUrl: url, model, secrets, seed: 42, speed: 1, pushIntervalMs: 1_000 });
    const prefix = 'uns/v1/jytd/yq-baiquan/firing/tk03/controller/plc/';

    await expectEventually(() => {
      expect(onTopic(live.messages, 'plc/telemetry/profile').length).toBeGreaterThan(0);
      expect(onTopic(live.messages, 'plc/telemetry/combustion').length).toBeGreaterThan(0);
      expect(onTopic(live.messages, 'plc/event').length).toBeGreaterThan(1);
    });
    for (const message of live.messages) {
      expect(message.topic.startsWith(prefix)).toBe(true);
      const topic = parseTopic(message.topic);
      const schema = schemaFor('tunnel-kiln', topic.cls, topic.sub);
      expect(schema, message.topic).toBeDefined();
      schema?.parse(message.payload);
    }
    tunnelKilnProfile.parse(onTopic(live.messages, 'telemetry/profile')[0]?.payload);
    tunnelKilnCombustion.parse(onTopic(live.messages, 'telemetry/combustion')[0]?.payload);
    expect(onTopic(live.messages, 'plc/event').map((m) => (m.payload as { v: { type: string } }).v.type)).toContain('car_pushed');

    const late = await recorder(url);
    clients.push(late.client);
    await expectEventually(() => {
      const retained = late.messages.filter((m) => m.retain).map((m) => m.topic);
      expect(retained).toEqual(expect.arrayContaining([`${prefix}meta`, `${prefix}state`]));
      expect(deviceState.parse(onTopic(late.messages, 'plc/state')[0]?.payload).v).toMatchObject({ online: true });
    });
    expect(simulation.stats()).toMatchObject({ devices: 1, online: 1, errors: 0 });

    await simulation.stop();
    const after = await recorder(url);
    clients.push(after.client);
    await expectEventually(() => {
      const state = onTopic(after.messages, 'plc/state').find((m) => m.retain);
      expect(deviceState.parse(state?.payload).v).toEqual({ online: false, reason: 'shutdown' });
    });
  });

  it('has the broker publish the retained Last Will when a device vanishes, then re-births on reconnect (§3.6)', async () => {
    const { model, secrets } = generatePlant('skeleton');
    const key = model.devices[0]?.key ?? '';
    const connected = new Map<string, Client>();
    broker.on('client', (client) => connected.set(client.id, client));
    const live = await recorder(url);
    clients.push(live.client);
    const simulation = await startSimulation({ brokerUrl: url, model, secrets, seed: 1 });
    const states = (): unknown[] => onTopic(live.messages, 'plc/state').filter((m) => !m.retain).map((m) => deviceState.parse(m.payload).v);
    await expectEventually(() => expect(connected.has(deviceClientId(key))).toBe(true));
    await expectEventually(() => expect(states()).toEqual([{ online: true, mode: 'auto' }]));

    connected.get(deviceClientId(key))?.close(); // an unclean drop: no DISCONNECT, so the will fires
    await expectEventually(() => expect(states()).toEqual([{ online: true, mode: 'auto' }, { online: false, reason: 'lwt' }, { online: true, mode: 'auto' }]));
    await simulation.stop();
  });
});
