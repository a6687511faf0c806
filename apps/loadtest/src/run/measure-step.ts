import { histogramDelta, summarizeLatency, type HistogramSnapshot, type LatencySummary } from '@plantwatch/domain';
import type { HopName, ProcessUsage, StepResult, TargetName, TimelinePoint } from '../report/load-report.js';
import type { MqttProbe } from '../probe/mqtt-probe.js';
import type { ProcessSampler } from '../probe/process-sampler.js';
import { accountingDelta } from '../probe/seq-tracker.js';
import type { SocketProbe } from '../probe/socket-probe.js';
import type { IngestSnapshot, StackStatsProbe } from '../probe/stack-stats-probe.js';
import { recoveryOf } from './recovery.js';

/** What measures a target: the pipeline (stack stats + probes) or the bare relay (its subscriber). */
export interface Meters {
  readonly target: TargetName;
  /** Broker-hop subscriber; for the relay it is the one wildcard subscriber, the last hop. */
  readonly probe?: MqttProbe;
  /** The probe subscribes to every stream (seq accounting is meaningful), not a sample. */
  readonly probeSeesAll: boolean;
  readonly stats?: StackStatsProbe;
  readonly socket?: SocketProbe;
  readonly sampler?: ProcessSampler;
}

export interface StepSpec {
  readonly label: string;
  readonly offeredPerS: number;
  /** Messages with a `seq` the publishers have put on the wire so far (monotonic). */
  readonly published: () => number;
  /** Gateway backfill (`stale`) messages the publishers have put on the wire so far (monotonic). */
  readonly backfill?: () => number;
  /** Publishes for the window and stops publishing; resolves when it has stopped. */
  readonly publish: () => Promise<void>;
  /** A step holds only with its last hop's p99 within this bound [ms]. */
  readonly p99BoundMs?: number;
  /** Longest wait for the last hop to catch up after publishing stopped [ms]. Default 60 s. */
  readonly drainBoundMs?: number;
  /** Progress line while the step runs. */
  readonly progress?: (line: string) => void;
  /** Record the window in 5 s intervals and report its peak and recovery time. */
  readonly timeline?: boolean;
}

interface Marks {
  readonly probe?: HistogramSnapshot;
  readonly probeSeq?: ReturnType<MqttProbe['accounting']>;
  readonly ingest?: IngestSnapshot;
  readonly socket?: HistogramSnapshot;
  readonly rateLimited?: number;
  readonly ingressHeld?: number;
}

async function marks(meters: Meters): Promise<Marks> {
  return {
    ...(meters.probe === undefined ? {} : { probe: meters.probe.snapshot(), probeSeq: meters.probe.accounting() }),
    ...(meters.stats === undefined ? {} : { ingest: await meters.stats.next(Date.now()) }),
    ...(meters.socket === undefined ? {} : { socket: meters.socket.snapshot() }),
    ...(meters.stats?.broker === undefined ? {} : { rateLimited: meters.stats.broker.rateLimited, ingressHeld: meters.stats.broker.ingressHeld ?? 0 }),
  };
}

/** What reached the target's last hop since `start`: stored (pipeline) or received by the subscriber (relay). */
interface LastHop {
  /** Live stream messages. */
  readonly delivered: number;
  /** Gateway backfill (pipeline only). */
  readonly backfill: number;
  /** Cumulative latency histogram of the last hop (live messages). */
  readonly histogram: HistogramSnapshot | undefined;
}

async function lastHopSince(meters: Meters, start: Marks): Promise<LastHop> {
  if (meters.stats !== undefined) {
    const now = await meters.stats.next(Date.now());
    return { delivered: now.latency.stored.count - (start.ingest?.latency.stored.count ?? 0), backfill: (now.storedBackfill ?? 0) - (start.ingest?.storedBackfill ?? 0), histogram: now.latency.stored };
  }
  return { delivered: (meters.probe?.accounting().received ?? 0) - (start.probeSeq?.received ?? 0), backfill: 0, histogram: meters.probe?.snapshot() };
}

/**
 * Measures one window: marks every meter, lets the publishers run, waits for the last hop to
 * catch up (or the drain bound), and reports rates, loss, per-hop latency and process usage.
 */
export async function measureStep(meters: Meters, spec: StepSpec): Promise<StepResult> {
  const start = await marks(meters);
  const endUsage = await meters.sampler?.mark();
  const published0 = spec.published();
  const backfill0 = spec.backfill?.() ?? 0;
  const sent = (): { live: number; backfill: number } => ({ live: spec.published() - published0, backfill: (spec.backfill?.() ?? 0) - backfill0 });
  const t0 = performance.now();
  const intervals = new Intervals(meters, spec, start, sent, t0);
  const ticker = setInterval(() => void intervals.tick(), 5_000);
  let publishing = 0;
  let deliveredAtStop = 0;
  let drained: { hop: LastHop; drainSeconds: number };
  try {
    await spec.publish();
    publishing = (performance.now() - t0) / 1000;
    deliveredAtStop = (await lastHopSince(meters, start)).delivered;
    const drainStart = performance.now();
    drained = { hop: await drain(meters, start, sent(), spec.drainBoundMs ?? 60_000), drainSeconds: Math.round((performance.now() - drainStart) / 100) / 10 };
  } finally {
    clearInterval(ticker);
  }
  const { live: published, backfill } = sent();
  const processes: ProcessUsage[] = endUsage === undefined ? [] : await endUsage();
  const end = await marks(meters);
  const histograms: Partial<Record<HopName, HistogramSnapshot>> = {};
  if (start.probe && meters.probe) histograms.broker = histogramDelta(meters.probe.snapshot(), start.probe);
  if (start.ingest && end.ingest) {
    histograms.ingest = histogramDelta(end.ingest.latency.received, start.ingest.latency.received);
    histograms.stored = histogramDelta(end.ingest.latency.stored, start.ingest.latency.stored);
  }
  if (start.socket && meters.socket) histograms.socket = histogramDelta(meters.socket.snapshot(), start.socket);
  const hops: Partial<Record<HopName, LatencySummary>> = {};
  for (const [hop, h] of Object.entries(histograms) as [HopName, HistogramSnapshot][]) {
    const summary = summarizeLatency(h);
    if (summary !== undefined) hops[hop] = summary;
  }
  const lost = Math.max(0, published - drained.hop.delivered) + Math.max(0, backfill - drained.hop.backfill);
  const signals = overloadSignals(start, end);
  const recovery = spec.timeline === true ? recoveryOf(intervals.timeline, spec.p99BoundMs ?? DEFAULT_P99_BOUND_MS) : undefined;
  const result: StepResult = {
    label: spec.label,
    offeredPerS: spec.offeredPerS,
    publishedPerS: round(published / publishing),
    deliveredPerS: round(deliveredAtStop / publishing),
    seconds: round(publishing),
    published,
    delivered: drained.hop.delivered,
    lost,
    ...(meters.probeSeesAll && start.probeSeq && meters.probe ? { seq: accountingDelta(meters.probe.accounting(), start.probeSeq) } : {}),
    hops,
    histograms,
    processes,
    drainSeconds: drained.drainSeconds,
    ...(signals.length > 0 ? { signals } : {}),
    ...(backfill > 0 || drained.hop.backfill > 0 ? { backfill: { published: backfill, delivered: drained.hop.backfill } } : {}),
    ...(spec.timeline === true ? { timeline: intervals.timeline } : {}),
    ...(recovery === undefined ? {} : { recovery }),
  };
  return spec.p99BoundMs === undefined ? result : { ...result, ...verdict(result, meters.target, spec.p99BoundMs) };
}

/** Bound for "caught up" in a recovery when the step has none of its own [ms]. */
const DEFAULT_P99_BOUND_MS = 2_000;

/** Every 5 s: one timeline point (rates in the interval, backlog, interval p99) and the progress line. */
class Intervals {
  readonly timeline: TimelinePoint[] = [];
  private previous: { atS: number; sent: number; delivered: number; histogram: HistogramSnapshot | undefined };
  private busy = false;

  constructor(
    private readonly meters: Meters,
    private readonly spec: StepSpec,
    private readonly start: Marks,
    private readonly sent: () => { live: number; backfill: number },
    private readonly t0: number,
  ) {
    this.previous = { atS: 0, sent: 0, delivered: 0, histogram: meters.stats !== undefined ? start.ingest?.latency.stored : start.probe };
  }

  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const hop = await lastHopSince(this.meters, this.start);
      const atS = Math.round((performance.now() - this.t0) / 1000);
      const { live, backfill } = this.sent();
      const sent = live + backfill;
      const delivered = hop.delivered + hop.backfill;
      const seconds = Math.max(1e-3, atS - this.previous.atS);
      const p99 = hop.histogram === undefined ? undefined : summarizeLatency(histogramDelta(hop.histogram, this.previous.histogram))?.p99;
      const point: TimelinePoint = { atS, publishedPerS: round((sent - this.previous.sent) / seconds), deliveredPerS: round((delivered - this.previous.delivered) / seconds), behind: Math.max(0, sent - delivered), ...(p99 === undefined ? {} : { p99Ms: p99 }) };
      this.timeline.push(point);
      this.previous = { atS, sent, delivered, histogram: hop.histogram };
      const lastHop = this.meters.target === 'pipeline' ? 'stored' : 'broker';
      this.spec.progress?.(`${this.spec.label}: ${atS} s · offered ${this.spec.offeredPerS} msg/s · published ${point.publishedPerS} msg/s · ${lastHop} ${point.deliveredPerS} msg/s · behind ${point.behind} · ${lastHop} p99 ${point.p99Ms ?? '—'} ms`);
    } catch {
      // A missed interval (stats not there in time) is left out of the timeline.
    } finally {
      this.busy = false;
    }
  }
}

/**
 * How long the last hop may make no progress before the drain gives up and counts the rest lost.
 * 15 s: past the knee the store takes a backlog in bursts, with pauses of 5–10 s between them.
 */
const DRAIN_STALL_MS = 15_000;

/** Polls the last hop until it has everything published, stops progressing for {@link DRAIN_STALL_MS}, or the bound. */
async function drain(meters: Meters, start: Marks, sent: { live: number; backfill: number }, boundMs: number): Promise<LastHop> {
  const deadline = performance.now() + boundMs;
  const complete = (hop: LastHop): boolean => hop.delivered >= sent.live && hop.backfill >= sent.backfill;
  let hop = await lastHopSince(meters, start);
  let lastProgress = performance.now();
  while (!complete(hop) && performance.now() < deadline && performance.now() - lastProgress < DRAIN_STALL_MS) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await lastHopSince(meters, start);
    if (now.delivered + now.backfill > hop.delivered + hop.backfill) lastProgress = performance.now();
    hop = now;
  }
  return hop;
}

/** A ramp step holds with zero loss, the publishers keeping the offered rate, and p99 within bound. */
function verdict(step: StepResult, target: TargetName, p99BoundMs: number): { held: boolean; reason?: string } {
  const lastHop: HopName = target === 'pipeline' ? 'stored' : 'broker';
  const p99 = step.hops[lastHop]?.p99;
  if (step.lost > 0) return { held: false, reason: `${step.lost} message(s) lost` };
  if (step.publishedPerS < 0.95 * step.offeredPerS) return { held: false, reason: `publishers reached only ${step.publishedPerS} of ${step.offeredPerS} msg/s (back-pressure)` };
  if (p99 === undefined) return { held: false, reason: `nothing measured at the ${lastHop} hop` };
  if (p99 > p99BoundMs) return { held: false, reason: `${lastHop} p99 ${p99} ms > ${p99BoundMs} ms` };
  return { held: true };
}

function overloadSignals(start: Marks, end: Marks): string[] {
  const signals: string[] = [];
  if (start.rateLimited !== undefined && end.rateLimited !== undefined && end.rateLimited > start.rateLimited) signals.push(`broker throttled ${end.rateLimited - start.rateLimited} PUBLISH packets (per-client rate limit)`);
  if (start.ingressHeld !== undefined && end.ingressHeld !== undefined && end.ingressHeld > start.ingressHeld) signals.push(`broker held the reading of ${end.ingressHeld - start.ingressHeld} PUBLISH chunks (delivery backlog over its high mark: back-pressure on the publishers)`);
  if (start.ingest && end.ingest) {
    if (end.ingest.spooled > start.ingest.spooled) signals.push(`ingest spooled ${end.ingest.spooled - start.ingest.spooled} points to disk (store behind)`);
    if (end.ingest.storeErrors > start.ingest.storeErrors) signals.push(`${end.ingest.storeErrors - start.ingest.storeErrors} store write error(s)`);
    const dead = Object.values(end.ingest.deadLettered).reduce((a, b) => a + b, 0) - Object.values(start.ingest.deadLettered).reduce((a, b) => a + b, 0);
    if (dead > 0) signals.push(`${dead} message(s) dead-lettered`);
    if (end.ingest.spoolBacklog > 0) signals.push(`ingest spool backlog ${end.ingest.spoolBacklog} batch(es) at the end`);
  }
  return signals;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
