import type { StaleRule } from '@plantwatch/contracts';

/** What the engine knows about a device's liveness. */
export interface Liveness {
  /** Engine time of the last message on the rule's series (or the engine's start). */
  readonly lastSeen: number;
  /** The retained `state.online` flag, when known (domain.md §3.6). */
  readonly online: boolean | undefined;
}

/**
 * No data (domain.md §3.6): active when nothing arrived for `graceS`, or at once when the
 * device is reported offline (its Last Will, or its gateway's `comm_loss`). Evaluated on time,
 * not on messages: silence must fire without a new message.
 */
export function evaluateStale(rule: StaleRule, liveness: Liveness, now: number): { readonly active: boolean; readonly dueAt: number } {
  const dueAt = liveness.lastSeen + rule.graceS * 1000;
  const offline = liveness.online === false && rule.offlineIsStale !== false;
  return { active: offline || now >= dueAt, dueAt };
}
