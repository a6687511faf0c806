import type { ClockSkewRule } from '@plantwatch/contracts';
import { beyond, type RuleInput, type RuleState, type Verdict } from './rule-evaluator.js';

/**
 * Clock skew (domain.md §4.5 t = 20 min: a gateway's clock jumps +90 s): compares the source
 * timestamp `ts` a device stamps with the engine time the message arrived. Active after
 * `minMessages` consecutive live messages whose |ts − arrival| exceeds `maxSkewS`; clears below
 * `maxSkewS − deadband`. Replayed (`stale`) messages never reach rules, so a buffered backlog is
 * not a skew. Pure: the arrival time comes in with the input.
 */
export function evaluateClockSkew(rule: ClockSkewRule, input: RuleInput, state: RuleState): Verdict[] {
  if (input.arrival === undefined) return [];
  const skewS = (input.ts - input.arrival) / 1000;
  const wasActive = state.wasActive('');
  const over = beyond(Math.abs(skewS), rule.maxSkewS, true, wasActive, rule.deadband ?? 0);
  const streak = over ? ((state.memory.get('streak') as number | undefined) ?? 0) + 1 : 0;
  state.memory.set('streak', streak);
  const val = Math.round(skewS * 10) / 10;
  // Once active, it holds until a message is back within the deadband (no streak needed to stay).
  return [{ key: '', active: wasActive ? over : streak >= (rule.minMessages ?? 3), val, lim: rule.maxSkewS }];
}
