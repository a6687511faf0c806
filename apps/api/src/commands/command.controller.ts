import { Body, Controller, Get, Inject, Post, Query, Req } from '@nestjs/common';
import { Ctx, EventPattern, MqttContext, Payload } from '@nestjs/microservices';
import { classFilter, commandCreateRequest, type CommandAck, type CommandRecord, type Operator } from '@plantwatch/contracts';
import { PlantIndex, validateMessage } from '@plantwatch/domain';
import type { AuthedRequest } from '../auth/auth.options.js';
import { MinRole } from '../auth/roles.decorator.js';
import { parseBody } from '../http/zod-body.js';
import { CommandService } from './command.service.js';

/**
 * `POST /api/commands` (operator or higher) sends a command; `GET /api/commands?device=…`
 * lists recent ones with their lifecycle. Device answers arrive over MQTT on `…/cmd/+/res`.
 */
@Controller('api/commands')
export class CommandController {
  constructor(
    @Inject(CommandService) private readonly commands: CommandService,
    @Inject(PlantIndex) private readonly plant: PlantIndex,
  ) {}

  @Post()
  @MinRole('operator')
  issue(@Body() body: unknown, @Req() req: AuthedRequest): Promise<CommandRecord> {
    return this.commands.issue(parseBody(commandCreateRequest, body), req.operator as Operator);
  }

  @Get()
  list(@Query('device') device?: string, @Query('limit') limit?: string): CommandRecord[] {
    const n = Math.min(500, Math.max(1, Number(limit ?? 50) || 50));
    return this.commands.list({ ...(device === undefined ? {} : { device }), limit: n });
  }

  @EventPattern<string>(classFilter('cmd', ['+', 'res']))
  onAnswer(@Payload() data: unknown, @Ctx() ctx: MqttContext): void {
    const result = validateMessage(this.plant, ctx.getTopic(), data, ctx.getPacket().payload.length, 64 * 1024);
    if (!result.ok) return;
    this.commands.onAck(result.device.key, result.topic.sub[0] ?? '', result.envelope as unknown as CommandAck);
  }
}
