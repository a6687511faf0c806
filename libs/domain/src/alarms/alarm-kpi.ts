import type { AlarmChange } from './alarm-record.js';

/**
 * Alarm-system performance KPIs after EEMUA 191 ("Alarm Systems — A Guide to Design, Management
 * and Procurement") and ANSI/ISA-18.2 benchmarks (domain.md §3.4): annunciated alarms per 10 min
 * per operator position (target ≈ 1), flood episodes (start > 10 in 10 min, end < 5), % time in
 * flood, peak 10-min rate, chattering (≥ 3 activations in 60 s), stale alarms (active > 24 h),
 * top-10 bad actors and priority mix. Pure: computed from the transition history.
 */
export interface KpiOptions {
  readonly windowMs: number;
  readonly floodStart: number;
  readonly floodEnd: number;
  readonly chatterCount: number;
  readonly chatterWindowMs: number;
  readonly staleAfterMs: number;
}

export const DEFAULT_KPI_OPTIONS: KpiOptions = { windowMs: 600_000, floodStart: 10, floodEnd: 5, chatterCount: 3, chatterWindowMs: 60_000, staleAfterMs: 86_400_000 };

export interface FloodEpisode {
  readonly position: string;
  readonly start: number;
  /** undefined: still in flood at the end of the range. */
  readonly end?: number;
  readonly alarms: number;
  readonly peak: number;
}

export interface PositionKpi {
  readonly position: string;
  readonly alarms: number;
  readonly avgPer10Min: number;
  readonly maxPer10Min: number;
  readonly floodEpisodes: number;
  readonly pctTimeInFlood: number;
}

export interface AlarmKpis {
  readonly from: number;
  readonly to: number;
  readonly annunciated: number;
  readonly positions: PositionKpi[];
  readonly floods: FloodEpisode[];
  /** Most alarms in any sliding 10-min window, over all positions. */
  readonly peakPer10Min: number;
  readonly pctTimeInFlood: number;
  readonly chattering: { readonly id: string; readonly activations: number }[];
  readonly stale: { readonly id: string; readonly activeSince: number }[];
  readonly badActors: { readonly id: string; readonly code: string; readonly activations: number; readonly pct: number }[];
  readonly priorityMix: Readonly<Record<string, { readonly count: number; readonly pct: number }>>;
}

/** An annunciated activation: a raise (or re-annunciation) that reached an operator unacknowledged. */
export function isActivation(change: AlarmChange): boolean {
  return change.values.state === 'active_unack' && (change.values.event === 'raise' || change.values.event === 'unshelve' || change.values.event === 'unsuppress' || change.values.event === 'in_service');
}

/** The operator position of an alarm (`shift-a.kiln-operator` → `kiln-operator`). */
export function positionOf(change: AlarmChange): string {
  const owner = change.values.owner;
  return owner === undefined ? 'unassigned' : owner.slice(owner.indexOf('.') + 1);
}

const pct = (part: number, whole: number): number => (whole === 0 ? 0 : Math.round((1000 * part) / whole) / 10);

/** KPIs over [from, to) from a transition history (any order). */
export function computeAlarmKpis(history: readonly AlarmChange[], from: number, to: number, options: KpiOptions = DEFAULT_KPI_OPTIONS): AlarmKpis {
  const changes = history.filter((c) => c.ts >= from && c.ts < to).sort((a, b) => a.ts - b.ts);
  const activations = changes.filter(isActivation);
  const byPosition = groupBy(activations, positionOf);
  const floods: FloodEpisode[] = [];
  const positions = [...byPosition].map(([position, list]) => {
    const times = list.map((c) => c.ts);
    const episodes = floodEpisodes(position, times, to, options);
    floods.push(...episodes);
    const buckets = Math.max(1, Math.ceil((to - from) / options.windowMs));
    return {
      position,
      alarms: list.length,
      avgPer10Min: Math.round((100 * list.length) / buckets) / 100,
      maxPer10Min: peakInWindow(times, options.windowMs),
      floodEpisodes: episodes.length,
      pctTimeInFlood: pct(floodTime(episodes, to), to - from),
    };
  });
  const all = floodEpisodes('*', activations.map((c) => c.ts), to, options);
  return {
    from,
    to,
    annunciated: activations.length,
    positions: positions.sort((a, b) => b.alarms - a.alarms),
    floods: floods.sort((a, b) => a.start - b.start),
    peakPer10Min: peakInWindow(activations.map((c) => c.ts), options.windowMs),
    pctTimeInFlood: pct(floodTime(all, to), to - from),
    chattering: chattering(activations, options),
    stale: staleAlarms(history, to, options.staleAfterMs),
    badActors: badActors(activations),
    priorityMix: priorityMix(activations),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Most activations in any window [t − W, t] ending at an activation (times ascending). */
export function peakInWindow(times: readonly number[], windowMs: number): number {
  let peak = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[start] ?? 0) <= (times[end] ?? 0) - windowMs) start++;
    peak = Math.max(peak, end - start + 1);
  }
  return peak;
}

/**
 * Flood episodes (EEMUA 191): a flood starts when the trailing 10-min count exceeds
 * `floodStart` and ends when it falls below `floodEnd`; counts change when an activation
 * arrives (t) or leaves the window (t + W).
 */
export function floodEpisodes(position: string, times: readonly number[], to: number, options: KpiOptions): FloodEpisode[] {
  const points = [...times.map((t) => ({ t, d: 1 })), ...times.map((t) => ({ t: t + options.windowMs, d: -1 }))].sort((a, b) => a.t - b.t || a.d - b.d);
  const episodes: FloodEpisode[] = [];
  let count = 0;
  let current: { start: number; alarms: number; peak: number } | undefined;
  for (const { t, d } of points) {
    count += d;
    if (d > 0 && current) {
      current.alarms++;
      current.peak = Math.max(current.peak, count);
    }
    if (!current && d > 0 && count > options.floodStart) current = { start: t, alarms: count, peak: count };
    if (current && d < 0 && count < options.floodEnd) {
      episodes.push({ position, start: current.start, end: Math.min(t, to), alarms: current.alarms, peak: current.peak });
      current = undefined;
    }
  }
  if (current) episodes.push({ position, start: current.start, alarms: current.alarms, peak: current.peak });
  return episodes.filter((e) => e.start < to);
}

function floodTime(episodes: readonly FloodEpisode[], to: number): number {
  return episodes.reduce((sum, e) => sum + ((e.end ?? to) - e.start), 0);
}

function chattering(activations: readonly AlarmChange[], options: KpiOptions): { id: string; activations: number }[] {
  const result: { id: string; activations: number }[] = [];
  for (const [id, list] of groupBy(activations, (c) => c.values.id)) {
    if (peakInWindow(list.map((c) => c.ts), options.chatterWindowMs) >= options.chatterCount) result.push({ id, activations: list.length });
  }
  return result.sort((a, b) => b.activations - a.activations);
}

/** Alarms still active at `to` that have been active for longer than `staleAfterMs` (ISA-18.2 stale alarm). */
function staleAlarms(history: readonly AlarmChange[], to: number, staleAfterMs: number): { id: string; activeSince: number }[] {
  const last = new Map<string, AlarmChange>();
  for (const change of history) if (change.ts < to && (last.get(change.values.id)?.ts ?? -Infinity) <= change.ts) last.set(change.values.id, change);
  const stale: { id: string; activeSince: number }[] = [];
  for (const [id, change] of last) {
    const since = change.values.activeSince;
    if (since !== undefined && change.values.state !== 'normal' && change.values.state !== 'rtn_unack' && to - since > staleAfterMs) stale.push({ id, activeSince: since });
  }
  return stale.sort((a, b) => a.activeSince - b.activeSince);
}

function badActors(activations: readonly AlarmChange[]): AlarmKpis['badActors'] {
  return [...groupBy(activations, (c) => c.values.id)]
    .map(([id, list]) => ({ id, code: list[0]?.values.code ?? '', activations: list.length, pct: pct(list.length, activations.length) }))
    .sort((a, b) => b.activations - a.activations || a.id.localeCompare(b.id))
    .slice(0, 10);
}

function priorityMix(activations: readonly AlarmChange[]): AlarmKpis['priorityMix'] {
  const mix: Record<string, { count: number; pct: number }> = {};
  for (const sev of ['critical', 'high', 'medium', 'low']) {
    const count = activations.filter((c) => c.values.sev === sev).length;
    mix[sev] = { count, pct: pct(count, activations.length) };
  }
  return mix;
}
