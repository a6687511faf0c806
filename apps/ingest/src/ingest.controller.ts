import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, MqttContext, Payload } from '@nestjs/microservices';
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

  @EventPattern<string>(classFilter('telemetry'))
  onTelemetry(@Payload() data: unknown, @Ctx() ctx: MqttContext): void {
    this.take(data, ctx);
  }

  @EventPattern<string>(classFilter('state', 'none'))
  onState(@Payload() data: unknown, @Ctx() ctx: MqttContext): void {
    this.take(data, ctx);
  }

  @EventPattern<string>(classFilter('meta', 'none'))
  onMeta(@Payload() data: unknown, @Ctx() ctx: MqttContext): void {
    this.take(data, ctx);
  }

  @EventPattern<string>(classFilter('event', 'none'))
  onEvent(@Payload() data: unknown, @Ctx() ctx: MqttContext): void {
    this.take(data, ctx);
  }

  @EventPattern<string>(classFilter('alarm', 'none'))
  onAlarm(@Payload() data: unknown, @Ctx() ctx: MqttContext): void {
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
