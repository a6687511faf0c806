import { Controller, Inject } from '@nestjs/common';
import { MqttContext } from '@nestjs/microservices';
import { DeviceMessages } from '@plantwatch/platform';
import { classFilter, parseTopic } from '@plantwatch/contracts';
import { PlantIndex, validateMessage } from '@plantwatch/domain';
import { LiveHub } from './live.hub.js';
import { LiveRollups } from './live.rollups.js';

const MAX_LIVE_PAYLOAD_BYTES = 256 * 1024;

/**
 * Feeds the live view from the broker: telemetry, state, meta and events of every device,
 * validated (ingest dead-letters what fails), and alarms for the roll-ups.
 */
@Controller()
export class TelemetryConsumer {
  /** Messages the live view refused (ingest dead-letters them with the reason). */
  refused = 0;

  constructor(
    @Inject(LiveHub) private readonly hub: LiveHub,
    @Inject(LiveRollups) private readonly rollups: LiveRollups,
    @Inject(PlantIndex) private readonly plant: PlantIndex,
  ) {}

  @DeviceMessages(classFilter('telemetry'))
  onTelemetry(data: unknown, ctx: MqttContext): void {
    const message = this.take(data, ctx);
    if (message) this.rollups.book.factsOf(message.device).onTelemetry(message.ts, Date.now());
  }

  @DeviceMessages(classFilter('state', 'none'))
  onState(data: unknown, ctx: MqttContext): void {
    const message = this.take(data, ctx);
    if (message) this.rollups.book.factsOf(message.device).onState(message.v, message.ts);
  }

  @DeviceMessages(classFilter('meta', 'none'))
  onMeta(data: unknown, ctx: MqttContext): void {
    this.take(data, ctx);
  }

  @DeviceMessages(classFilter('event', 'none'))
  onEvent(data: unknown, ctx: MqttContext): void {
    const message = this.take(data, ctx);
    if (message) this.rollups.book.factsOf(message.device).onEvent(message.v, message.ts, Date.now());
  }

  /** Alarm transitions (devices' own and the alarms service's), read leniently for badges. */
  @DeviceMessages(classFilter('alarm'))
  onAlarm(data: unknown, ctx: MqttContext): void {
    try {
      const device = this.plant.device(parseTopic(ctx.getTopic()).deviceKey);
      if (device && ctx.getPacket().payload.length <= MAX_LIVE_PAYLOAD_BYTES) this.rollups.alarms.take(device.key, data);
    } catch {
      this.refused++;
    }
  }

  private take(data: unknown, ctx: MqttContext): { device: string; ts: number; v: Readonly<Record<string, unknown>> } | undefined {
    const result = validateMessage(this.plant, ctx.getTopic(), data, ctx.getPacket().payload.length, MAX_LIVE_PAYLOAD_BYTES);
    if (!result.ok) {
      this.refused++;
      return undefined;
    }
    this.hub.update(result.topic, result.envelope);
    return { device: result.device.key, ts: result.envelope.ts, v: result.envelope.v };
  }
}
