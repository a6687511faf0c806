import type { HistogramSnapshot, LatencySummary } from '@plantwatch/domain';

/**
 * The JSON a load run writes (`<out>/report.json`); the Markdown summary and the SVG charts are
 * rendered from it alone. Latencies are cumulative from the device's source timestamp `ts`
 * (same machine, same clock) to each hop, in ms:
 * - `broker`: a probe subscriber received it from the broker (publish → broker → subscriber);
 * - `ingest`: ingest's MQTT handler took it;
 * - `stored`: the store acknowledged the batch holding it (InfluxDB: queryable from then on);
 * - `socket`: a headless socket.io client of the api received it (live values are coalesced
 *   to one per series per 250 ms, so this hop includes up to that wait).
 * Gateway backfill (`stale: true`) is left out of every latency.
 */
export const HOPS = ['broker', 'ingest', 'stored', 'socket'] as const;
export type HopName = (typeof HOPS)[number];

/** CPU and memory of one process over a window. */
export interface ProcessUsage {
  readonly name: string;
  readonly pid: number;
  /** Mean CPU over the window, % of one core (200 % = both cores of a 2-core machine). */
  readonly cpuPct: number;
  /** Peak resident set size [MiB]. */
  readonly rssMiB: number;
}

/** Message accounting by `seq` at one hop (per device stream). */
export interface SeqAccounting {
  readonly received: number;
  /** Gaps in `seq` that never filled. */
  readonly lost: number;
  readonly duplicates: number;
  readonly outOfOrder: number;
}

/** One interval (5 s) of a window: rates in the interval, backlog at its end. */
export interface TimelinePoint {
  /** Seconds since the window started, at the end of the interval. */
  readonly atS: number;
  /** Stream messages put on the wire, live and backfill [msg/s]. */
  readonly publishedPerS: number;
  /** Stream messages that reached the last hop, live and backfill [msg/s]. */
  readonly deliveredPerS: number;
  /** Published so far but not yet at the last hop. */
  readonly behind: number;
  /** p99 of the live messages that reached the last hop in the interval [ms]. */
  readonly p99Ms?: number;
}

/** How a window took its peak and how long the stack needed to catch up after it (run/recovery.ts). */
export interface Recovery {
  readonly medianPerS: number;
  readonly peakPerS: number;
  readonly peakAtS: number;
  /** Peak ÷ median rate. */
  readonly peakFactor: number;
  readonly peakEndAtS: number;
  /** Largest backlog at the last hop in the window. */
  readonly maxBehind: number;
  /** Interval p99 counted as normal again: max(bound, 1.5× the median interval p99 before the peak) [ms]. */
  readonly normalP99Ms: number;
  readonly recoveredAtS: number | null;
  /** From the end of the peak until caught up (backlog ≤ 1 s of traffic, p99 ≤ normalP99Ms); null = not in the window. */
  readonly recoverySeconds: number | null;
}

/** One measured window at one offered rate (a steady run has one, a ramp one per step). */
export interface StepResult {
  readonly label: string;
  /** Target rate [msg/s] (for scenario runs: the plant's nominal rate). */
  readonly offeredPerS: number;
  /** Rate the publishers actually put on the wire [msg/s]. */
  readonly publishedPerS: number;
  /** Rate that reached the target's last hop (pipeline: stored; relay: subscriber) [msg/s]. */
  readonly deliveredPerS: number;
  readonly seconds: number;
  /** Messages with a `seq` the publishers sent in the window (stale backfill excluded). */
  readonly published: number;
  /** Of those, how many reached the last hop (after the drain). */
  readonly delivered: number;
  /** published − delivered, never negative (duplicates do not hide a loss). */
  readonly lost: number;
  /** Accounting at the probe subscriber, when one ran on all topics. */
  readonly seq?: SeqAccounting;
  readonly hops: Partial<Record<HopName, LatencySummary>>;
  /** Raw histograms, so other tools can merge or re-quantile. */
  readonly histograms?: Partial<Record<HopName, HistogramSnapshot>>;
  readonly processes: readonly ProcessUsage[];
  /** Seconds after publishing stopped until the last hop had everything (or the drain bound). */
  readonly drainSeconds: number;
  /** Ramp steps: whether the step held (zero loss, rate kept up, p99 within bound). */
  readonly held?: boolean;
  /** Why a step did not hold. */
  readonly reason?: string;
  /** Clear overload signals seen in the window (broker throttling, ingest spooling, errors). */
  readonly signals?: readonly string[];
  /** Gateway backfill (`stale` replays) of the window: put on the wire, and stored (pipeline). Counted in `lost`. */
  readonly backfill?: { readonly published: number; readonly delivered: number };
  /** The window in 5 s intervals (steady runs). */
  readonly timeline?: readonly TimelinePoint[];
  /** Peak and recovery time (steady runs with a timeline). */
  readonly recovery?: Recovery;
}

export type TargetName = 'pipeline' | 'relay';

/** A named run: the steady scenario run, or a ramp against one target. */
export interface RunResult {
  readonly name: string;
  readonly kind: 'steady' | 'ramp';
  readonly target: TargetName;
  /** What was offered: scenario names or a fleet description. */
  readonly load: string;
  readonly steps: readonly StepResult[];
  /** Ramp: the highest offered rate that held with zero loss, or null when none did. */
  readonly kneePerS?: number | null;
}

/** The bare InfluxDB line-protocol writer baseline. */
export interface InfluxWriterBaseline {
  readonly url: string;
  readonly writers: number;
  readonly batchPoints: number;
  readonly seconds: number;
  readonly points: number;
  readonly pointsPerS: number;
  /** Float fields per point (plus the integer `seq`). */
  readonly fieldsPerPoint?: number;
}

/** Where one process spent its CPU (from `--cpu-prof`). */
export interface ProfileSummary {
  readonly process: string;
  readonly file: string;
  /** Sampled CPU time [ms] (idle excluded). */
  readonly busyMs: number;
  /** Self time by category (`aedes`, `mqtt`, `influx`, `@nestjs/*`, `zod`, `ours: apps/ingest`, `node: net`, `gc` …), highest first. */
  readonly byCategory: readonly { readonly category: string; readonly selfMs: number; readonly pct: number }[];
  /** Top functions by self time. */
  readonly topFunctions: readonly { readonly fn: string; readonly where: string; readonly selfMs: number; readonly pct: number }[];
  /** Set when the file could not be summarised (e.g. truncated); the other fields are then empty. */
  readonly warning?: string;
}

export interface LoadReport {
  readonly version: 1;
  readonly startedAt: string;
  readonly finishedAt: string;
  /** The command line that produced it. */
  readonly command: string;
  readonly machine: { readonly cpus: number; readonly cpuModel: string; readonly memGiB: number; readonly node: string; readonly os: string };
  /** Store behind the pipeline (`influx` or `embedded`), broker URL, options. */
  readonly config: Readonly<Record<string, string | number | boolean>>;
  readonly runs: readonly RunResult[];
  readonly baselines: { readonly influxWriter?: InfluxWriterBaseline };
  /** Knee of the pipeline ÷ knee of the bare relay, both from this invocation. */
  readonly ratio?: { readonly pipelineKneePerS: number; readonly relayKneePerS: number; readonly pipelineOverRelay: number };
  readonly profiles?: readonly ProfileSummary[];
  /** Human-readable findings (loss, crashes, overload signals, where time goes). */
  readonly findings: readonly string[];
}
