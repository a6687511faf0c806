import type { AlarmRule, AlarmRuleFile } from '@plantwatch/contracts';
import type { AlarmOrigin } from './alarm-book.js';
import { evaluateClockSkew } from './rules/clock-skew.rule.js';
import { evaluateDeviation } from './rules/deviation.rule.js';
import { evaluateDiscrete } from './rules/discrete.rule.js';
import { evaluateDrift } from './rules/drift.rule.js';
import { evaluateLimit } from './rules/limit.rule.js';
import { evaluateRate } from './rules/rate.rule.js';
import type { RuleInput, RuleState, Verdict } from './rules/rule-evaluator.js';

/** One alarm point at run time: a rule on one device (and one array element). Not persisted. */
export interface Instance {
  readonly id: string;
  readonly device: string;
  readonly rule: AlarmRule;
  readonly key: string;
  /** Raw condition (before delays) and since when it has been so. */
  raw: boolean;
  rawSince: number;
  /** Condition after on-/off-delays: what the alarm book knows. */
  filtered: boolean;
  val?: number | boolean | string | null;
  lim?: number | null;
}

/** One rule on one device at run time: its alarm points and what its evaluate function sees. */
export interface RuleSlot {
  /** Alarm points by element key ('' for a scalar path). */
  readonly instances: Map<string, Instance>;
  /** The rule's memory and its points' raw conditions, made once (not per message). */
  readonly state: RuleState;
}

/** Run-time view of a device: mode, liveness, and each rule's slot. */
export interface DeviceRuntime {
  readonly device: string;
  readonly type: string;
  mode?: string;
  online?: boolean;
  /** Engine time of the last message per series, and of any message ('*'). */
  readonly lastSeen: Map<string, number>;
  /** By rule id. */
  readonly slots: Map<string, RuleSlot>;
}

/** The slot of `ruleId` on a device, made on first use. */
export function slotOf(runtime: DeviceRuntime, ruleId: string): RuleSlot {
  let slot = runtime.slots.get(ruleId);
  if (!slot) {
    const instances = new Map<string, Instance>();
    slot = { instances, state: { memory: new Map(), wasActive: (key) => instances.get(key)?.raw ?? false } };
    runtime.slots.set(ruleId, slot);
  }
  return slot;
}

/** The rules of one device type, with lookups the engine needs on every message. */
export interface TypeRules {
  readonly file: AlarmRuleFile;
  readonly enabled: readonly AlarmRule[];
  readonly composites: readonly Extract<AlarmRule, { type: 'composite' }>[];
  readonly stale: readonly Extract<AlarmRule, { type: 'stale' }>[];
  readonly modeSeries: string;
  readonly modeField: string;
  /** The message-driven rules a series goes to (see {@link takesSeries}), worked out once per series. */
  rulesFor(series: string): readonly AlarmRule[];
}

export function typeRules(file: AlarmRuleFile): TypeRules {
  const enabled = file.rules.filter((r) => r.enabled !== false);
  const bySeries = new Map<string, readonly AlarmRule[]>();
  return {
    file,
    enabled,
    composites: enabled.filter((r): r is Extract<AlarmRule, { type: 'composite' }> => r.type === 'composite'),
    stale: enabled.filter((r): r is Extract<AlarmRule, { type: 'stale' }> => r.type === 'stale'),
    modeSeries: file.mode?.series ?? 'state',
    modeField: file.mode?.field ?? 'mode',
    rulesFor(series) {
      let rules = bySeries.get(series);
      if (!rules) bySeries.set(series, (rules = enabled.filter((r) => takesSeries(r, series))));
      return rules;
    },
  };
}

/** `{device}/{rule}[.{element}]` — stable across restarts and rule edits. */
export function instanceId(device: string, ruleId: string, key: string): string {
  return `${device}/${ruleId}${key === '' ? '' : `.${key}`}`;
}

/** What an alarm record is created from; `{n}`/`{i}` in messages name the element (1-based / 0-based). */
export function originOf(instance: Instance): AlarmOrigin {
  const { rule, key } = instance;
  const fill = (text: string): string => (key === '' ? text : text.replaceAll('{n}', String(Number(key) + 1)).replaceAll('{i}', key));
  const series = 'series' in rule && rule.series !== undefined ? rule.series : '*';
  const field = 'field' in rule ? `:${rule.field.replace('*', key)}` : rule.type === 'clock-skew' ? ':ts' : '';
  return {
    id: instance.id,
    device: instance.device,
    rule: rule.id,
    code: rule.code,
    sev: rule.sev,
    ...(rule.prio === undefined ? {} : { prio: rule.prio }),
    src: rule.type === 'composite' ? `composite:${rule.of.join('+')}` : `${series}${field}`,
    msg: fill(rule.msg),
    ...(rule.msgZh === undefined ? {} : { msgZh: fill(rule.msgZh) }),
    latched: rule.latched === true,
  };
}

/** Whether a message of `series` goes to a message-driven rule (clock-skew without a series takes every series). */
export function takesSeries(rule: AlarmRule, series: string): boolean {
  if (rule.type === 'clock-skew') return rule.series === undefined || rule.series === series;
  return 'series' in rule && rule.type !== 'stale' && rule.series === series;
}

/** Verdicts of a message-driven rule (limit, rate, deviation, discrete, drift, clock-skew) on one message. */
export function evaluateMessageRule(rule: AlarmRule, input: RuleInput, state: RuleState): Verdict[] {
  switch (rule.type) {
    case 'limit':
      return evaluateLimit(rule, input, state);
    case 'rate':
      return evaluateRate(rule, input, state);
    case 'deviation':
      return evaluateDeviation(rule, input, state);
    case 'discrete':
      return evaluateDiscrete(rule, input);
    case 'drift':
      return evaluateDrift(rule, input, state);
    case 'clock-skew':
      return evaluateClockSkew(rule, input, state);
    default:
      return [];
  }
}

/** The suppression-by-design cause of a rule in a device mode (ISA-18.2 state-based suppression). */
export function modeCause(rule: AlarmRule, mode: string | undefined): string | undefined {
  if (mode === undefined) return undefined;
  if (rule.suppressInModes?.includes(mode)) return `mode:${mode}`;
  if (rule.onlyInModes !== undefined && !rule.onlyInModes.includes(mode)) return `mode:${mode}`;
  return undefined;
}
