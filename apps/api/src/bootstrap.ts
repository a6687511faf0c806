import 'reflect-metadata';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { PlantIndex } from '@plantwatch/domain';
import { UnsDeserializer, UnsMqttServer } from '@plantwatch/platform';
import type { MqttClient } from 'mqtt';
import { AlarmEventsConsumer } from './alarms/alarms.gateway.js';
import { ApiModule } from './api.module.js';
import { AuditLog } from './audit/audit.log.js';
import { SessionStore } from './auth/sessions.js';
import { UsersStore } from './auth/users.store.js';
import { CommandTransport } from './commands/command.transport.js';
import { TelemetryConsumer } from './live/telemetry.consumer.js';
import { ApiHealth } from './plant/api-health.js';
import { securityHeaders } from './http/security-headers.js';

export interface ApiDeps {
  readonly plant: PlantIndex;
  readonly mqtt: { readonly url: string; readonly username: string; readonly password: string };
  /** Folder of `users.json` and `audit.log`. */
  readonly dataDir: string;
  readonly host?: string;
  /** 0 = ephemeral (tests). */
  readonly port?: number;
  readonly coalesceMs?: number;
  readonly rollupMs?: number;
  /** Built one-map (`apps/onemap/dist`), served at `/`. */
  readonly onemapDir?: string;
  readonly logger?: boolean;
  /** Password of the admin created with a new users file (default: random, returned once). */
  readonly initialAdminPassword?: string;
  readonly sessionIdleMs?: number;
  readonly sessionMaxMs?: number;
  readonly cookieSecure?: boolean;
  /** Commands expire this long after they are sent [ms] (default 30 s). */
  readonly commandExpiryMs?: number;
  readonly acceptTimeoutMs?: { readonly lan: number; readonly fiveG: number };
}

export interface RunningApi {
  readonly app: INestApplication;
  readonly url: string;
  /** Set only when this start created the users file: print it once, it is stored nowhere. */
  readonly initialAdminPassword?: string;
  close(): Promise<void>;
}

/**
 * Starts the api: HTTP (REST under /api, the one-map at /), the authenticated socket.io
 * namespace /live, and an MQTT connection (hybrid Nest app, Transport.MQTT) that feeds the live
 * view, receives command answers and publishes commands.
 */
export async function startApi(deps: ApiDeps): Promise<RunningApi> {
  const idleMs = deps.sessionIdleMs ?? 12 * 3_600_000;
  const maxMs = deps.sessionMaxMs ?? 7 * 24 * 3_600_000;
  const { store: users, initialAdminPassword } = await UsersStore.open(resolve(deps.dataDir, 'users.json'), deps.initialAdminPassword);
  const app = await NestFactory.create<NestExpressApplication>(
    ApiModule.register({
      plant: deps.plant,
      mqtt: deps.mqtt,
      live: { coalesceMs: deps.coalesceMs ?? 250, ...(deps.rollupMs === undefined ? {} : { rollupMs: deps.rollupMs }) },
      users,
      sessions: new SessionStore({ idleMs, maxMs }),
      audit: new AuditLog(resolve(deps.dataDir, 'audit.log')),
      auth: { cookieSecure: deps.cookieSecure ?? false, idleMs, maxMs },
      commands: { expiryMs: deps.commandExpiryMs ?? 30_000, ...(deps.acceptTimeoutMs === undefined ? {} : { acceptTimeoutMs: deps.acceptTimeoutMs }) },
    }),
    { logger: deps.logger === false ? false : ['error', 'warn', 'log'] },
  );
  app.disable('x-powered-by');
  app.use(securityHeaders);
  if (deps.onemapDir && existsSync(deps.onemapDir)) app.useStaticAssets(deps.onemapDir, { index: 'index.html' });
  const server = new UnsMqttServer({
      url: deps.mqtt.url,
      username: deps.mqtt.username,
      password: deps.mqtt.password,
      clientId: `plantwatch-api-live-${process.pid}-${Math.random().toString(36).slice(2, 8)}`,
      protocolVersion: 4,
      clean: true,
      subscribeOptions: { qos: 1 },
      deserializer: new UnsDeserializer(),
  });
  server.takeDeviceMessages(app.get(TelemetryConsumer), app.get(AlarmEventsConsumer));
  const microservice = app.connectMicroservice<MicroserviceOptions>({ strategy: server });
  await app.startAllMicroservices();
  const client = microservice.unwrap<MqttClient>();
  watchBroker(app.get(ApiHealth), client);
  app.get(CommandTransport).attach(client);
  await app.listen(deps.port ?? 8080, deps.host ?? '127.0.0.1');
  const address = app.getHttpServer().address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  return { app, url, ...(initialAdminPassword === undefined ? {} : { initialAdminPassword }), close: () => app.close() };
}

function watchBroker(health: ApiHealth, client: MqttClient): void {
  health.brokerConnected = client.connected;
  client.on('connect', () => (health.brokerConnected = true));
  client.on('close', () => (health.brokerConnected = false));
}
