import type { DiscreteRule } from '@plantwatch/contracts';
import { elementsAt } from '../signal-path.js';
import type { RuleInput, Verdict } from './rule-evaluator.js';

type Discrete = string | number | boolean | null;

/**
 * Discrete state (ISA-18.2 discrete alarm): a flame signal `false`, a machine state
 * `DOWN_FAULT`, an event `fan_trip`. Active while the value is one of `alarmWhen`; with
 * `clearWhen` only those values clear it (others hold). On the `event` series an alarm with no
 * `clearWhen` is a pulse: raised and returned to normal at once (latch it to hold it).
 */
export function evaluateDiscrete(rule: DiscreteRule, input: RuleInput): Verdict[] {
  const isEvent = rule.series === 'event';
  const verdicts: Verdict[] = [];
  for (const { key, value } of elementsAt(input.v, rule.field)) {
    const val = asDiscrete(value);
    if (rule.alarmWhen.includes(val)) {
      verdicts.push({ key, active: true, val, ...(isEvent && rule.clearWhen === undefined ? { pulse: true } : {}) });
    } else if (rule.clearWhen === undefined || rule.clearWhen.includes(val)) {
      verdicts.push({ key, active: false, val });
    }
  }
  return verdicts;
}

function asDiscrete(value: unknown): Discrete {
  if (typeof value === 'string') return value.slice(0, 64);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}
