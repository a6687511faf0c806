/**
 * A latency histogram with log-spaced buckets (≈ 4.4 % wide, 1 ms … ~19 h), cheap enough for a
 * hot path: `record` is one Math.log and one array increment, no allocation. Snapshots are sparse
 * `[bucket, count]` pairs and subtract, so a load run can take the difference of two snapshots of
 * a long-running service (ingest publishes its own) and read quantiles of just that window.
 */
const BUCKETS_PER_DOUBLING = 16;
const BUCKET_COUNT = 26 * BUCKETS_PER_DOUBLING; // 2^26 ms ≈ 18.6 h
const SCALE = BUCKETS_PER_DOUBLING / Math.LN2;

/** Serialisable histogram: sparse `[bucket, count]` pairs plus exact count, sum and max [ms]. */
export interface HistogramSnapshot {
  readonly count: number;
  readonly sumMs: number;
  readonly maxMs: number;
  readonly buckets: readonly (readonly [number, number])[];
}

/** Quantiles of a histogram [ms]; a bucket's upper edge stands for its values (error ≤ 4.4 %). */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

function bucketOf(ms: number): number {
  if (!(ms > 1)) return 0;
  return Math.min(BUCKET_COUNT - 1, Math.ceil(Math.log(ms) * SCALE));
}

/** Upper edge of a bucket [ms]. */
function upperEdge(bucket: number): number {
  return Math.exp(bucket / SCALE);
}

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKET_COUNT);
  private total = 0;
  private sum = 0;
  private max = 0;

  /** Records one latency [ms]; negative values (clock skew) count as 0, NaN is ignored. */
  record(ms: number): void {
    if (Number.isNaN(ms)) return;
    const value = ms < 0 ? 0 : ms;
    const bucket = bucketOf(value);
    this.counts[bucket] = (this.counts[bucket] ?? 0) + 1;
    this.total++;
    this.sum += value;
    if (value > this.max) this.max = value;
  }

  get count(): number {
    return this.total;
  }

  snapshot(): HistogramSnapshot {
    const buckets: [number, number][] = [];
    this.counts.forEach((count, i) => {
      if (count !== 0) buckets.push([i, count]);
    });
    return { count: this.total, sumMs: this.sum, maxMs: this.max, buckets };
  }
}

/**
 * `later − earlier` of two snapshots of the same histogram: the values recorded in between.
 * `maxMs` cannot be subtracted; it is the highest bucket edge seen in the window (or the later
 * exact max when the window holds it).
 */
export function histogramDelta(later: HistogramSnapshot, earlier: HistogramSnapshot | undefined): HistogramSnapshot {
  if (earlier === undefined) return later;
  const before = new Map(earlier.buckets);
  const buckets: [number, number][] = [];
  for (const [bucket, count] of later.buckets) {
    const n = count - (before.get(bucket) ?? 0);
    if (n > 0) buckets.push([bucket, n]);
  }
  const top = buckets.at(-1);
  const maxMs = top === undefined ? 0 : later.maxMs > earlier.maxMs ? later.maxMs : Math.min(later.maxMs, upperEdge(top[0]));
  return { count: later.count - earlier.count, sumMs: later.sumMs - earlier.sumMs, maxMs, buckets };
}

/** Merges snapshots (e.g. several probes' histograms). */
export function mergeHistograms(snapshots: readonly HistogramSnapshot[]): HistogramSnapshot {
  const sum = new Map<number, number>();
  for (const s of snapshots) for (const [bucket, count] of s.buckets) sum.set(bucket, (sum.get(bucket) ?? 0) + count);
  return {
    count: snapshots.reduce((n, s) => n + s.count, 0),
    sumMs: snapshots.reduce((n, s) => n + s.sumMs, 0),
    maxMs: snapshots.reduce((m, s) => Math.max(m, s.maxMs), 0),
    buckets: [...sum.entries()].sort((a, b) => a[0] - b[0]),
  };
}

/** p50/p95/p99/max/mean of a snapshot, or undefined when it holds no value. */
export function summarizeLatency(snapshot: HistogramSnapshot): LatencySummary | undefined {
  if (snapshot.count <= 0) return undefined;
  const quantile = (q: number): number => {
    const rank = Math.ceil(q * snapshot.count);
    let seen = 0;
    for (const [bucket, count] of snapshot.buckets) {
      seen += count;
      if (seen >= rank) return Math.min(bucket === 0 ? 1 : upperEdge(bucket), snapshot.maxMs);
    }
    return snapshot.maxMs;
  };
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return { count: snapshot.count, p50: round(quantile(0.5)), p95: round(quantile(0.95)), p99: round(quantile(0.99)), max: round(snapshot.maxMs), mean: round(snapshot.sumMs / snapshot.count) };
}
