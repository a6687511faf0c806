/**
 * What every rule's evaluate function sees and returns (STYLE.md §9: rule = small config + one
 * evaluate function; the engine, not the rule, owns timers, delays and alarm state).
 */

/** A condition verdict for one alarm instance (`key` '' or an element index). */
export interface Verdict {
  readonly key: string;
  readonly active: boolean;
  /** The value that decided, and the limit it was compared with. */
  readonly val?: number | boolean | string | null;
  readonly lim?: number | null;
  /** A one-shot occurrence (an event): raised and returned to normal at once, unless latched. */
  readonly pulse?: boolean;
}

/** One message of the rule's series from one device. */
export interface RuleInput {
  readonly v: Readonly<Record<string, unknown>>;
  /** Overall quality `bad` (domain.md §3.3). */
  readonly bad: boolean;
  /** Source timestamp (physics: rates); timers use the engine's clock instead. */
  readonly ts: number;
  /** Engine time the message arrived (clock-skew rules compare it with `ts`). */
  readonly arrival?: number;
  /** Per-value quality (`{"t.17": "bad"}`, domain.md §3.3). */
  readonly qv?: Readonly<Record<string, string>>;
}

/** Whether the value at `path` (`t.17`, `gas`) is bad: overall or per-value quality. */
export function isBad(input: RuleInput, path: string): boolean {
  return input.bad || input.qv?.[path] === 'bad';
}

/** The concrete path of an element: `t.*` with key 17 → `t.17`. */
export function elementPath(field: string, key: string): string {
  return key === '' ? field : field.replace('*', key);
}

/** Per device-and-rule memory a rule may keep between messages, and the current raw conditions. */
export interface RuleState {
  wasActive(key: string): boolean;
  readonly memory: Map<string, unknown>;
}

/**
 * A high/low comparison with hysteresis: once active, a high condition holds until the value
 * falls below `limit − deadband` (EEMUA 191 deadband; keeps a value hovering at the limit to one alarm).
 */
export function beyond(value: number, limit: number, high: boolean, wasActive: boolean, deadband: number): boolean {
  if (high) return wasActive ? value > limit - deadband : value > limit;
  return wasActive ? value < limit + deadband : value < limit;
}
