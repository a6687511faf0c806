import type { AlarmEvent } from '@plantwatch/contracts';
import { AlarmCommandError } from './alarm-errors.js';
import { deriveState, isDormant, toValues, type AlarmChange, type AlarmRecord } from './alarm-record.js';
import { assigneeAt, escalationLevel, ownershipAt, type Roster } from './roster.js';

/** What the book needs to create a record the first time its condition comes. */
export interface AlarmOrigin {
  readonly id: string;
  readonly device: string;
  readonly rule: string;
  readonly code: string;
  readonly sev: AlarmRecord['sev'];
  readonly prio?: number;
  readonly src: string;
  readonly msg: string;
  readonly msgZh?: string;
  readonly latched: boolean;
}

/** Everything a step changed: published transitions, and records to persist or forget. */
export interface BookDrain {
  readonly changes: readonly AlarmChange[];
  readonly dirty: readonly AlarmRecord[];
  readonly removed: readonly string[];
  /** Last `seq` per device whose alarm topic got a message. */
  readonly seq: Readonly<Record<string, number>>;
}

/** What most messages drain: nothing (shared, frozen: no allocation per message). */
const NOTHING_DRAINED: BookDrain = Object.freeze({ changes: Object.freeze([]), dirty: Object.freeze([]), removed: Object.freeze([]), seq: Object.freeze({}) });

export interface BookSnapshot {
  readonly records: readonly AlarmRecord[];
  readonly seq: Readonly<Record<string, number>>;
}

type Extra = { readonly user?: string; readonly note?: string };

/**
 * The alarm records and their ANSI/ISA-18.2 transitions: condition raise/clear, acknowledge,
 * shelve (with expiry), suppression by design and by root cause, out-of-service, latch reset,
 * comments, and escalation of unacknowledged alarms (domain.md §3.8). Pure: time comes in as
 * arguments, and every step's transitions are collected for the caller to publish and persist.
 */
export class AlarmBook {
  private readonly records = new Map<string, AlarmRecord>();
  private readonly seq = new Map<string, number>();
  private changes: AlarmChange[] = [];
  private readonly dirty = new Map<string, AlarmRecord>();
  private removed = new Set<string>();
  private seqTouched = new Set<string>();

  constructor(
    private readonly causeOf: (record: AlarmRecord) => string | undefined,
    private roster: Roster | undefined,
  ) {}

  setRoster(roster: Roster | undefined): void {
    this.roster = roster;
  }

  get(id: string): AlarmRecord | undefined {
    return this.records.get(id);
  }

  all(): IterableIterator<AlarmRecord> {
    return this.records.values();
  }

  /** The filtered condition of an alarm became true (after its on-delay). */
  raise(origin: AlarmOrigin, now: number, info: Pick<AlarmRecord, 'val' | 'lim'>): void {
    const record = this.records.get(origin.id) ?? this.create(origin, now);
    record.val = info.val;
    record.lim = info.lim;
    if (record.condition) return this.touch(record);
    record.condition = true;
    if (origin.latched) record.latchHold = true;
    if (record.active) return this.touch(record);
    Object.assign(record, { active: true, acked: false, activeSince: now, escBase: now, esc: 0 });
    this.assignOwner(record, now);
    delete record.cause; // a cause left from an earlier episode decides nothing about this one
    const cause = this.causeOf(record);
    if (cause !== undefined) record.cause = cause;
    this.publish(record, 'raise', now);
  }

  /** The filtered condition of an alarm became false (after its off-delay). */
  clear(id: string, now: number): void {
    const record = this.records.get(id);
    if (!record?.condition) return;
    record.condition = false;
    if (record.latchHold) return this.touch(record);
    record.active = false;
    // An alarm that returns while not annunciated needs no acknowledgement.
    if (record.oos || record.shelvedUntil !== undefined || record.cause !== undefined) record.acked = true;
    this.publish(record, 'clear', now);
  }

  acknowledge(id: string, user: string, now: number, note?: string): AlarmRecord {
    const record = this.require(id);
    const state = deriveState(record);
    if (state !== 'active_unack' && state !== 'rtn_unack') throw new AlarmCommandError('INVALID_TRANSITION', `alarm ${id} is ${state}: nothing to acknowledge`);
    record.acked = true;
    return this.publish(record, 'ack', now, { user, note });
  }

  shelve(id: string, user: string, until: number, reason: string, now: number): AlarmRecord {
    const record = this.require(id);
    if (record.oos) throw new AlarmCommandError('INVALID_TRANSITION', `alarm ${id} is out of service`);
    record.shelvedUntil = until;
    return this.publish(record, 'shelve', now, { user, note: reason });
  }

  unshelve(id: string, user: string, now: number, note?: string): AlarmRecord {
    const record = this.require(id);
    if (record.shelvedUntil === undefined) throw new AlarmCommandError('INVALID_TRANSITION', `alarm ${id} is not shelved`);
    delete record.shelvedUntil;
    this.reannunciate(record, now);
    return this.publish(record, 'unshelve', now, { user, note });
  }

  /** Resets a latched alarm whose condition has gone. */
  reset(id: string, user: string, now: number, note?: string): AlarmRecord {
    const record = this.require(id);
    if (!record.latchHold) throw new AlarmCommandError('INVALID_TRANSITION', `alarm ${id} is not latched`);
    if (record.condition) throw new AlarmCommandError('INVALID_TRANSITION', `alarm ${id}: the condition is still present`);
    record.latchHold = false;
    record.active = false;
    return this.publish(record, 'reset', now, { user, note });
  }

  setOutOfService(id: string, user: string, outOfService: boolean, reason: string, now: number): AlarmRecord {
    const record = this.require(id);
    if (record.oos === outOfService) throw new AlarmCommandError('INVALID_TRANSITION', `alarm ${id} is already ${outOfService ? 'out of' : 'in'} service`);
    record.oos = outOfService;
    if (!outOfService) this.reannunciate(record, now);
    return this.publish(record, outOfService ? 'out_of_service' : 'in_service', now, { user, note: reason });
  }

  comment(id: string, user: string, text: string, now: number): AlarmRecord {
    const record = this.require(id);
    record.comments.push({ ts: now, user, text });
    if (record.comments.length > 20) record.comments.shift();
    return this.publish(record, 'comment', now, { user, note: text });
  }

  /** Time-driven transitions: shelf time expiry, escalation of unacknowledged alarms. */
  tick(now: number): void {
    for (const record of [...this.records.values()]) {
      if (record.shelvedUntil !== undefined && record.shelvedUntil <= now) this.unshelve(record.id, 'system', now, 'shelf time expired');
      else this.escalate(record, now);
    }
  }

  /** Re-evaluates the suppression cause of the records `affected` selects. */
  refreshCauses(affected: (record: AlarmRecord) => boolean, now: number): void {
    for (const record of [...this.records.values()]) {
      if (!affected(record)) continue;
      const cause = this.causeOf(record);
      if (cause === record.cause) continue;
      const was = record.cause;
      if (cause === undefined) delete record.cause;
      else record.cause = cause;
      if (was !== undefined && cause !== undefined) this.touch(record);
      else if (cause !== undefined) this.publish(record, 'suppress', now, { note: cause });
      else {
        this.reannunciate(record, now);
        this.publish(record, 'unsuppress', now, { note: was });
      }
    }
  }

  drain(): BookDrain {
    if (this.changes.length === 0 && this.dirty.size === 0 && this.removed.size === 0 && this.seqTouched.size === 0) return NOTHING_DRAINED;
    const seq: Record<string, number> = {};
    for (const device of this.seqTouched) seq[device] = this.seq.get(device) ?? 0;
    const drained = { changes: this.changes, dirty: [...this.dirty.values()], removed: [...this.removed], seq };
    this.changes = [];
    this.dirty.clear();
    this.removed = new Set();
    this.seqTouched = new Set();
    return drained;
  }

  snapshot(): BookSnapshot {
    return { records: [...this.records.values()].map((r) => structuredClone(r)), seq: Object.fromEntries(this.seq) };
  }

  restore(snapshot: BookSnapshot): void {
    this.records.clear();
    for (const record of snapshot.records) this.records.set(record.id, structuredClone(record));
    this.seq.clear();
    for (const [device, n] of Object.entries(snapshot.seq)) this.seq.set(device, n);
  }

  private escalate(record: AlarmRecord, now: number): void {
    if (this.roster === undefined || deriveState(record) !== 'active_unack' || record.escBase === undefined) return;
    const level = escalationLevel(this.roster, record.sev, record.escBase, now);
    if (level <= record.esc) return;
    record.esc = level;
    const people = ownershipAt(this.roster, record.device, record.escBase)?.people ?? [];
    const assignee = assigneeAt(people, level);
    if (assignee !== undefined) record.assignee = assignee;
    this.publish(record, 'escalate', now);
  }

  private assignOwner(record: AlarmRecord, now: number): void {
    const ownership = this.roster === undefined ? undefined : ownershipAt(this.roster, record.device, now);
    if (ownership === undefined) return;
    record.owner = ownership.owner;
    const assignee = assigneeAt(ownership.people, 0);
    if (assignee !== undefined) record.assignee = assignee;
  }

  /** Back from shelving/suppression/out-of-service: an active unacknowledged alarm is annunciated afresh. */
  private reannunciate(record: AlarmRecord, now: number): void {
    if (!record.active) {
      record.acked = true;
      return;
    }
    if (!record.acked) {
      record.escBase = now;
      record.esc = 0;
      this.assignOwner(record, now);
    }
  }

  private create(origin: AlarmOrigin, now: number): AlarmRecord {
    const rest: { -readonly [K in keyof AlarmOrigin]?: AlarmOrigin[K] } = { ...origin };
    delete rest.latched;
    const record: AlarmRecord = { ...(rest as Omit<AlarmOrigin, 'latched'>), condition: false, active: false, latchHold: false, acked: true, oos: false, esc: 0, state: 'normal', lastChange: now, comments: [] };
    this.records.set(record.id, record);
    return record;
  }

  private require(id: string): AlarmRecord {
    const record = this.records.get(id);
    if (record === undefined) throw new AlarmCommandError('NOT_FOUND', `no alarm ${id}`);
    return record;
  }

  private touch(record: AlarmRecord): void {
    this.dirty.set(record.id, record);
  }

  private publish(record: AlarmRecord, event: AlarmEvent, now: number, extra: Extra = {}): AlarmRecord {
    record.state = deriveState(record);
    record.lastChange = now;
    const seq = ((this.seq.get(record.device) ?? -1) + 1) % 2 ** 31;
    this.seq.set(record.device, seq);
    this.seqTouched.add(record.device);
    this.changes.push({ device: record.device, ts: now, seq, values: toValues(record, event, extra) });
    if (isDormant(record)) {
      this.records.delete(record.id);
      this.dirty.delete(record.id);
      this.removed.add(record.id);
    } else {
      this.removed.delete(record.id);
      this.touch(record);
    }
    return record;
  }
}
