import type { Operator, Role } from '@plantwatch/contracts';

const ORDER: readonly Role[] = ['viewer', 'operator', 'engineer', 'admin'];

/** Operators and above may command (the api enforces it; the page only hides what would fail). */
export function canCommand(operator: Operator): boolean {
  return ORDER.indexOf(operator.role) >= ORDER.indexOf('operator');
}

export function canAcknowledge(operator: Operator): boolean {
  return canCommand(operator);
}
