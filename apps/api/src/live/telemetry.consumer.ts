import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, MqttContext, Payload } from '@nestjs/microservices';
import { classFilter } from '@plantwatch/contracts';
import { PlantIndex, validateMessage } from '@plantwatch/domain';
import { LiveHub } from './live.hub.js';

const MAX_LIVE_PAYLOAD_BYTES = 256 * 1024;

/** Feeds the live hub from the broker: telemetry and state of every device, validated. */
@Controller()
export class TelemetryConsumer {
  /** Messages the live view refused (ingest dead-letters them with the reason). */
  refused = 0;

  constructor(
    @Inject(LiveHub) private readonly hub: LiveHub,
    @Inject(PlantIndex) private readonly plant: PlantIndex,
  ) {}

  @EventPattern<string>(classFilter('telemetry'))
  onTelemetry(@Payload() data: unknown, @Ctx() ctx: MqttContext): void {
    this.take(data, ctx);
  }

  @EventPattern<string>(classFilter('state', 'none'))
  onState(@Payload() data: unknown, @Ctx() ctx: MqttContext): void {
    this.take(data, ctx);
  }

  private take(data: unknown, ctx: MqttContext): void {
    const result = validateMessage(this.plant, ctx.getTopic(), data, ctx.getPacket().payload.length, MAX_LIVE_PAYLOAD_BYTES);
    if (!result.ok) {
      this.refused++;
      return;
    }
    this.hub.update(result.topic, result.device.key, result.envelope);
  }
}
