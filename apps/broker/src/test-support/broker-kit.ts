/**
 * Test kit of the broker's integration tests: a small plant model, a real broker on ephemeral
 * ports and real mqtt.js clients (MQTT 3.1.1), all closed after each test.
 */
import { connect as connectTcp, type Socket } from 'node:net';
import type { PlantIndex } from '@plantwatch/domain';
import { PlantIndex as PlantIndexImpl } from '@plantwatch/domain';
import { hashSecret, serviceUsername } from '@plantwatch/platform';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterEach } from 'vitest';
import { createBroker, type BrokerOptions, type RunningBroker } from '../broker.js';

export { expectEventually } from '@plantwatch/testing';

export const KILN = 'jytd/yq-baiquan/firing/tk03/controller/plc';
export const GATEWAY = 'huaxiang/hongtong-qinbi/network/5g/_/gw5g-001';
/** Publishes through {@link GATEWAY} (`via`). */
export const SOUTH = 'huaxiang/hongtong-qinbi/firing/tk01/controller/plc';
export const INGEST = serviceUsername('ingest');

export const SECRETS: Readonly<Record<string, string>> = {
  [KILN]: 'kiln-secret-4f6c2a9e1b7d3058',
  [GATEWAY]: 'gateway-secret-9a1e5c7b3d2f4068',
  [SOUTH]: 'south-secret-0b8d6f4a2c9e1357',
  [INGEST]: 'ingest-secret-7c3a9e5b1d0f2468',
};

/** `uns/v1/{key}/{rest}`. */
export const topicOf = (key: string, rest: string): string => `uns/v1/${key}/${rest}`;

/** The two seed devices of the brief, a south device behind the gateway, and the ingest service. */
export function testPlant(): PlantIndex {
  const secret = (user: string): string => hashSecret(SECRETS[user] ?? '');
  return new PlantIndexImpl({
    version: 1,
    name: 'broker test plant',
    nodes: {},
    devices: [
      { key: KILN, type: 'tunnel-kiln', name: 'TK03 PLC', secretSha256: secret(KILN) },
      { key: GATEWAY, type: 'gateway-5g', name: '5G gateway 001', secretSha256: secret(GATEWAY) },
      { key: SOUTH, type: 'tunnel-kiln', name: 'TK01 PLC', via: GATEWAY, secretSha256: secret(SOUTH) },
    ],
    services: [{ name: 'ingest', secretSha256: hashSecret(SECRETS[INGEST] ?? '') }],
  });
}

/** A refused CONNECT: the CONNACK return code (MQTT 3.1.1 §3.2.2.3). */
export class ConnackRefused extends Error {
  constructor(readonly returnCode: number) {
    super(`CONNACK ${returnCode}`);
  }
}

/** Registers afterEach cleanup and returns helpers bound to it. */
export function brokerKit() {
  const clients: MqttClient[] = [];
  const sockets: Socket[] = [];
  const brokers: RunningBroker[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
    for (const s of sockets.splice(0)) s.destroy();
    await Promise.all(brokers.splice(0).map((b) => b.close()));
  });

  async function start(options: Partial<BrokerOptions> = {}): Promise<RunningBroker> {
    const broker = await createBroker({ plant: testPlant(), tcpPort: 0, wsPort: 0, statsIntervalMs: 0, ...options });
    brokers.push(broker);
    return broker;
  }

  /**
   * A connected client, or a rejection with {@link ConnackRefused}. `user` defaults to its own secret.
   * `onMessage` listens from before the CONNACK: a persistent session's queued messages may arrive
   * in the same read as it.
   */
  async function client(url: string, user: string | undefined, options: IClientOptions = {}, onMessage?: (topic: string) => void): Promise<MqttClient> {
    const c = mqtt.connect(url, {
      protocolVersion: 4,
      reconnectPeriod: 0,
      connectTimeout: 15_000,
      ...(user === undefined ? {} : { username: user, password: SECRETS[user] }),
      ...options,
    });
    clients.push(c);
    if (onMessage) c.on('message', (topic) => onMessage(topic));
    await new Promise<void>((resolve, reject) => {
      c.once('connect', () => resolve());
      c.once('error', (error) => {
        const code = (error as { code?: unknown }).code;
        reject(typeof code === 'number' ? new ConnackRefused(code) : error);
      });
      c.once('close', () => reject(new Error('closed before CONNACK')));
    });
    return c;
  }

  /** A raw TCP socket (for bytes mqtt.js refuses to send); resolves once connected. */
  async function socket(port: number): Promise<Socket> {
    const s = connectTcp(port, '127.0.0.1');
    sockets.push(s);
    s.on('error', () => undefined);
    await new Promise<void>((resolve) => s.once('connect', () => resolve()));
    return s;
  }

  return { start, client, socket };
}

/** Resolves when the socket is closed (by the broker, in these tests). */
export function closed(emitter: Socket | MqttClient): Promise<void> {
  return new Promise((resolve) => emitter.once('close', () => resolve()));
}

/** A raw MQTT 3.1.1 CONNECT (§3.1), for cases mqtt.js will not encode (empty id, clean=0). */
export function rawConnect(clientId: string, clean: boolean, username: string, password: string): Buffer {
  const str = (s: string): Buffer => {
    const b = Buffer.from(s, 'utf8');
    return Buffer.concat([Buffer.from([b.length >> 8, b.length & 0xff]), b]);
  };
  const flags = 0x80 | 0x40 | (clean ? 0x02 : 0);
  const body = Buffer.concat([str('MQTT'), Buffer.from([4, flags, 0, 60]), str(clientId), str(username), str(password)]);
  if (body.length > 127) throw new Error('keep test CONNECTs under 128 bytes');
  return Buffer.concat([Buffer.from([0x10, body.length]), body]);
}

/** Reads the return code of the CONNACK (§3.2) the broker sends on `socket`. */
export function connackCode(socket: Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      if (buf.length < 4) return;
      socket.off('data', onData);
      if (buf[0] !== 0x20) reject(new Error(`expected CONNACK, got packet byte ${buf[0]}`));
      else resolve(buf[3] as number);
    };
    socket.on('data', onData);
    socket.once('close', () => reject(new Error('closed before CONNACK')));
  });
}

/**
 * The granted QoS of each filter in one SUBSCRIBE, 0x80 (128) meaning refused (§3.9.3).
 * mqtt.js 5 rejects the promise on 0x80; the SUBACK rides on the error.
 */
export async function grantedQos(client: MqttClient, filters: string | string[], qos: 0 | 1 = 1): Promise<number[]> {
  try {
    const granted = await client.subscribeAsync(filters, { qos });
    return granted.map((g) => g.qos);
  } catch (error) {
    const granted = (error as { packet?: { granted?: unknown } }).packet?.granted;
    if (!Array.isArray(granted)) throw error;
    return granted.map(Number);
  }
}
