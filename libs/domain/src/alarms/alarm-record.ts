import type { AlarmEvent, AlarmSeverity, AlarmState, AlarmValues } from '@plantwatch/contracts';

/**
 * One alarm's lifecycle record (ANSI/ISA-18.2 "Management of Alarm Systems for the Process
 * Industries", alarm state transition diagram). Plain data: persisted as JSON and restored
 * after a restart. The visible state is derived from the flags, never stored on its own.
 */
export interface AlarmRecord {
  readonly id: string;
  readonly device: string;
  readonly rule: string;
  readonly code: string;
  readonly sev: AlarmSeverity;
  readonly prio?: number;
  readonly src: string;
  readonly msg: string;
  readonly msgZh?: string;
  /** The filtered condition (after on-/off-delays). */
  condition: boolean;
  /** Alarm active: the condition, or held by a latch until reset. */
  active: boolean;
  latchHold: boolean;
  acked: boolean;
  oos: boolean;
  shelvedUntil?: number;
  /** Suppressed by design: root-cause alarm id or `mode:{mode}`. */
  cause?: string;
  activeSince?: number;
  /** Escalation counts from here (raise, or re-annunciation after shelving/suppression). */
  escBase?: number;
  esc: number;
  owner?: string;
  assignee?: string;
  val?: number | boolean | string | null;
  lim?: number | null;
  /** The last visible state published. */
  state: AlarmState;
  lastChange: number;
  comments: { ts: number; user: string; text: string }[];
}

/** The ISA-18.2 state the flags amount to; out-of-service beats shelved beats suppressed. */
export function deriveState(record: AlarmRecord): AlarmState {
  if (record.oos) return 'out_of_service';
  if (record.shelvedUntil !== undefined) return 'shelved';
  if (record.cause !== undefined) return 'suppressed';
  if (record.active) return record.acked ? 'active_ack' : 'active_unack';
  return record.acked ? 'normal' : 'rtn_unack';
}

/** Whether the alarm is annunciated to an operator (not shelved, suppressed or out of service). */
export function isAnnunciated(state: AlarmState): boolean {
  return state === 'active_unack' || state === 'active_ack' || state === 'rtn_unack';
}

/** A record that is back to normal with nothing pending can be forgotten (history keeps it). */
export function isDormant(record: AlarmRecord): boolean {
  return deriveState(record) === 'normal' && !record.condition;
}

/** One published transition: the record's values as they are after it. */
export interface AlarmChange {
  readonly device: string;
  readonly ts: number;
  readonly seq: number;
  readonly values: AlarmValues;
}

/** The `alarm` payload values of a record after `event` (domain.md §3.4). */
export function toValues(record: AlarmRecord, event: AlarmEvent, extra: { readonly user?: string; readonly note?: string } = {}): AlarmValues {
  const optional = {
    prio: record.prio,
    msgZh: record.msgZh,
    val: record.val,
    lim: record.lim,
    owner: record.owner,
    assignee: record.assignee,
    latched: record.latchHold ? true : undefined,
    cause: record.cause,
    shelvedUntil: record.shelvedUntil,
    activeSince: record.active ? record.activeSince : undefined,
    user: extra.user,
    note: extra.note?.slice(0, 256),
  };
  const values: Record<string, unknown> = { id: record.id, code: record.code, sev: record.sev, state: record.state, event, rule: record.rule, src: record.src, msg: record.msg, esc: record.esc };
  for (const [name, value] of Object.entries(optional)) if (value !== undefined) values[name] = value;
  return values as AlarmValues;
}
