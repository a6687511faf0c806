import { z } from 'zod';
import { alarmCode, alarmId, ALARM_SEVERITIES, ALARM_STATES, type AlarmValues } from '../payload/alarm.schemas.js';
import { plainText } from '../payload/common.schemas.js';
import { epochMs } from '../payload/envelope.js';
import { alarmRuleFile } from './alarm-rules.js';

export * from './alarm-rules.js';

/**
 * Request/response between the api and the alarms service over MQTT (@nestjs/microservices
 * `ClientProxy.send` → `@MessagePattern`). The alarms service owns alarm state: the api only asks.
 * Every change carries the operator (`user`) and is audit-logged; a request past `expiresAt`
 * is refused, so a request that waited in a persistent session never acts late.
 */
export const ALARM_SVC_TOPICS = {
  list: 'svc/v1/alarms/list',
  history: 'svc/v1/alarms/history',
  kpi: 'svc/v1/alarms/kpi',
  audit: 'svc/v1/alarms/audit',
  ack: 'svc/v1/alarms/ack',
  shelve: 'svc/v1/alarms/shelve',
  unshelve: 'svc/v1/alarms/unshelve',
  comment: 'svc/v1/alarms/comment',
  reset: 'svc/v1/alarms/reset',
  outOfService: 'svc/v1/alarms/out-of-service',
  rulesGet: 'svc/v1/alarms/rules/get',
  rulesPut: 'svc/v1/alarms/rules/put',
} as const;

/** Error codes the alarms service answers with (mapped to HTTP by the api). */
export const ALARM_ERROR_CODES = ['BAD_REQUEST', 'NOT_FOUND', 'INVALID_TRANSITION', 'EXPIRED'] as const;
export type AlarmErrorCode = (typeof ALARM_ERROR_CODES)[number];

const user = plainText(64).min(1);
const mutation = { id: alarmId, user, expiresAt: epochMs.optional() };

export const alarmListRequest = z.strictObject({
  /** `active`: everything not normal (default); `all` adds nothing else — alarms in normal are history. */
  states: z.array(z.enum(ALARM_STATES)).max(7).optional(),
  /** Hierarchy node key prefix (`jytd/yq-baiquan/firing`). */
  node: z.string().max(200).optional(),
  sev: z.array(z.enum(ALARM_SEVERITIES)).max(4).optional(),
  code: alarmCode.optional(),
  limit: z.int().min(1).max(5_000).optional(),
});
export const alarmHistoryRequest = z
  .strictObject({ from: epochMs, to: epochMs, node: z.string().max(200).optional(), code: alarmCode.optional(), id: alarmId.optional(), limit: z.int().min(1).max(10_000).optional() })
  .refine((r) => r.from < r.to, { message: '`from` must be before `to`', path: ['from'] });
export const alarmKpiRequest = z.strictObject({ from: epochMs, to: epochMs }).refine((r) => r.from < r.to, { message: '`from` must be before `to`', path: ['from'] });
export const alarmAuditRequest = z.strictObject({ from: epochMs, to: epochMs, limit: z.int().min(1).max(10_000).optional() });
export const alarmAckRequest = z.strictObject({ ...mutation, note: plainText(256).optional() });
export const alarmShelveRequest = z.strictObject({ ...mutation, durationMs: z.int().min(60_000).max(7 * 86_400_000), reason: plainText(256).min(1) });
export const alarmUnshelveRequest = z.strictObject({ ...mutation, note: plainText(256).optional() });
export const alarmCommentRequest = z.strictObject({ ...mutation, text: plainText(256).min(1) });
export const alarmResetRequest = z.strictObject({ ...mutation, note: plainText(256).optional() });
export const alarmOutOfServiceRequest = z.strictObject({ ...mutation, outOfService: z.boolean(), reason: plainText(256).min(1) });
export const alarmRulesGetRequest = z.strictObject({ deviceType: z.string().max(32).optional() });
export const alarmRulesPutRequest = z.strictObject({ user, reason: plainText(256).min(1), file: alarmRuleFile, expiresAt: epochMs.optional() });

export type AlarmListRequest = z.infer<typeof alarmListRequest>;
export type AlarmHistoryRequest = z.infer<typeof alarmHistoryRequest>;
export type AlarmKpiRequest = z.infer<typeof alarmKpiRequest>;
export type AlarmAuditRequest = z.infer<typeof alarmAuditRequest>;
export type AlarmAckRequest = z.infer<typeof alarmAckRequest>;
export type AlarmShelveRequest = z.infer<typeof alarmShelveRequest>;
export type AlarmUnshelveRequest = z.infer<typeof alarmUnshelveRequest>;
export type AlarmCommentRequest = z.infer<typeof alarmCommentRequest>;
export type AlarmResetRequest = z.infer<typeof alarmResetRequest>;
export type AlarmOutOfServiceRequest = z.infer<typeof alarmOutOfServiceRequest>;
export type AlarmRulesPutRequest = z.infer<typeof alarmRulesPutRequest>;

/** One alarm as the api lists it: the last published values plus its device and time. */
export interface AlarmView extends AlarmValues {
  readonly device: string;
  readonly ts: number;
  readonly comments?: readonly { readonly ts: number; readonly user: string; readonly text: string }[];
}

/** One line of the audit log: who did what to which alarm or rule file, and why. */
export interface AlarmAuditEntry {
  readonly ts: number;
  readonly user: string;
  readonly action: string;
  readonly target: string;
  readonly detail?: string;
}
