import 'reflect-metadata';
import { Logger, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { SVC_TOPICS } from '@plantwatch/contracts';
import type { PlantIndex } from '@plantwatch/domain';
import type { TelemetryStore } from '@plantwatch/store';
import type { MqttClient } from 'mqtt';
import { AckAfterStoreMqttServer } from './ack-after-store.server.js';
import { IngestController } from './ingest.controller.js';
import { IngestModule } from './ingest.module.js';
import { IngestPipeline, type IngestPipelineOptions } from './pipeline/ingest.pipeline.js';
import { Spool } from './pipeline/spool.js';
import { UnsDeserializer } from '@plantwatch/platform';

export interface IngestDeps {
  readonly plant: PlantIndex;
  readonly store: TelemetryStore;
  readonly mqtt: { readonly url: string; readonly username: string; readonly password: string; readonly clientId?: string };
  readonly spoolDir: string;
  readonly pipeline?: Partial<IngestPipelineOptions>;
  readonly statsEveryMs?: number;
  readonly logger?: boolean;
}

export interface RunningIngest {
  readonly app: INestMicroservice;
  readonly pipeline: IngestPipeline;
  close(): Promise<void>;
}

/**
 * Starts the ingest microservice: Transport.MQTT with a fixed client id and a persistent
 * session (clean: false, QoS 1 subscriptions), so messages published while ingest is down wait
 * in the broker; QoS 1 messages are acknowledged only once durable (AckAfterStoreMqttServer).
 */
export async function startIngest(deps: IngestDeps): Promise<RunningIngest> {
  const logger = new Logger('ingest');
  const spool = await Spool.open(deps.spoolDir);
  const pipeline = new IngestPipeline(deps.plant, deps.store, spool, {
    batchMs: 1_000,
    batchMax: 5_000,
    retryMs: 2_000,
    maxPayloadBytes: 64 * 1024,
    log: (message) => logger.warn(message),
    ...deps.pipeline,
  });
  const server = new AckAfterStoreMqttServer(
    {
      url: deps.mqtt.url,
      clientId: deps.mqtt.clientId ?? 'plantwatch-ingest',
      username: deps.mqtt.username,
      password: deps.mqtt.password,
      clean: false,
      protocolVersion: 4,
      reconnectPeriod: 1_000,
      subscribeOptions: { qos: 1 },
      deserializer: new UnsDeserializer(),
    },
    () => pipeline.untilDurable(),
    (error) => logger.error(`could not make a QoS 1 message durable: ${String(error)}`),
  );
  const app = await NestFactory.createMicroservice(IngestModule.register(pipeline, deps.store), {
    strategy: server,
    logger: deps.logger === false ? false : ['error', 'warn', 'log'],
  });
  server.takeDeviceMessages(app.get(IngestController));
  await app.listen();
  const client = app.unwrap<MqttClient>();
  const publishStats = (): void => {
    client.publish(SVC_TOPICS.ingestStats, JSON.stringify(pipeline.snapshot()), { qos: 0, retain: true });
  };
  const statsTimer = setInterval(publishStats, deps.statsEveryMs ?? 10_000);
  return {
    app,
    pipeline,
    async close() {
      clearInterval(statsTimer);
      publishStats();
      // Stop taking messages first; whatever was accepted is then flushed. A QoS 1 message
      // not yet acknowledged is redelivered by the broker next time (writes are idempotent).
      await app.close();
      await pipeline.close();
    },
  };
}
