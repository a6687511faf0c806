import { createServer, type AddressInfo, type Server } from 'node:net';
import { parseTopic } from '@plantwatch/contracts';
import { expectEventually } from '@plantwatch/testing';
import { Aedes } from 'aedes';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../kit/clock.js';
import { isSimulated } from '../models/device-factory.js';
import { generatePlant } from '../scenarios/generate-plant.js';
import { startSimulation } from './start-simulation.js';

interface Received {
  readonly topic: string;
  readonly retain: boolean;
  readonly payload: { ts: number; seq?: number; stale?: boolean; v: Record<string, unknown> };
}

/** Advances the stepped clock second by second, letting MQTT I/O run in between. */
async function step(clock: VirtualClock, seconds: number): Promise<void> {
  for (let i = 0; i < seconds; i++) {
    clock.advance(1_000);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

describe('5G gateway outage against a real aedes broker (domain.md §2.4.5, §3.6)', () => {
  let broker: Aedes;
  let server: Server;
  let url: string;
  let recorder: MqttClient;
  const messages: Received[] = [];

  beforeAll(async () => {
    broker = await Aedes.createBroker();
    server = createServer(broker.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `mqtt://127.0.0.1:${(server.address() as AddressInfo).port}`;
    recorder = await connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0 });
    recorder.on('message', (topic, payload, packet) => messages.push({ topic, retain: packet.retain, payload: JSON.parse(payload.toString()) as Received['payload'] }));
    await recorder.subscribeAsync('uns/#', { qos: 1 });
  });

  afterAll(async () => {
    await recorder.endAsync(true);
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('takes south devices offline (LWT, comm_loss report), buffers, then backfills with original ts and no seq gaps', async () => {
    const plant = generatePlant('huaxiang-5g-factory', { set: { scale: 0.05 } });
    const gateway = plant.model.devices.find((d) => d.type === 'gateway-5g' && plant.model.devices.some((s) => s.via === d.key && isSimulated(s.type)))?.key ?? '';
    const south = plant.model.devices.filter((d) => d.via === gateway && isSimulated(d.type)).map((d) => d.key);
    expect(south.length).toBeGreaterThan(0);
    const clock = new VirtualClock(Date.UTC(2024, 5, 10));
    const simulation = await startSimulation({ brokerUrl: url, model: plant.model, secrets: plant.secrets, clock, seed: 5, devices: [gateway, ...south], plan: plant.runtime.plan });
    const states = (key: string) => messages.filter((m) => m.topic === `uns/v1/${key}/state`).map((m) => m.payload.v);
    await expectEventually(() => expect(states(gateway)[0]).toMatchObject({ online: true }));
    await step(clock, 60);

    simulation.faults.inject({ faultCode: 'DEV_COMM_LOSS', device: south[0] ?? '', source: 'cli' });
    await step(clock, 20);
    await expectEventually(() => expect(states(south[0] ?? '')).toContainEqual({ online: false, reason: 'comm_loss' }));

    const outageStart = clock.now();
    simulation.faults.inject({ faultCode: 'CELL_DOWN', device: gateway, source: 'cli' });
    await step(clock, 120); // > 1.5 × 60 s keepalive: the broker fires the gateway's will
    await expectEventually(() => expect(states(gateway)).toContainEqual({ online: false, reason: 'lwt' }));
    expect(simulation.stats().buffered).toBeGreaterThan(0);
    const outageEnd = clock.now();
    simulation.faults.clear('CELL_DOWN', gateway);
    simulation.faults.clear('DEV_COMM_LOSS', south[0] ?? '');
    await step(clock, 10);
    await expectEventually(async () => {
      await step(clock, 1);
      expect(simulation.stats().buffered).toBe(0);
      expect(states(gateway).at(-1)).toMatchObject({ online: true });
    });
    await step(clock, 30);
    await simulation.stop();

    const stale = messages.filter((m) => m.payload.stale === true);
    expect(stale.length).toBeGreaterThan(south.length);
    for (const m of stale) {
      // Original ts: sampled during the outage (events carry their occurrence time, ≤ one poll earlier).
      expect(m.payload.ts).toBeGreaterThanOrEqual(outageStart - 10_000);
      expect(m.payload.ts).toBeLessThanOrEqual(outageEnd + 10_000);
    }
    const bySeqTopic = new Map<string, number[]>();
    for (const m of messages) {
      const cls = parseTopic(m.topic).cls;
      if ((cls === 'telemetry' || cls === 'event') && m.payload.seq !== undefined && !m.topic.includes(south[0] ?? '\u0000')) bySeqTopic.set(m.topic, [...(bySeqTopic.get(m.topic) ?? []), m.payload.seq]);
    }
    expect(bySeqTopic.size).toBeGreaterThan(south.length);
    for (const [topic, seqs] of bySeqTopic) expect(seqs, topic).toEqual(Array.from({ length: seqs.length }, (_, i) => (seqs[0] ?? 0) + i));
    expect(states(south[1] ?? south[0] ?? '').at(-2)).toMatchObject({ online: true });
  });
});
