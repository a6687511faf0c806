import 'reflect-metadata';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { EventPattern, MqttContext, Payload } from '@nestjs/microservices';
import { Aedes } from 'aedes';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UnsDeserializer } from './uns-deserializer.js';
import { DeviceMessages, UnsMqttServer } from './uns-mqtt-server.js';

interface Taken {
  readonly data: unknown;
  readonly topic: string;
  readonly bytes: number;
}

@Controller()
class Consumer {
  readonly telemetry: Taken[] = [];
  readonly alsoTelemetry: string[] = [];
  readonly state: unknown[] = [];
  readonly stats: unknown[] = [];

  @DeviceMessages('uns/v1/+/+/+/+/+/+/telemetry/#')
  onTelemetry(data: unknown, ctx: MqttContext): void {
    if ((data as { v?: { boom?: boolean } }).v?.boom) throw new Error('handler failed');
    this.telemetry.push({ data, topic: ctx.getTopic(), bytes: (ctx.getPacket().payload as Buffer).length });
  }

  /** A second method on the same filter: both are called, in registration order. */
  @DeviceMessages('uns/v1/+/+/+/+/+/+/telemetry/#')
  onTelemetryToo(_data: unknown, ctx: MqttContext): void {
    this.alsoTelemetry.push(ctx.getTopic());
  }

  @DeviceMessages('uns/v1/+/+/+/+/+/+/state')
  onState(data: unknown): void {
    this.state.push(data);
  }

  @EventPattern<string>('svc/v1/test/stats')
  onStats(@Payload() data: unknown): void {
    this.stats.push(data);
  }
}

@Module({ controllers: [Consumer] })
class TestModule {}

const DEVICE = 'uns/v1/e/s/a/l/c/d';

/**
 * The device stream bypasses Nest's event pipeline (@DeviceMessages) while everything else still
 * goes through Nest: real aedes on an ephemeral port, a real Nest microservice.
 */
describe('UnsMqttServer', () => {
  let broker: Aedes;
  let tcp: Server;
  let app: INestMicroservice;
  let device: MqttClient;
  let consumer: Consumer;

  beforeAll(async () => {
    broker = await Aedes.createBroker();
    tcp = createServer(broker.handle);
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const url = `mqtt://127.0.0.1:${(tcp.address() as AddressInfo).port}`;
    const server = new UnsMqttServer({ url, protocolVersion: 4, subscribeOptions: { qos: 1 }, deserializer: new UnsDeserializer() });
    app = await NestFactory.createMicroservice(TestModule, { strategy: server, logger: false });
    consumer = app.get(Consumer);
    server.takeDeviceMessages(consumer);
    await app.listen();
    device = await connectAsync(url, { protocolVersion: 4, reconnectPeriod: 0 });
  });

  afterAll(async () => {
    await device?.endAsync();
    await app?.close();
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    await new Promise<void>((resolve) => tcp.close(() => resolve()));
  });

  it('hands device messages to @DeviceMessages methods, whole, and the rest to Nest', async () => {
    const payload = JSON.stringify({ ts: 1, seq: 1, v: { kw: 2 }, id: 'data, not a Nest packet id', data: 'kept' });
    await device.publishAsync(`${DEVICE}/telemetry`, payload, { qos: 1 });
    await device.publishAsync(`${DEVICE}/state`, 'not json', { qos: 1 });
    await device.publishAsync('svc/v1/test/stats', JSON.stringify({ stored: 3 }), { qos: 1 });
    await vi.waitFor(() => {
      expect(consumer.telemetry).toEqual([{ data: JSON.parse(payload), topic: `${DEVICE}/telemetry`, bytes: payload.length }]);
      expect(consumer.alsoTelemetry).toEqual([`${DEVICE}/telemetry`]);
      expect(consumer.state).toEqual(['not json']);
      expect(consumer.stats).toEqual([{ stored: 3 }]);
    });
  });

  it('keeps taking messages after a method throws (the error is logged)', async () => {
    await device.publishAsync(`${DEVICE}/telemetry`, JSON.stringify({ v: { boom: true } }), { qos: 1 });
    await device.publishAsync(`${DEVICE}/telemetry/profile`, JSON.stringify({ v: { kw: 3 } }), { qos: 1 });
    await vi.waitFor(() => {
      expect(consumer.telemetry.map((t) => t.topic)).toEqual([`${DEVICE}/telemetry`, `${DEVICE}/telemetry/profile`]);
      // the other method still saw the message whose first method threw
      expect(consumer.alsoTelemetry).toEqual([`${DEVICE}/telemetry`, `${DEVICE}/telemetry`, `${DEVICE}/telemetry/profile`]);
    });
  });
});
