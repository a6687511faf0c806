import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, MqttContext, Payload, RpcException } from '@nestjs/microservices';
import { DeviceMessages } from '@plantwatch/platform';
import {
  ALARM_SVC_TOPICS,
  alarmAckRequest,
  alarmAuditRequest,
  alarmCommentRequest,
  alarmHistoryRequest,
  alarmKpiRequest,
  alarmListRequest,
  alarmOutOfServiceRequest,
  alarmResetRequest,
  alarmRulesGetRequest,
  alarmRulesPutRequest,
  alarmShelveRequest,
  alarmUnshelveRequest,
  classFilter,
  type AlarmAuditEntry,
  type AlarmRuleFile,
  type AlarmView,
} from '@plantwatch/contracts';
import type { AlarmKpis } from '@plantwatch/domain';
import type { z } from 'zod';
import { AlarmService, AlarmServiceError } from '../alarm.service.js';

function parse<S extends z.ZodType>(schema: S, request: unknown): z.infer<S> {
  const result = schema.safeParse(request);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new RpcException({ code: 'BAD_REQUEST', message: issue ? `${issue.path.join('.')}: ${issue.message}` : 'bad request' });
}

/** Maps the service's coded errors to the RPC error the api turns into HTTP. */
function answer<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof AlarmServiceError) throw new RpcException({ code: error.code, message: error.message });
    throw error;
  }
}

/**
 * One handler per message kind (STYLE.md §1): device telemetry, state and events feed the
 * engine; `svc/v1/alarms/*` requests from the api are answered (MQTT request/response).
 */
@Controller()
export class AlarmsController {
  constructor(@Inject(AlarmService) private readonly service: AlarmService) {}

  @DeviceMessages(classFilter('telemetry'))
  onTelemetry(data: unknown, ctx: MqttContext): void {
    this.take(data, ctx);
  }

  @DeviceMessages(classFilter('state', 'none'))
  onState(data: unknown, ctx: MqttContext): void {
    this.take(data, ctx);
  }

  @DeviceMessages(classFilter('event', 'none'))
  onEvent(data: unknown, ctx: MqttContext): void {
    this.take(data, ctx);
  }

  @MessagePattern(ALARM_SVC_TOPICS.list)
  list(@Payload() request: unknown): AlarmView[] {
    return this.service.list(parse(alarmListRequest, request ?? {}));
  }

  @MessagePattern(ALARM_SVC_TOPICS.history)
  history(@Payload() request: unknown): AlarmView[] {
    return this.service.historyOf(parse(alarmHistoryRequest, request));
  }

  @MessagePattern(ALARM_SVC_TOPICS.kpi)
  kpi(@Payload() request: unknown): AlarmKpis {
    const r = parse(alarmKpiRequest, request);
    return this.service.kpis(r.from, r.to);
  }

  @MessagePattern(ALARM_SVC_TOPICS.audit)
  audit(@Payload() request: unknown): AlarmAuditEntry[] {
    const r = parse(alarmAuditRequest, request);
    return this.service.audit(r.from, r.to, r.limit);
  }

  @MessagePattern(ALARM_SVC_TOPICS.ack)
  ack(@Payload() request: unknown): AlarmView {
    const r = parse(alarmAckRequest, request);
    return answer(() => this.service.act('ack', r, r.note, (e, now) => e.acknowledge(r.id, r.user, now, r.note)));
  }

  @MessagePattern(ALARM_SVC_TOPICS.shelve)
  shelve(@Payload() request: unknown): AlarmView {
    const r = parse(alarmShelveRequest, request);
    return answer(() => this.service.act('shelve', r, `${Math.round(r.durationMs / 60_000)} min: ${r.reason}`, (e, now) => e.shelve(r.id, r.user, now + r.durationMs, r.reason, now)));
  }

  @MessagePattern(ALARM_SVC_TOPICS.unshelve)
  unshelve(@Payload() request: unknown): AlarmView {
    const r = parse(alarmUnshelveRequest, request);
    return answer(() => this.service.act('unshelve', r, r.note, (e, now) => e.unshelve(r.id, r.user, now, r.note)));
  }

  @MessagePattern(ALARM_SVC_TOPICS.comment)
  comment(@Payload() request: unknown): AlarmView {
    const r = parse(alarmCommentRequest, request);
    return answer(() => this.service.act('comment', r, r.text, (e, now) => e.comment(r.id, r.user, r.text, now)));
  }

  @MessagePattern(ALARM_SVC_TOPICS.reset)
  reset(@Payload() request: unknown): AlarmView {
    const r = parse(alarmResetRequest, request);
    return answer(() => this.service.act('reset', r, r.note, (e, now) => e.reset(r.id, r.user, now, r.note)));
  }

  @MessagePattern(ALARM_SVC_TOPICS.outOfService)
  outOfService(@Payload() request: unknown): AlarmView {
    const r = parse(alarmOutOfServiceRequest, request);
    return answer(() => this.service.act(r.outOfService ? 'out-of-service' : 'in-service', r, r.reason, (e, now) => e.setOutOfService(r.id, r.user, r.outOfService, r.reason, now)));
  }

  @MessagePattern(ALARM_SVC_TOPICS.rulesGet)
  rules(@Payload() request: unknown): AlarmRuleFile[] {
    return this.service.ruleFiles(parse(alarmRulesGetRequest, request ?? {}).deviceType);
  }

  @MessagePattern(ALARM_SVC_TOPICS.rulesPut)
  putRules(@Payload() request: unknown): AlarmRuleFile {
    const r = parse(alarmRulesPutRequest, request);
    return answer(() => this.service.putRules(r.file, r.user, r.reason, r.expiresAt));
  }

  private take(data: unknown, ctx: MqttContext): void {
    this.service.onMessage(ctx.getTopic(), data, ctx.getPacket().payload.length);
  }
}
