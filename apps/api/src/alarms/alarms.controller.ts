import { BadRequestException, Body, Controller, Get, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ALARM_SVC_TOPICS, ALARM_SEVERITIES, ALARM_STATES, alarmRuleFile, type AlarmAuditEntry, type AlarmRuleFile, type AlarmView, type Operator } from '@plantwatch/contracts';
import type { AlarmKpis } from '@plantwatch/domain';
import { z } from 'zod';
import { CurrentOperator, MinRole } from '../auth/roles.decorator.js';
import { parseTime } from '../history/query-params.js';
import { AlarmsClient } from './alarms.client.js';

const text = (max: number) => z.string().min(1).max(max);
const ackBody = z.strictObject({ note: z.string().max(256).optional() });
const shelveBody = z.strictObject({ minutes: z.number().int().min(1).max(7 * 1440), reason: text(256) });
const commentBody = z.strictObject({ text: text(256) });
const oosBody = z.strictObject({ outOfService: z.boolean(), reason: text(256) });
const rulesBody = z.strictObject({ reason: text(256), file: alarmRuleFile });

function parse<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new BadRequestException(issue ? `${issue.path.join('.') || 'body'}: ${issue.message}` : 'bad request body');
}

const list = (value: string | undefined): string[] | undefined => (value === undefined || value === '' ? undefined : value.split(','));
const userOf = (operator: Operator | undefined): string => operator?.username ?? 'anonymous';

/**
 * Alarms REST (the alarms service owns the state; this asks it over MQTT):
 * `GET /api/alarms` current, `GET /api/alarms/history`, `GET /api/alarms/kpi`,
 * `POST /api/alarms/{id}/ack|shelve|unshelve|comment|reset` (operator), `…/out-of-service` and
 * `PUT /api/alarms/rules/{type}` (engineer), `GET /api/alarms/rules`, `GET /api/alarms/audit`.
 * Alarm ids contain slashes: send them URL-encoded (`encodeURIComponent`).
 */
@Controller('api/alarms')
export class AlarmsController {
  constructor(@Inject(AlarmsClient) private readonly alarms: AlarmsClient) {}

  @Get()
  current(@Query() q: Record<string, string | undefined>): Promise<AlarmView[]> {
    const states = list(q['state']);
    const sev = list(q['sev']);
    if (states?.some((s) => !(ALARM_STATES as readonly string[]).includes(s))) throw new BadRequestException(`state must be among ${ALARM_STATES.join(', ')}`);
    if (sev?.some((s) => !(ALARM_SEVERITIES as readonly string[]).includes(s))) throw new BadRequestException(`sev must be among ${ALARM_SEVERITIES.join(', ')}`);
    return this.alarms.ask(ALARM_SVC_TOPICS.list, { ...(states ? { states } : {}), ...(sev ? { sev } : {}), ...(q['node'] ? { node: q['node'] } : {}), ...(q['code'] ? { code: q['code'] } : {}), ...(q['limit'] ? { limit: Number(q['limit']) } : {}) });
  }

  @Get('history')
  history(@Query() q: Record<string, string | undefined>): Promise<AlarmView[]> {
    const to = parseTime(q['to'], Date.now(), 'to');
    const from = parseTime(q['from'], to - 86_400_000, 'from');
    return this.alarms.ask(ALARM_SVC_TOPICS.history, { from, to, ...(q['node'] ? { node: q['node'] } : {}), ...(q['code'] ? { code: q['code'] } : {}), ...(q['id'] ? { id: q['id'] } : {}), ...(q['limit'] ? { limit: Number(q['limit']) } : {}) });
  }

  @Get('kpi')
  kpi(@Query('from') fromText?: string, @Query('to') toText?: string): Promise<AlarmKpis> {
    const to = parseTime(toText, Date.now(), 'to');
    return this.alarms.ask(ALARM_SVC_TOPICS.kpi, { from: parseTime(fromText, to - 86_400_000, 'from'), to });
  }

  @Get('audit')
  audit(@Query('from') fromText?: string, @Query('to') toText?: string): Promise<AlarmAuditEntry[]> {
    const to = parseTime(toText, Date.now(), 'to');
    return this.alarms.ask(ALARM_SVC_TOPICS.audit, { from: parseTime(fromText, to - 7 * 86_400_000, 'from'), to });
  }

  @Get('rules')
  rules(@Query('type') deviceType?: string): Promise<AlarmRuleFile[]> {
    return this.alarms.ask(ALARM_SVC_TOPICS.rulesGet, deviceType === undefined ? {} : { deviceType });
  }

  @Put('rules/:type')
  @MinRole('engineer')
  putRules(@Param('type') deviceType: string, @Body() body: unknown, @CurrentOperator() operator?: Operator): Promise<AlarmRuleFile> {
    const { reason, file } = parse(rulesBody, body);
    if (file.deviceType !== deviceType) throw new BadRequestException(`file.deviceType must be ${deviceType}`);
    return this.alarms.ask(ALARM_SVC_TOPICS.rulesPut, { user: userOf(operator), reason, file, expiresAt: AlarmsClient.expiresAt() });
  }

  @Post(':id/ack')
  @MinRole('operator')
  ack(@Param('id') id: string, @Body() body: unknown, @CurrentOperator() operator?: Operator): Promise<AlarmView> {
    const { note } = parse(ackBody, body);
    return this.mutate(ALARM_SVC_TOPICS.ack, id, operator, note === undefined ? {} : { note });
  }

  @Post(':id/shelve')
  @MinRole('operator')
  shelve(@Param('id') id: string, @Body() body: unknown, @CurrentOperator() operator?: Operator): Promise<AlarmView> {
    const { minutes, reason } = parse(shelveBody, body);
    return this.mutate(ALARM_SVC_TOPICS.shelve, id, operator, { durationMs: minutes * 60_000, reason });
  }

  @Post(':id/unshelve')
  @MinRole('operator')
  unshelve(@Param('id') id: string, @Body() body: unknown, @CurrentOperator() operator?: Operator): Promise<AlarmView> {
    const { note } = parse(ackBody, body);
    return this.mutate(ALARM_SVC_TOPICS.unshelve, id, operator, note === undefined ? {} : { note });
  }

  @Post(':id/comment')
  @MinRole('operator')
  comment(@Param('id') id: string, @Body() body: unknown, @CurrentOperator() operator?: Operator): Promise<AlarmView> {
    return this.mutate(ALARM_SVC_TOPICS.comment, id, operator, parse(commentBody, body));
  }

  @Post(':id/reset')
  @MinRole('operator')
  reset(@Param('id') id: string, @Body() body: unknown, @CurrentOperator() operator?: Operator): Promise<AlarmView> {
    const { note } = parse(ackBody, body);
    return this.mutate(ALARM_SVC_TOPICS.reset, id, operator, note === undefined ? {} : { note });
  }

  @Post(':id/out-of-service')
  @MinRole('engineer')
  outOfService(@Param('id') id: string, @Body() body: unknown, @CurrentOperator() operator?: Operator): Promise<AlarmView> {
    return this.mutate(ALARM_SVC_TOPICS.outOfService, id, operator, parse(oosBody, body));
  }

  private mutate(pattern: string, id: string, operator: Operator | undefined, extra: Record<string, unknown>): Promise<AlarmView> {
    return this.alarms.ask(pattern, { id, user: userOf(operator), expiresAt: AlarmsClient.expiresAt(), ...extra });
  }
}
