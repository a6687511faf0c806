import type { AlarmRule, AlarmRuleFile } from '@plantwatch/contracts';
import { AlarmBook, type BookDrain, type BookSnapshot } from './alarm-book.js';
import type { AlarmRecord } from './alarm-record.js';
import type { Roster } from './roster.js';
import { evaluateComposite } from './rules/composite.rule.js';
import type { RuleInput, Verdict } from './rules/rule-evaluator.js';
import { evaluateStale } from './rules/stale.rule.js';
import { evaluateMessageRule, instanceId, modeCause, originOf, slotOf, typeRules, type DeviceRuntime, type Instance, type TypeRules } from './rule-runtime.js';
import { valueAt } from './signal-path.js';

/** The plant as the engine needs it: device types and the gateway each device talks through. */
export interface DeviceDirectory {
  typeOf(device: string): string | undefined;
  viaOf(device: string): string | undefined;
  devices(): readonly string[];
}

/** One validated device message (domain.md §3.3 envelope), by series `telemetry/profile`, `state`, `event`. */
export interface EngineMessage {
  readonly device: string;
  readonly series: string;
  readonly v: Readonly<Record<string, unknown>>;
  readonly ts: number;
  readonly q?: string;
  readonly qv?: Readonly<Record<string, string>>;
  /** Replayed from a gateway buffer: refreshes liveness, never raises alarms about the past. */
  readonly stale?: boolean;
}

export interface EngineOptions {
  readonly rules: readonly AlarmRuleFile[];
  readonly directory: DeviceDirectory;
  readonly roster?: Roster;
  /** Engine time at start: silence is counted from here for devices never heard. */
  readonly now: number;
}

export type EngineSnapshot = BookSnapshot;

/**
 * The alarm engine (STYLE.md §9: engine separate from rules): routes each message to the rules
 * of its device type, applies ISA-18.2 on-/off-delays, evaluates time-driven rules (no data) on
 * `tick`, suppresses by design (device mode) and by root cause (a dead gateway hides the alarms
 * of its south devices, shared/ARCHITECTURE.md §2), and keeps the alarm book. Pure: no timers,
 * no I/O — the caller passes the time (an injectable clock, STYLE.md §11).
 */
export class AlarmEngine {
  private readonly book: AlarmBook;
  private rules = new Map<string, TypeRules>();
  private readonly runtimes = new Map<string, DeviceRuntime>();
  /** Instances whose raw condition differs from the filtered one (a delay is running). */
  private readonly pending = new Set<Instance>();

  constructor(private readonly options: EngineOptions) {
    this.book = new AlarmBook((record) => this.causeOf(record), options.roster);
    this.setRules(options.rules, options.now);
  }

  /** Replaces the rule files (run-time edits); alarms of removed or disabled rules clear. */
  setRules(files: readonly AlarmRuleFile[], now: number): BookDrain {
    this.rules = new Map(files.map((f) => [f.deviceType, typeRules(f)]));
    this.pending.clear();
    const previous = new Map([...this.runtimes].map(([k, r]) => [k, r]));
    this.runtimes.clear();
    for (const device of this.options.directory.devices()) this.runtime(device, now, previous.get(device));
    for (const record of [...this.book.all()]) if (!this.ruleOf(record)) this.book.clear(record.id, now);
    return this.book.drain();
  }

  ruleFiles(): AlarmRuleFile[] {
    return [...this.rules.values()].map((r) => r.file);
  }

  setRoster(roster: Roster | undefined): void {
    this.book.setRoster(roster);
  }

  onMessage(message: EngineMessage, now: number): BookDrain {
    const runtime = this.runtime(message.device, now);
    const rules = runtime && this.rules.get(runtime.type);
    if (!runtime || !rules) return this.book.drain();
    runtime.lastSeen.set(message.series, now).set('*', now);
    if (message.series === 'state' && typeof message.v['online'] === 'boolean') runtime.online = message.v['online'];
    if (message.series === rules.modeSeries) this.updateMode(runtime, valueAt(message.v, rules.modeField), now);
    if (!message.stale) {
      const input: RuleInput = { v: message.v, bad: message.q === 'bad', ts: message.ts, arrival: now, qv: message.qv };
      for (const rule of rules.rulesFor(message.series)) {
        for (const verdict of evaluateMessageRule(rule, input, slotOf(runtime, rule.id).state)) this.apply(runtime, rule, verdict, now);
      }
      this.evaluateComposites(runtime, rules, now);
    }
    this.evaluateStale(runtime, rules, now, message.series !== 'state');
    return this.book.drain();
  }

  /** Time-driven work: delays that ran out, silence, shelf expiry, escalation. */
  tick(now: number): BookDrain {
    for (const instance of [...this.pending]) this.settle(instance, now);
    for (const runtime of this.runtimes.values()) {
      const rules = this.rules.get(runtime.type);
      if (rules) this.evaluateStale(runtime, rules, now);
    }
    this.book.tick(now);
    return this.book.drain();
  }

  acknowledge(id: string, user: string, now: number, note?: string): BookDrain {
    this.book.acknowledge(id, user, now, note);
    return this.book.drain();
  }

  shelve(id: string, user: string, until: number, reason: string, now: number): BookDrain {
    this.book.shelve(id, user, until, reason, now);
    return this.book.drain();
  }

  unshelve(id: string, user: string, now: number, note?: string): BookDrain {
    this.book.unshelve(id, user, now, note);
    return this.book.drain();
  }

  reset(id: string, user: string, now: number, note?: string): BookDrain {
    const record = this.book.reset(id, user, now, note);
    this.rootCauseChanged(record, now);
    return this.book.drain();
  }

  setOutOfService(id: string, user: string, outOfService: boolean, reason: string, now: number): BookDrain {
    this.book.setOutOfService(id, user, outOfService, reason, now);
    return this.book.drain();
  }

  comment(id: string, user: string, text: string, now: number): BookDrain {
    this.book.comment(id, user, text, now);
    return this.book.drain();
  }

  get(id: string): Readonly<AlarmRecord> | undefined {
    return this.book.get(id);
  }

  /** Every alarm not in normal (plus normal ones out of service). */
  list(): Readonly<AlarmRecord>[] {
    return [...this.book.all()];
  }

  snapshot(): EngineSnapshot {
    return this.book.snapshot();
  }

  /** Restores records after a restart; conditions resume from them until the next message says otherwise. */
  restore(snapshot: EngineSnapshot, now: number): void {
    this.book.restore(snapshot);
    this.setRules(this.ruleFiles(), now);
  }

  private runtime(device: string, now: number, previous?: DeviceRuntime): DeviceRuntime | undefined {
    const existing = this.runtimes.get(device);
    if (existing) return existing;
    const type = this.options.directory.typeOf(device);
    if (type === undefined) return undefined;
    const runtime: DeviceRuntime = { device, type, lastSeen: previous?.lastSeen ?? new Map([['*', now]]), slots: new Map() };
    if (previous?.mode !== undefined) runtime.mode = previous.mode;
    if (previous?.online !== undefined) runtime.online = previous.online;
    this.runtimes.set(device, runtime);
    return runtime;
  }

  private instance(runtime: DeviceRuntime, rule: AlarmRule, key: string, now: number): Instance {
    const { instances } = slotOf(runtime, rule.id);
    let instance = instances.get(key);
    if (!instance) {
      const id = instanceId(runtime.device, rule.id, key);
      const known = this.book.get(id)?.condition ?? false;
      instance = { id, device: runtime.device, rule, key, raw: known, rawSince: now, filtered: known };
      instances.set(key, instance);
    }
    return instance;
  }

  private apply(runtime: DeviceRuntime, rule: AlarmRule, verdict: Verdict, now: number): void {
    const instance = this.instance(runtime, rule, verdict.key, now);
    instance.val = verdict.val;
    instance.lim = verdict.lim;
    if (verdict.pulse) {
      // A one-shot event: the condition was there at this instant and is gone again.
      this.setFiltered(instance, true, now);
      instance.raw = false;
      instance.rawSince = now;
      this.setFiltered(instance, false, now);
      return;
    }
    if (verdict.active !== instance.raw) {
      instance.raw = verdict.active;
      instance.rawSince = now;
    }
    this.settle(instance, now);
  }

  /** ISA-18.2 on-delay (raise only after the condition held) and off-delay (clear only after it stayed away). */
  private settle(instance: Instance, now: number): void {
    const rule = instance.rule;
    const delayMs = ((instance.raw ? rule.onDelayS : rule.offDelayS) ?? 0) * 1000;
    if (instance.raw !== instance.filtered && now - instance.rawSince >= delayMs) this.setFiltered(instance, instance.raw, now);
    if (instance.raw !== instance.filtered) this.pending.add(instance);
    else this.pending.delete(instance);
  }

  private setFiltered(instance: Instance, active: boolean, now: number): void {
    instance.filtered = active;
    if (instance.rule.annunciate === false) return;
    if (active) this.book.raise(originOf(instance), now, { val: instance.val, lim: instance.lim });
    else this.book.clear(instance.id, now);
    if (instance.rule.suppresses !== undefined) this.rootCauseChanged(this.book.get(instance.id) ?? { device: instance.device, rule: instance.rule.id }, now);
  }

  private evaluateComposites(runtime: DeviceRuntime, rules: TypeRules, now: number): void {
    if (rules.composites.length === 0) return;
    const isActive = (ruleId: string): boolean => {
      for (const instance of runtime.slots.get(ruleId)?.instances.values() ?? []) if (instance.raw) return true;
      return false;
    };
    for (const rule of rules.composites) this.apply(runtime, rule, { key: '', active: evaluateComposite(rule, isActive) }, now);
  }

  /**
   * Silence rules. On a message other than `state` only the standing ones (`standingOnly`): such
   * a message can only end a silence; raising one is the clock's job (`tick`).
   */
  private evaluateStale(runtime: DeviceRuntime, rules: TypeRules, now: number, standingOnly = false): void {
    for (const rule of rules.stale) {
      if (standingOnly) {
        const standing = runtime.slots.get(rule.id)?.instances.get('');
        if (!standing || (!standing.raw && !standing.filtered)) continue;
      }
      const lastSeen = runtime.lastSeen.get(rule.series ?? '*') ?? runtime.lastSeen.get('*') ?? now;
      const { active } = evaluateStale(rule, { lastSeen, online: runtime.online }, now);
      const instance = this.instance(runtime, rule, '', now);
      if (active === instance.raw && active === instance.filtered) continue;
      this.apply(runtime, rule, { key: '', active, val: Math.round((now - lastSeen) / 1000), lim: rule.graceS }, now);
    }
  }

  private updateMode(runtime: DeviceRuntime, mode: unknown, now: number): void {
    if (typeof mode !== 'string' || mode === runtime.mode) return;
    runtime.mode = mode;
    this.book.refreshCauses((r) => r.device === runtime.device, now);
  }

  /** A root-cause alarm changed: re-decide suppression of its device's or its south devices' alarms. */
  private rootCauseChanged(record: Pick<AlarmRecord, 'device' | 'rule'> & { active?: boolean }, now: number): void {
    const rule = this.ruleOf(record);
    if (rule?.suppresses === 'device') this.book.refreshCauses((r) => r.device === record.device, now);
    if (rule?.suppresses !== 'south-devices') return;
    const south = (device: string): boolean => this.options.directory.viaOf(device) === record.device;
    if (record.active !== true) {
      // The gateway is back: its south devices get a fresh grace period before they count as
      // silent, so recovery does not re-annunciate what the root cause already explained.
      for (const runtime of this.runtimes.values()) {
        if (!south(runtime.device)) continue;
        for (const series of runtime.lastSeen.keys()) runtime.lastSeen.set(series, now);
        delete runtime.online;
        const rules = this.rules.get(runtime.type);
        if (rules) this.evaluateStale(runtime, rules, now);
      }
    }
    this.book.refreshCauses((r) => south(r.device), now);
  }

  private ruleOf(record: Pick<AlarmRecord, 'device' | 'rule'>): AlarmRule | undefined {
    const type = this.options.directory.typeOf(record.device);
    return this.rules.get(type ?? '')?.enabled.find((r) => r.id === record.rule);
  }

  /** Root cause first (the device's own, then its gateway's), then the device mode, then a design suppression held until normal. */
  private causeOf(record: AlarmRecord): string | undefined {
    const rule = this.ruleOf(record);
    return this.activeRootCause(record.device, 'device', record.id) ?? this.gatewayCause(record) ?? modeCause(rule ?? ({} as AlarmRule), this.runtimes.get(record.device)?.mode) ?? heldCause(rule, record);
  }

  private gatewayCause(record: AlarmRecord): string | undefined {
    const via = this.options.directory.viaOf(record.device);
    return via === undefined ? undefined : this.activeRootCause(via, 'south-devices', record.id);
  }

  private activeRootCause(device: string, scope: 'device' | 'south-devices', except: string): string | undefined {
    const rules = this.rules.get(this.options.directory.typeOf(device) ?? '');
    for (const rule of rules?.enabled ?? []) {
      if (rule.suppresses !== scope) continue;
      const id = instanceId(device, rule.id, '');
      if (id !== except && this.book.get(id)?.active === true) return id;
    }
    return undefined;
  }
}

/**
 * `suppressUntilNormal`: a condition that arose (or stood) while suppressed by design keeps its
 * mode cause until it returns to normal, so leaving the mode first does not annunciate it (a
 * burner tripped by the kiln interlock, still unlit while it purges for its relight).
 */
function heldCause(rule: AlarmRule | undefined, record: AlarmRecord): string | undefined {
  return rule?.suppressUntilNormal === true && record.condition && record.cause?.startsWith('mode:') === true ? record.cause : undefined;
}
