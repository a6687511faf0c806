import { z } from 'zod';
import { plainText } from './common.schemas.js';
import { envelope, epochMs } from './envelope.js';

/**
 * The `alarm` class (domain.md §3.2, §3.4): one message per alarm state transition, QoS 1, not
 * retained, published by the alarms service on the device's own topic
 * `uns/v1/{device key}/alarm`. States follow ANSI/ISA-18.2 "Management of Alarm Systems for the
 * Process Industries": normal → active_unack → active_ack / rtn_unack → normal, plus the
 * operator- and design-driven states shelved, suppressed (by design) and out_of_service.
 */
export const ALARM_STATES = ['normal', 'active_unack', 'active_ack', 'rtn_unack', 'shelved', 'suppressed', 'out_of_service'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];

/** domain.md §3.4 `sev`. */
export const ALARM_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];

/** What happened to the alarm in this message (one transition or annotation). */
export const ALARM_EVENTS = ['raise', 'clear', 'ack', 'shelve', 'unshelve', 'suppress', 'unsuppress', 'out_of_service', 'in_service', 'reset', 'escalate', 'comment'] as const;
export type AlarmEvent = (typeof ALARM_EVENTS)[number];

/** `{device key}/{rule id}[.{element}]`, e.g. `jytd/yq-baiquan/firing/tk03/controller/plc/tc-open.17`. */
export const alarmId = z.string().regex(/^[a-z0-9_][a-z0-9_./-]{0,199}$/, 'alarm ids are `{device key}/{rule id}[.{element}]`');
/** Alarm codes of the fault tables (domain.md §2.1.9, §2.3.8, §2.4.6, §2.5.7): `BURNER_FLAME_FAIL`. */
export const alarmCode = z.string().regex(/^[A-Z][A-Z0-9_]{0,39}$/, 'alarm codes are UPPER_SNAKE_CASE');
/** 1 = most urgent (ISA-18.2 priority; EEMUA 191 suggests about 5 % / 15 % / 80 % high/medium/low). */
export const alarmPriority = z.int().min(1).max(4);

/** The value that tripped the alarm: a reading, a discrete state, or null (bad/no value). */
export const alarmReading = z.union([z.number(), z.boolean(), plainText(64), z.null()]);

export const alarmValues = z.strictObject({
  id: alarmId,
  code: alarmCode,
  sev: z.enum(ALARM_SEVERITIES),
  prio: alarmPriority.optional(),
  state: z.enum(ALARM_STATES),
  event: z.enum(ALARM_EVENTS).optional(),
  /** The rule (`tc-open`) and the signal (`telemetry/profile:t.17`) behind the alarm. */
  rule: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/).optional(),
  src: plainText(128),
  val: alarmReading.optional(),
  lim: z.number().nullable().optional(),
  msg: plainText(256),
  msgZh: plainText(128).optional(),
  /** Operator position on shift (`shift-a.kiln-operator`) and the person it is with now. */
  owner: plainText(64).optional(),
  assignee: plainText(64).optional(),
  /** Escalation level: 0 = owner, 1… = next persons (domain.md §3.8: 5/15/30 min). */
  esc: z.int().min(0).max(16),
  /** Latched alarms stay active after the condition clears until reset (ISA-18.2). */
  latched: z.boolean().optional(),
  /** Why it is suppressed: the root-cause alarm id, or `mode:{mode}` (suppressed by design). */
  cause: plainText(220).optional(),
  shelvedUntil: epochMs.optional(),
  activeSince: epochMs.optional(),
  /** Who made an operator transition, and the reason or comment text. */
  user: plainText(64).optional(),
  note: plainText(256).optional(),
});

/** The `alarm` payload (domain.md §3.4) in the common envelope; `seq` counts per device topic. */
export const alarmMessage = envelope(alarmValues);

export type AlarmValues = z.infer<typeof alarmValues>;
export type AlarmMessage = z.infer<typeof alarmMessage>;
