import type { DriftRule } from '@plantwatch/contracts';
import { interpolateCurve, numberOf, valueAt } from '../signal-path.js';
import { beyond, isBad, type RuleInput, type RuleState, type Verdict } from './rule-evaluator.js';

/**
 * Thermocouple disagreement with its neighbours (domain.md §2.1.9 TC drift: "residual vs the
 * neighbour-interpolated value exceeds 15–20 °C"). Each element's deviation from the expected
 * profile is compared with the mean deviation of its trusted neighbours, smoothed by an EMA:
 * a process change moves neighbours together and cancels out; a drifting sensor does not.
 */
export function evaluateDrift(rule: DriftRule, input: RuleInput, state: RuleState): Verdict[] {
  const values = valueAt(input.v, rule.field.replace(/\.\*$/, ''));
  if (!Array.isArray(values) || input.bad) return [];
  const base = rule.field.replace(/\.\*$/, '');
  const deviations = values.map((value: unknown, i) => (isBad(input, `${base}.${i}`) ? undefined : deviationAt(rule, numberOf(value), i)));
  const verdicts: Verdict[] = [];
  deviations.forEach((own, i) => {
    if (own === undefined) return;
    const neighbours = [deviations[i - 1], deviations[i + 1]].filter((d): d is number => d !== undefined);
    if (neighbours.length === 0) return;
    const residual = own - neighbours.reduce((a, b) => a + b, 0) / neighbours.length;
    const key = String(i);
    const ema = smooth(state, key, residual, rule.smoothing ?? 0.2);
    const active = beyond(Math.abs(ema), rule.maxResidual, true, state.wasActive(key), rule.deadband ?? 0);
    verdicts.push({ key, active, val: Math.round(ema * 10) / 10, lim: rule.maxResidual });
  });
  return verdicts;
}

/** Deviation from the expected profile, or undefined for a missing or implausible reading. */
function deviationAt(rule: DriftRule, value: number | undefined, index: number): number | undefined {
  if (value === undefined) return undefined;
  const x = rule.positions?.[index];
  const expected = rule.curve !== undefined && x !== undefined ? interpolateCurve(rule.curve, x) : 0;
  const deviation = value - expected;
  if (rule.plausibleDev !== undefined && Math.abs(deviation) > rule.plausibleDev) return undefined;
  return deviation;
}

function smooth(state: RuleState, key: string, residual: number, alpha: number): number {
  const previous = state.memory.get(key) as number | undefined;
  const next = previous === undefined ? residual : previous + alpha * (residual - previous);
  state.memory.set(key, next);
  return next;
}
