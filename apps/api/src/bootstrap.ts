import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { PlantIndex } from '@plantwatch/domain';
import { UnsDeserializer } from '@plantwatch/platform';
import type { MqttClient } from 'mqtt';
import { ApiModule } from './api.module.js';
import { ApiHealth } from './plant/api-health.js';

export interface ApiDeps {
  readonly plant: PlantIndex;
  readonly mqtt: { readonly url: string; readonly username: string; readonly password: string };
  readonly host?: string;
  /** 0 = ephemeral (tests). */
  readonly port?: number;
  readonly coalesceMs?: number;
  readonly onemapDir?: string;
  readonly logger?: boolean;
}

export interface RunningApi {
  readonly app: INestApplication;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Starts the api: HTTP (REST under /api), the socket.io namespace /live, and an MQTT
 * subscriber (hybrid Nest app, Transport.MQTT) that feeds the live view.
 */
export async function startApi(deps: ApiDeps): Promise<RunningApi> {
  const app = await NestFactory.create<NestExpressApplication>(
    ApiModule.register({ plant: deps.plant, mqtt: deps.mqtt, live: { coalesceMs: deps.coalesceMs ?? 250 } }),
    { logger: deps.logger === false ? false : ['error', 'warn', 'log'] },
  );
  app.disable('x-powered-by');
  if (deps.onemapDir && existsSync(deps.onemapDir)) app.useStaticAssets(deps.onemapDir, { index: 'index.html' });
  const microservice = app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.MQTT,
    options: {
      url: deps.mqtt.url,
      username: deps.mqtt.username,
      password: deps.mqtt.password,
      clientId: `plantwatch-api-live-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
      protocolVersion: 4,
      clean: true,
      subscribeOptions: { qos: 0 },
      deserializer: new UnsDeserializer(),
    },
  });
  await app.startAllMicroservices();
  const health = app.get(ApiHealth);
  const client = microservice.unwrap<MqttClient>();
  health.brokerConnected = client.connected;
  client.on('connect', () => (health.brokerConnected = true));
  client.on('close', () => (health.brokerConnected = false));
  await app.listen(deps.port ?? 8080, deps.host ?? '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { app, url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`, close: () => app.close() };
}
