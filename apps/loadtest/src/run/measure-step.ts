import { histogramDelta, summarizeLatency, type HistogramSnapshot, type LatencySummary } from '@plantwatch/domain';
import type { HopName, ProcessUsage, StepResult, TargetName } from '../report/load-report.js';
import type { MqttProbe } from '../probe/mqtt-probe.js';
import type { ProcessSampler } from '../probe/process-sampler.js';
import { accountingDelta } from '../probe/seq-tracker.js';
import type { SocketProbe } from '../probe/socket-probe.js';
import type { IngestSnapshot, StackStatsProbe } from '../probe/stack-stats-probe.js';

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
  /** Publishes for the window and stops publishing; resolves when it has stopped. */
  readonly publish: () => Promise<void>;
  /** A step holds only with its last hop's p99 within this bound [ms]. */
  readonly p99BoundMs?: number;
  /** Longest wait for the last hop to catch up after publishing stopped [ms]. Default 60 s. */
  readonly drainBoundMs?: number;
  /** Progress line while the step runs. */
  readonly progress?: (line: string) => void;
}

interface Marks {
  readonly probe?: HistogramSnapshot;
  readonly probeSeq?: ReturnType<MqttProbe['accounting']>;
  readonly ingest?: IngestSnapshot;
  readonly socket?: HistogramSnapshot;
  readonly rateLimited?: number;
}

async function marks(meters: Meters): Promise<Marks> {
  return {
    ...(meters.probe === undefined ? {} : { probe: meters.probe.snapshot(), probeSeq: meters.probe.accounting() }),
    ...(meters.stats === undefined ? {} : { ingest: await meters.stats.next(Date.now()) }),
    ...(meters.socket === undefined ? {} : { socket: meters.socket.snapshot() }),
    ...(meters.stats?.broker === undefined ? {} : { rateLimited: meters.stats.broker.rateLimited }),
  };
}

/** Messages that reached the target's last hop since `start`: stored (pipeline) or received by the subscriber (relay). */
async function deliveredSince(meters: Meters, start: Marks): Promise<number> {
  if (meters.stats !== undefined) {
    const now = await meters.stats.next(Date.now());
    return now.latency.stored.count - (start.ingest?.latency.stored.count ?? 0);
  }
  return (meters.probe?.accounting().received ?? 0) - (start.probeSeq?.received ?? 0);
}

/**
 * Measures one window: marks every meter, lets the publishers run, waits for the last hop to
 * catch up (or the drain bound), and reports rates, loss, per-hop latency and process usage.
 */
export async function measureStep(meters: Meters, spec: StepSpec): Promise<StepResult> {
  const start = await marks(meters);
  const endUsage = await meters.sampler?.mark();
  const published0 = spec.published();
  const t0 = performance.now();
  const ticker = spec.progress === undefined ? undefined : setInterval(() => void progressLine(meters, spec, start, published0, t0).then(spec.progress, () => undefined), 5_000);
  try {
    await spec.publish();
  } finally {
    clearInterval(ticker);
  }
  const seconds = (performance.now() - t0) / 1000;
  const published = spec.published() - published0;
  const deliveredAtStop = await deliveredSince(meters, start);
  const drainStart = performance.now();
  const delivered = await drain(meters, start, published, spec.drainBoundMs ?? 60_000);
  const drainSeconds = Math.round((performance.now() - drainStart) / 100) / 10;
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
  const lost = Math.max(0, published - delivered);
  const signals = overloadSignals(start, end);
  const result: StepResult = {
    label: spec.label,
    offeredPerS: spec.offeredPerS,
    publishedPerS: round(published / seconds),
    deliveredPerS: round(deliveredAtStop / seconds),
    seconds: round(seconds),
    published,
    delivered,
    lost,
    ...(meters.probeSeesAll && start.probeSeq && meters.probe ? { seq: accountingDelta(meters.probe.accounting(), start.probeSeq) } : {}),
    hops,
    histograms,
    processes,
    drainSeconds,
    ...(signals.length > 0 ? { signals } : {}),
  };
  return spec.p99BoundMs === undefined ? result : { ...result, ...verdict(result, meters.target, spec.p99BoundMs) };
}

/** Polls the last hop until it has everything published, stops progressing for 5 s, or the bound. */
async function drain(meters: Meters, start: Marks, published: number, boundMs: number): Promise<number> {
  const deadline = performance.now() + boundMs;
  let delivered = await deliveredSince(meters, start);
  let lastProgress = performance.now();
  while (delivered < published && performance.now() < deadline && performance.now() - lastProgress < 5_000) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await deliveredSince(meters, start);
    if (now > delivered) lastProgress = performance.now();
    delivered = now;
  }
  return delivered;
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
  if (start.ingest && end.ingest) {
    if (end.ingest.spooled > start.ingest.spooled) signals.push(`ingest spooled ${end.ingest.spooled - start.ingest.spooled} points to disk (store behind)`);
    if (end.ingest.storeErrors > start.ingest.storeErrors) signals.push(`${end.ingest.storeErrors - start.ingest.storeErrors} store write error(s)`);
    const dead = Object.values(end.ingest.deadLettered).reduce((a, b) => a + b, 0) - Object.values(start.ingest.deadLettered).reduce((a, b) => a + b, 0);
    if (dead > 0) signals.push(`${dead} message(s) dead-lettered`);
    if (end.ingest.spoolBacklog > 0) signals.push(`ingest spool backlog ${end.ingest.spoolBacklog} batch(es) at the end`);
  }
  return signals;
}

async function progressLine(meters: Meters, spec: StepSpec, start: Marks, published0: number, t0: number): Promise<string> {
  const seconds = (performance.now() - t0) / 1000;
  const published = spec.published() - published0;
  const delivered = await deliveredSince(meters, start);
  const lastHop = meters.target === 'pipeline' ? 'stored' : 'broker';
  const histogram = meters.stats !== undefined ? (await meters.stats.next(0)).latency.stored : meters.probe?.snapshot();
  const p99 = histogram === undefined ? undefined : summarizeLatency(histogramDelta(histogram, meters.stats !== undefined ? start.ingest?.latency.stored : start.probe))?.p99;
  return `${spec.label}: ${Math.round(seconds)} s · offered ${spec.offeredPerS} msg/s · published ${round(published / seconds)} msg/s · ${lastHop} ${round(delivered / seconds)} msg/s · behind ${Math.max(0, published - delivered)} · ${lastHop} p99 ${p99 ?? '—'} ms`;
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
