import type { CompositeRule } from '@plantwatch/contracts';

/**
 * Composite condition over other rules of the same device (ISA-18.2 "logic-based alarming"):
 * `all`, `any` or `k-of-n` of their raw conditions (before delays), e.g. gas-pressure low
 * *and* no burner on = safety shut-off trip. `isActive(ruleId)` is true when any instance of
 * that rule is active on the device.
 */
export function evaluateComposite(rule: CompositeRule, isActive: (ruleId: string) => boolean): boolean {
  const count = rule.of.filter(isActive).length;
  if (rule.op === 'all') return count === rule.of.length;
  if (rule.op === 'any') return count > 0;
  return count >= (rule.k ?? rule.of.length);
}
