import type { AlarmAuditEntry, AlarmHistoryRequest, AlarmListRequest, AlarmRuleFile, AlarmView } from '@plantwatch/contracts';
import { AlarmCommandError, AlarmEngine, computeAlarmKpis, validateMessage, type AlarmKpis, type BookDrain, type PlantIndex, type Roster } from '@plantwatch/domain';
import { filterHistory, listAlarms, viewOf } from './alarm-views.js';
import type { Clock } from './clock.js';
import type { Notifier } from './notify/notifier.js';
import { AlarmJournal } from './persistence/alarm-journal.js';
import { HistoryLog } from './persistence/history-log.js';
import type { RuleFiles } from './rules/rule-files.js';

const MAX_PAYLOAD_BYTES = 256 * 1024;

export type AlarmServiceErrorCode = 'BAD_REQUEST' | 'NOT_FOUND' | 'INVALID_TRANSITION' | 'EXPIRED';

/** A refused request, with the code the api maps to HTTP. */
export class AlarmServiceError extends Error {
  constructor(
    readonly code: AlarmServiceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AlarmServiceError';
  }
}

export interface AlarmServiceDeps {
  readonly plant: PlantIndex;
  readonly clock: Clock;
  /** Folder of alarm state, journal, history and audit (`{data}/alarms`). */
  readonly stateDir: string;
  readonly rules: RuleFiles;
  readonly roster?: Roster;
  readonly notifier?: Notifier;
  readonly log: (message: string) => void;
}

/** Puts one transition on the wire: `uns/v1/{device}/alarm`, QoS 1. */
export type AlarmPublisher = (device: string, payload: string) => void;

/**
 * The alarm service's core, free of NestJS: feeds validated messages and clock ticks to the
 * engine, and makes each step durable (journal, fsync) *before* it publishes the transitions,
 * writes them to the history, and notifies people. Operator actions are audited.
 */
export class AlarmService {
  readonly engine: AlarmEngine;
  private readonly journal: AlarmJournal;
  private readonly history: HistoryLog;
  private publisher: AlarmPublisher | undefined;
  private readonly lastTs = new Map<string, number>();
  refused = 0;

  constructor(private readonly deps: AlarmServiceDeps) {
    const now = deps.clock.now();
    const opened = AlarmJournal.open(deps.stateDir);
    this.journal = opened.journal;
    this.history = new HistoryLog(deps.stateDir);
    this.engine = new AlarmEngine({ rules: deps.rules.load(), directory: directoryOf(deps.plant), now, ...(deps.roster ? { roster: deps.roster } : {}) });
    if (opened.state) this.engine.restore(opened.state, now);
  }

  setPublisher(publisher: AlarmPublisher): void {
    this.publisher = publisher;
  }

  /** One MQTT message (`data` = the transport's JSON parse); invalid ones are counted and dropped (ingest dead-letters them). */
  onMessage(topic: string, data: unknown, payloadBytes: number): void {
    const result = validateMessage(this.deps.plant, topic, data, payloadBytes, MAX_PAYLOAD_BYTES);
    if (!result.ok) {
      this.refused++;
      return;
    }
    const { envelope } = result;
    this.commit(this.engine.onMessage({ device: result.device.key, series: result.topic.series, v: envelope.v, ts: envelope.ts, q: envelope.q, qv: qualityOf(envelope), stale: envelope.stale === true }, this.deps.clock.now()));
  }

  tick(): void {
    this.commit(this.engine.tick(this.deps.clock.now()));
  }

  list(request: AlarmListRequest): AlarmView[] {
    return listAlarms(this.engine.list(), request);
  }

  historyOf(request: AlarmHistoryRequest): AlarmView[] {
    return filterHistory(this.history.read(request.from, request.to), request);
  }

  kpis(from: number, to: number): AlarmKpis {
    // A week before `from`: alarms raised earlier may still be standing (stale) in the range.
    return computeAlarmKpis(this.history.read(from - 7 * 86_400_000, to), from, to);
  }

  audit(from: number, to: number, limit?: number): AlarmAuditEntry[] {
    return this.history.readAudit(from, to, limit);
  }

  /** Runs an operator action on one alarm: refused when expired, audited, durable before it answers. */
  act(action: string, request: { readonly id: string; readonly user: string; readonly expiresAt?: number | undefined }, detail: string | undefined, run: (engine: AlarmEngine, now: number) => BookDrain): AlarmView {
    const now = this.deps.clock.now();
    if (request.expiresAt !== undefined && request.expiresAt < now) throw new AlarmServiceError('EXPIRED', `request expired at ${new Date(request.expiresAt).toISOString()}`);
    try {
      this.commit(run(this.engine, now));
    } catch (error) {
      if (error instanceof AlarmCommandError) throw new AlarmServiceError(error.code, error.message);
      throw error;
    }
    this.history.audit({ ts: now, user: request.user, action, target: request.id, ...(detail === undefined ? {} : { detail }) });
    const record = this.engine.get(request.id);
    return record ? viewOf(record) : { ...this.lastView(request.id), device: request.id.split('/').slice(0, 6).join('/'), ts: now };
  }

  ruleFiles(deviceType?: string): AlarmRuleFile[] {
    return this.engine.ruleFiles().filter((f) => deviceType === undefined || f.deviceType === deviceType);
  }

  /** Replaces one device type's rules at run time (saved under the data folder, audited). */
  putRules(file: AlarmRuleFile, user: string, reason: string, expiresAt?: number): AlarmRuleFile {
    const now = this.deps.clock.now();
    if (expiresAt !== undefined && expiresAt < now) throw new AlarmServiceError('EXPIRED', `request expired at ${new Date(expiresAt).toISOString()}`);
    this.deps.rules.save(file);
    const files = [...this.engine.ruleFiles().filter((f) => f.deviceType !== file.deviceType), file];
    this.commit(this.engine.setRules(files, now));
    this.history.audit({ ts: now, user, action: 'rules.put', target: file.deviceType, detail: `${reason} (${file.rules.length} rules)` });
    return file;
  }

  /** Orderly stop: folds the journal into a snapshot. */
  close(): void {
    this.journal.compact(this.engine.snapshot(), this.deps.clock.now());
    this.abandon();
  }

  /** Stops without a snapshot, as a crash would (tests of durability). */
  abandon(): void {
    this.journal.close();
    this.history.close();
  }

  private lastView(id: string): Omit<AlarmView, 'device' | 'ts'> {
    const last = this.history.read(this.deps.clock.now() - 3_600_000, this.deps.clock.now() + 1).filter((c) => c.values.id === id).at(-1);
    if (!last) throw new AlarmServiceError('NOT_FOUND', `no alarm ${id}`);
    return last.values;
  }

  /** Durable first (journal fsync), then history, wire and people. */
  private commit(drain: BookDrain): void {
    if (drain.changes.length === 0 && drain.dirty.length === 0 && drain.removed.length === 0) return;
    const changes = drain.changes.map((c) => {
      // Strictly increasing per device, so the store (keyed by time) keeps every transition.
      const ts = Math.max(c.ts, (this.lastTs.get(c.device) ?? 0) + 1);
      this.lastTs.set(c.device, ts);
      return ts === c.ts ? c : { ...c, ts };
    });
    this.journal.append(drain);
    this.history.append(changes);
    for (const change of changes) {
      this.publisher?.(change.device, JSON.stringify({ ts: change.ts, seq: change.seq, v: change.values, q: 'good' }));
      this.deps.notifier?.notify(change);
    }
    if (this.journal.wantsCompaction) this.journal.compact(this.engine.snapshot(), this.deps.clock.now());
  }
}

/** Per-value quality (`qv`, domain.md §3.3), when the payload carries it. */
function qualityOf(envelope: { readonly v: unknown }): Record<string, string> | undefined {
  const qv = (envelope as { qv?: unknown }).qv;
  return qv !== null && typeof qv === 'object' ? (qv as Record<string, string>) : undefined;
}

function directoryOf(plant: PlantIndex) {
  return { typeOf: (d: string) => plant.device(d)?.type, viaOf: (d: string) => plant.device(d)?.via, devices: () => plant.devices.map((d) => d.key) };
}
