import { ALARM_PRIORITIES, type ActiveAlarm, type AlarmCounts, type AlarmPriority, type AlarmSummary } from '@plantwatch/contracts';

/** Not shown as active: back to normal, or hidden from operators by shelving, suppression or maintenance (ISA-18.2). */
const INACTIVE_STATES = new Set(['normal', 'shelved', 'suppressed', 'out_of_service']);
const UNACKED_STATES = new Set(['active_unack', 'rtn_unack']);

/** Zeroed alarm counts. */
export function noAlarms(): { -readonly [P in AlarmPriority]: number } {
  return { critical: 0, high: 0, medium: 0, low: 0 };
}

/**
 * The active alarms of the plant, from `…/alarm` messages (domain.md §3.4 payload, ISA-18.2
 * states), for badges and the banner. Read leniently: the alarm list itself is the alarms
 * service's; this only needs id, device, priority and state.
 */
export class AlarmBook {
  private readonly active = new Map<string, ActiveAlarm>();
  private version = 0;

  /** Takes one alarm message of `device`; ignores anything without an id and a known priority. */
  take(device: string, payload: unknown): void {
    const body = payload as { ts?: unknown; v?: Record<string, unknown> } | null;
    const v = body?.v;
    if (!v || typeof v['id'] !== 'string' || !(ALARM_PRIORITIES as readonly string[]).includes(String(v['sev']))) return;
    const id = `${device}#${v['id']}`;
    const state = typeof v['state'] === 'string' ? v['state'] : 'active_unack';
    this.version++;
    if (INACTIVE_STATES.has(state)) {
      this.active.delete(id);
      return;
    }
    this.active.set(id, {
      id: String(v['id']).slice(0, 64),
      device,
      code: String(v['code'] ?? '').slice(0, 64),
      sev: v['sev'] as AlarmPriority,
      state: state.slice(0, 32),
      ts: typeof body.ts === 'number' ? body.ts : Date.now(),
      ...(typeof v['msg'] === 'string' ? { msg: v['msg'].slice(0, 200) } : {}),
      ...(typeof v['msgZh'] === 'string' ? { msgZh: v['msgZh'].slice(0, 200) } : {}),
    });
  }

  /** Changes whenever an alarm changed (cheap change detection for ticks). */
  get revision(): number {
    return this.version;
  }

  all(): IterableIterator<ActiveAlarm> {
    return this.active.values();
  }

  /** Plant-wide counts and the banner alarm: highest priority, then oldest, unacknowledged. */
  summary(): AlarmSummary {
    const counts = noAlarms();
    let unacked = 0;
    let top: ActiveAlarm | undefined;
    for (const alarm of this.active.values()) {
      counts[alarm.sev]++;
      if (!isUnacked(alarm)) continue;
      unacked++;
      if (!top || rank(alarm) < rank(top) || (rank(alarm) === rank(top) && alarm.ts < top.ts)) top = alarm;
    }
    return { counts: counts as AlarmCounts, unacked, ...(top ? { top } : {}) };
  }
}

export function isUnacked(alarm: ActiveAlarm): boolean {
  return UNACKED_STATES.has(alarm.state);
}

function rank(alarm: ActiveAlarm): number {
  return ALARM_PRIORITIES.indexOf(alarm.sev);
}
