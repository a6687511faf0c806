import type { AlarmSeverity } from '@plantwatch/contracts';

/**
 * Who is responsible for an alarm (domain.md §3.8, seed H4 "problems pushed to the responsible
 * person"): each area has an operator position and, per shift, an ordered list of people — the
 * first is the owner, the next ones are escalated to after 5/15/30 minutes without
 * acknowledgement. Shifts are 3 × 8 h with changeovers at local times (domain.md §4).
 */
export interface Roster {
  readonly shifts: readonly { readonly name: string; readonly start: string }[];
  /** Local time offset from UTC in minutes (Asia/Shanghai: 480). */
  readonly utcOffsetMin: number;
  /** Minutes after the alarm was raised at which it escalates one level further. */
  readonly escalateAfterMin: readonly number[];
  /** Least severe alarm that escalates (default: every alarm). */
  readonly minSev?: AlarmSeverity;
  /** The most specific matching node pattern wins (`+` = any one level); '' matches every device. */
  readonly areas: readonly RosterArea[];
}

export interface RosterArea {
  readonly node: string;
  /** Operator position (console), e.g. `kiln-operator`: the unit of alarm-rate KPIs. */
  readonly position: string;
  /** People by shift name, owner first. */
  readonly people: Readonly<Record<string, readonly string[]>>;
}

export interface Ownership {
  /** `shift-{shift}.{position}` (domain.md §3.4 `owner`). */
  readonly owner: string;
  readonly position: string;
  readonly people: readonly string[];
}

const SEVERITY_RANK: Readonly<Record<AlarmSeverity, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The shift on duty at `ts` (the latest changeover at or before the local time of day). */
export function shiftAt(roster: Roster, ts: number): string {
  const minuteOfDay = (((Math.floor(ts / 60_000) + roster.utcOffsetMin) % 1440) + 1440) % 1440;
  const sorted = [...roster.shifts].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  let current = sorted[sorted.length - 1];
  for (const shift of sorted) if (minutesOf(shift.start) <= minuteOfDay) current = shift;
  return current?.name ?? 'a';
}

/** How specifically `node` (a key prefix, `+` matching any one level) names `device`; -1 = not at all. */
function specificity(node: string, device: string): number {
  if (node === '') return 0;
  const want = node.split('/');
  const have = device.split('/');
  if (want.length > have.length) return -1;
  let score = 0;
  for (const [i, level] of want.entries()) {
    if (level === '+') continue;
    if (level !== have[i]) return -1;
    score++;
  }
  return score;
}

/** The area responsible for a device: the most specific matching node pattern (`+/+/firing` = any site's firing area). */
export function areaOf(roster: Roster, device: string): RosterArea | undefined {
  let best: RosterArea | undefined;
  let bestScore = -1;
  for (const area of roster.areas) {
    const score = specificity(area.node, device);
    if (score > bestScore) [best, bestScore] = [area, score];
  }
  return best;
}

/** Owner position and people on shift for a device's alarms at `ts`. */
export function ownershipAt(roster: Roster, device: string, ts: number): Ownership | undefined {
  const area = areaOf(roster, device);
  if (area === undefined) return undefined;
  const shift = shiftAt(roster, ts);
  return { owner: `shift-${shift}.${area.position}`, position: area.position, people: area.people[shift] ?? [] };
}

/** The person at escalation level `esc` (the last one keeps it when the list runs out). */
export function assigneeAt(people: readonly string[], esc: number): string | undefined {
  return people[Math.min(esc, people.length - 1)];
}

/** The escalation level an unacknowledged alarm raised at `since` should have reached at `now`. */
export function escalationLevel(roster: Roster, sev: AlarmSeverity, since: number, now: number): number {
  if (roster.minSev !== undefined && SEVERITY_RANK[sev] > SEVERITY_RANK[roster.minSev]) return 0;
  return roster.escalateAfterMin.filter((min) => now - since >= min * 60_000).length;
}
