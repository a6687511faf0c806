import type { Recovery, TimelinePoint } from '../report/load-report.js';

/** The peak ends when the published rate is back under this multiple of the run's median rate. */
const PEAK_END_FACTOR = 1.5;

/**
 * How a run took its peak (fault-storm's reconnect replay): the interval with the highest
 * published rate (live + backfill), the run's median rate as its baseline, and the recovery time
 * — from the end of the peak (the rate back under 1.5× the median) until the last hop had caught
 * up again: at most one second of median traffic behind, and the interval's p99 back to normal
 * (within the bound, or within 1.5× the median interval p99 before the peak when that is higher:
 * a plant's gateways batch, so its steady p99 may sit above a fleet's bound).
 * `recoverySeconds` is null when that did not happen before the timeline ended.
 */
export function recoveryOf(timeline: readonly TimelinePoint[], p99BoundMs: number): Recovery | undefined {
  if (timeline.length < 3) return undefined;
  const at = (i: number): TimelinePoint => timeline[i] as TimelinePoint; // i < timeline.length
  const rates = timeline.map((p) => p.publishedPerS).sort((a, b) => a - b);
  const medianPerS = rates[Math.floor(rates.length / 2)] ?? 0;
  let peakIndex = 0;
  for (let i = 1; i < timeline.length; i++) if (at(i).publishedPerS > at(peakIndex).publishedPerS) peakIndex = i;
  const peak = at(peakIndex);
  let endIndex = peakIndex;
  while (endIndex < timeline.length - 1 && at(endIndex).publishedPerS > PEAK_END_FACTOR * medianPerS) endIndex++;
  const peakEnd = at(endIndex);
  const p99s = timeline.slice(0, peakIndex).flatMap((p) => (p.p99Ms === undefined ? [] : [p.p99Ms])).sort((a, b) => a - b);
  const normalP99Ms = Math.max(p99BoundMs, PEAK_END_FACTOR * (p99s[Math.floor(p99s.length / 2)] ?? 0));
  const caughtUp = (p: TimelinePoint): boolean => p.behind <= Math.max(1, medianPerS) && (p.p99Ms ?? 0) <= normalP99Ms;
  const recovered = timeline.slice(endIndex).find(caughtUp);
  return {
    medianPerS,
    peakPerS: peak.publishedPerS,
    peakAtS: peak.atS,
    peakFactor: medianPerS > 0 ? Math.round((peak.publishedPerS / medianPerS) * 10) / 10 : 0,
    peakEndAtS: peakEnd.atS,
    maxBehind: Math.max(...timeline.map((p) => p.behind)),
    normalP99Ms,
    recoveredAtS: recovered?.atS ?? null,
    recoverySeconds: recovered === undefined ? null : recovered.atS - peakEnd.atS,
  };
}
