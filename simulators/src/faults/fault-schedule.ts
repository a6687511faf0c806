import { fnv1a, Rng } from '../kit/rng.js';
import type { Scheduler } from '../kit/scheduler.js';
import type { FaultInjector, FaultTarget } from './fault-injector.js';

type Scalar = number | string | boolean;

/** Which devices a timeline entry hits (all given conditions must hold). */
export interface FaultSelector {
  /** One device key. */
  readonly device?: string;
  readonly type?: string;
  /** Glob over the device key: `*` within one level, `**` across levels. */
  readonly match?: string;
  /** Scenario device parameters, each equal to the value or one of a list (`cell: [1, 2]`). */
  readonly params?: Readonly<Record<string, Scalar | readonly Scalar[]>>;
  /** At most this many of the matches. */
  readonly count?: number;
  /** `first` in model order (default) or a seeded `random` sample. */
  readonly pick?: 'first' | 'random';
}

/** One scripted injection (domain.md §4.5 timeline row). */
export interface TimelineEntry {
  /** Offset from the simulation start [simulated ms]. */
  readonly atMs: number;
  readonly fault: string;
  readonly select: FaultSelector;
  readonly options?: Readonly<Record<string, number | string>>;
  /** Clears after this long [ms]; absent = until the end or a CLI clear. */
  readonly forMs?: number;
  readonly note?: string;
}

/** Random failures of one fault on every device of a type (domain.md §4: MTBF/MTTR). */
export interface MtbfSpec {
  readonly type: string;
  readonly fault: string;
  /** Mean time between failures of ONE device [h]. */
  readonly mtbfH: number;
  /** Repair time range [min], drawn uniformly. */
  readonly mttrMin: readonly [number, number];
  readonly options?: Readonly<Record<string, number | string>>;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.split('**').map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')).join('.*');
  return new RegExp(`^${body}$`);
}

function paramsMatch(target: FaultTarget, wanted: FaultSelector['params']): boolean {
  if (wanted === undefined) return true;
  return Object.entries(wanted).every(([name, value]) => {
    const actual = target.params?.[name];
    return Array.isArray(value) ? (value as readonly Scalar[]).includes(actual as Scalar) : actual === value;
  });
}

/** The targets a selector picks, deterministic for a seed. */
export function selectTargets(targets: readonly FaultTarget[], selector: FaultSelector, seed: number): FaultTarget[] {
  const pattern = selector.match === undefined ? undefined : globToRegExp(selector.match);
  const hits = targets.filter(
    (t) => (selector.device === undefined || t.key === selector.device) && (selector.type === undefined || t.type === selector.type) && (pattern === undefined || pattern.test(t.key)) && paramsMatch(t, selector.params),
  );
  const count = selector.count ?? hits.length;
  if (selector.pick !== 'random' || count >= hits.length) return hits.slice(0, count);
  const rng = Rng.forKey(seed, `select/${JSON.stringify(selector)}`);
  for (let i = hits.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [hits[i], hits[j]] = [hits[j] as FaultTarget, hits[i] as FaultTarget];
  }
  return hits.slice(0, count);
}

/** Schedules a scenario timeline from `startMs`; returns how many (entry × device) injections. */
export function scheduleTimeline(injector: FaultInjector, scheduler: Scheduler, startMs: number, entries: readonly TimelineEntry[], seed: number): number {
  let planned = 0;
  for (const entry of entries) {
    const targets = selectTargets(injector.all, entry.select, seed);
    planned += targets.length;
    scheduler.at(startMs + entry.atMs, () => {
      for (const target of targets) {
        injector.tryInject({ faultCode: entry.fault, device: target.key, source: 'timeline', ...(entry.options === undefined ? {} : { options: entry.options }), ...(entry.forMs === undefined ? {} : { durationMs: entry.forMs }) });
      }
    });
  }
  return planned;
}

/**
 * Random faults by MTBF/MTTR without a timer per device: the failures of N devices with MTBF m
 * form one Poisson process of rate N/m, so each spec keeps one next-failure task; the failing
 * device is drawn among those not already faulted. `mtbfFactor` scales every MTBF (domain.md
 * §4.2 H7: digitalised = ×2).
 */
export function startRandomFaults(injector: FaultInjector, scheduler: Scheduler, startMs: number, specs: readonly MtbfSpec[], seed: number, mtbfFactor = 1): void {
  for (const spec of specs) {
    const population = injector.all.filter((t) => t.type === spec.type && t.faults[spec.fault] !== undefined);
    if (population.length === 0 || !(spec.mtbfH > 0)) continue;
    const rng = new Rng((seed ^ fnv1a(`mtbf/${spec.type}/${spec.fault}`)) >>> 0);
    const meanGapMs = (spec.mtbfH * mtbfFactor * 3_600_000) / population.length;
    const next = (from: number): void => {
      scheduler.at(from + meanGapMs * -Math.log(1 - rng.float()), (due) => {
        const idle = population.filter((t) => !injector.isActive(spec.fault, t.key));
        const target = idle.length === 0 ? undefined : idle[rng.int(0, idle.length - 1)];
        const durationMs = rng.uniform(spec.mttrMin[0], spec.mttrMin[1]) * 60_000;
        if (target !== undefined) injector.tryInject({ faultCode: spec.fault, device: target.key, source: 'random', durationMs, ...(spec.options === undefined ? {} : { options: spec.options }) });
        next(due);
      });
    };
    next(startMs);
  }
}
