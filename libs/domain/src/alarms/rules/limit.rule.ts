import type { LimitRule } from '@plantwatch/contracts';
import { elementsAt, numberOf } from '../signal-path.js';
import { beyond, elementPath, isBad, type RuleInput, type RuleState, type Verdict } from './rule-evaluator.js';

/**
 * Absolute limit (ISA-18.2 HI/HIHI/LO/LOLO): active beyond `limit`, clears only back past
 * `limit ∓ deadband`. A null value or bad quality holds the alarm as it is, unless the rule
 * says a bad value is the alarm (thermocouple burnout, domain.md §2.1.9 `TC_OPEN`).
 */
export function evaluateLimit(rule: LimitRule, input: RuleInput, state: RuleState): Verdict[] {
  const high = rule.kind === 'hi' || rule.kind === 'hihi';
  const verdicts: Verdict[] = [];
  for (const { key, value } of elementsAt(input.v, rule.field)) {
    const reading = numberOf(value);
    if (reading === undefined || isBad(input, elementPath(rule.field, key))) {
      if (rule.badValue === 'alarm') verdicts.push({ key, active: true, val: null, lim: rule.limit });
      continue;
    }
    const active = beyond(reading, rule.limit, high, state.wasActive(key), rule.deadband ?? 0);
    verdicts.push({ key, active, val: reading, lim: rule.limit });
  }
  return verdicts;
}
