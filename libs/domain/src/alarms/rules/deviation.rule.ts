import type { DeviationRule } from '@plantwatch/contracts';
import { elementsAt, interpolateCurve, numberOf, valueAt } from '../signal-path.js';
import { beyond, elementPath, isBad, type RuleInput, type RuleState, type Verdict } from './rule-evaluator.js';

/**
 * Deviation from a setpoint (ISA-18.2 deviation alarm): from a moving setpoint carried in the
 * same message — one for all elements, element-wise, or mapped per kiln zone (`of`: element →
 * setpoint index) — or from a firing curve interpolated at each element's position
 * (domain.md §2.1.3). Active when the value is more than `hi` above or `lo` below it.
 */
export function evaluateDeviation(rule: DeviationRule, input: RuleInput, state: RuleState): Verdict[] {
  if (input.bad) return [];
  const setpointOf = setpointReader(rule, input.v);
  const verdicts: Verdict[] = [];
  for (const element of elementsAt(input.v, rule.field)) {
    const value = numberOf(element.value);
    const sp = setpointOf(element.index);
    if (value === undefined || sp === undefined || isBad(input, elementPath(rule.field, element.key))) continue;
    verdicts.push(deviationVerdict(rule, element.key, value, sp, state.wasActive(element.key)));
  }
  return verdicts;
}

function setpointReader(rule: DeviationRule, v: Readonly<Record<string, unknown>>): (index: number) => number | undefined {
  const setpoint = rule.setpoint;
  if ('curve' in setpoint) {
    return (index) => {
      const x = setpoint.positions[Math.max(0, index)];
      return x === undefined ? undefined : interpolateCurve(setpoint.curve, x);
    };
  }
  const sp = valueAt(v, setpoint.field);
  if (setpoint.of !== undefined) {
    const map = new Map(setpoint.of);
    return (index) => {
      const spIndex = map.get(index);
      return spIndex === undefined || !Array.isArray(sp) ? undefined : numberOf(sp[spIndex]);
    };
  }
  if (Array.isArray(sp)) return (index) => numberOf(sp[Math.max(0, index)]);
  return () => numberOf(sp);
}

function deviationVerdict(rule: DeviationRule, key: string, value: number, sp: number, wasActive: boolean): Verdict {
  const deviation = value - sp;
  const deadband = rule.deadband ?? 0;
  const high = rule.hi !== undefined && beyond(deviation, rule.hi, true, wasActive, deadband);
  const low = rule.lo !== undefined && beyond(deviation, -rule.lo, false, wasActive, deadband);
  const lim = high ? sp + (rule.hi ?? 0) : low ? sp - (rule.lo ?? 0) : null;
  return { key, active: high || low, val: value, lim: lim === null ? null : Math.round(lim * 10) / 10 };
}
