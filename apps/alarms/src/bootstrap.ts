import 'reflect-metadata';
import { join } from 'node:path';
import { Logger, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { PlantIndex, Roster } from '@plantwatch/domain';
import { UnsDeserializer, UnsMqttServer } from '@plantwatch/platform';
import type { MqttClient } from 'mqtt';
import { AlarmService } from './alarm.service.js';
import { every, SystemClock, type Clock } from './clock.js';
import { AlarmsController } from './nest/alarms.controller.js';
import { AlarmsModule } from './nest/alarms.module.js';
import type { MailOptions } from './notify/mail.channel.js';
import { Notifier } from './notify/notifier.js';
import type { RetryOptions } from './notify/retrying-sender.js';
import type { Contacts } from './rules/roster-file.js';
import { RuleFiles, SHIPPED_RULES_DIR } from './rules/rule-files.js';

export interface AlarmsDeps {
  readonly plant: PlantIndex;
  readonly mqtt: { readonly url: string; readonly username: string; readonly password: string; readonly clientId?: string };
  /** Alarm state lives in `{dataDir}/alarms`. */
  readonly dataDir: string;
  readonly rulesDir?: string;
  readonly roster?: { readonly roster: Roster; readonly contacts: Contacts };
  readonly clock?: Clock;
  readonly tickMs?: number;
  readonly webhookUrl?: string;
  readonly webhookOnRaise?: readonly string[];
  readonly mail?: MailOptions;
  readonly retry?: RetryOptions;
  readonly logger?: boolean;
}

export interface RunningAlarms {
  readonly app: INestMicroservice;
  readonly service: AlarmService;
  readonly notifier: Notifier;
  /** Orderly stop (snapshot written). */
  close(): Promise<void>;
  /** Stops as a crash would: no snapshot, nothing flushed beyond what each step already fsync'd. */
  crash(): Promise<void>;
}

/**
 * Starts the alarms microservice: Transport.MQTT with a fixed client id and a persistent
 * session (as ingest), rules evaluated on every message and on a clock tick (silence must fire
 * without a message), transitions published on `uns/v1/{device}/alarm` (QoS 1) after they are
 * durable, escalations sent by webhook and e-mail.
 */
export async function startAlarms(deps: AlarmsDeps): Promise<RunningAlarms> {
  const logger = new Logger('alarms');
  const clock = deps.clock ?? new SystemClock();
  const stateDir = join(deps.dataDir, 'alarms');
  const log = (message: string): void => {
    if (deps.logger !== false) logger.warn(message);
  };
  const notifier = new Notifier(clock, { ...(deps.webhookUrl ? { webhookUrl: deps.webhookUrl } : {}), ...(deps.mail ? { mail: deps.mail } : {}), ...(deps.webhookOnRaise ? { webhookOnRaise: deps.webhookOnRaise } : {}), ...(deps.retry ? { retry: deps.retry } : {}) }, deps.roster?.contacts ?? {}, log);
  const rules = new RuleFiles(deps.rulesDir ?? SHIPPED_RULES_DIR, join(stateDir, 'rules'));
  const service = new AlarmService({ plant: deps.plant, clock, stateDir, rules, notifier, log, ...(deps.roster ? { roster: deps.roster.roster } : {}) });
  const server = new UnsMqttServer({
      url: deps.mqtt.url,
      clientId: deps.mqtt.clientId ?? 'plantwatch-alarms',
      username: deps.mqtt.username,
      password: deps.mqtt.password,
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: 1_000,
      subscribeOptions: { qos: 1 },
      deserializer: new UnsDeserializer(),
  });
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(AlarmsModule.register(service), {
    strategy: server,
    logger: deps.logger === false ? false : ['error', 'warn', 'log'],
  });
  server.takeDeviceMessages(app.get(AlarmsController));
  await app.listen();
  const client = app.unwrap<MqttClient>();
  service.setPublisher((device, payload) => {
    client.publish(`uns/v1/${device}/alarm`, payload, { qos: 1 });
  });
  const stopTick = every(clock, deps.tickMs ?? 1_000, () => service.tick());
  const stop = async (orderly: boolean): Promise<void> => {
    stopTick();
    await app.close();
    if (orderly) await notifier.sender.idle();
    notifier.close();
    if (orderly) service.close();
    else service.abandon();
  };
  return { app, service, notifier, close: () => stop(true), crash: () => stop(false) };
}
