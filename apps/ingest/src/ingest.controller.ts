import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, MqttContext, Payload } from '@nestjs/microservices';
import { DeviceMessages } from '@plantwatch/platform';
import { classFilter } from '@plantwatch/contracts';
import type { DeadLetter, HistoryPoint, TelemetryStore } from '@plantwatch/store';
import { IngestPipeline } from './pipeline/ingest.pipeline.js';
import { parseHistoryRequest, parseDeadLetterRequest, STORE_TOKEN, SVC_TOPICS } from './store-requests.js';

/** One handler per message class; all of them feed the same pipeline. */
@Controller()
export class IngestController {
  constructor(
    @Inject(IngestPipeline) private readonly pipeline: IngestPipeline,
    @Inject(STORE_TOKEN) private readonly store: TelemetryStore,
  ) {}

  @DeviceMessages(classFilter('telemetry'))
  onTelemetry(data: unknown, ctx: MqttContext): void {
    this.take(data, ctx);
  }

  @DeviceMessages(classFilter('state', 'none'))
  onState(data: unknown, ctx: MqttContext): void {
    this.take(data, ctx);
  }

  @DeviceMessages(classFilter('meta', 'none'))
  onMeta(data: unknown, ctx: MqttContext): void {
    this.take(data, ctx);
  }

  @DeviceMessages(classFilter('event', 'none'))
  onEvent(data: unknown, ctx: MqttContext): void {
    this.take(data, ctx);
  }

  @DeviceMessages(classFilter('alarm', 'none'))
  onAlarm(data: unknown, ctx: MqttContext): void {
    this.take(data, ctx);
  }

  /** History for the api (request/response over MQTT): ingest owns the store connection. */
  @MessagePattern(SVC_TOPICS.history)
  history(@Payload() request: unknown): Promise<HistoryPoint[]> {
    return this.store.history(parseHistoryRequest(request));
  }

  @MessagePattern(SVC_TOPICS.deadLetters)
  deadLetters(@Payload() request: unknown): Promise<DeadLetter[]> {
    return this.store.deadLetters(parseDeadLetterRequest(request));
  }

  private take(data: unknown, ctx: MqttContext): void {
    const packet = ctx.getPacket();
    this.pipeline.accept(ctx.getTopic(), data, Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload));
  }
}
