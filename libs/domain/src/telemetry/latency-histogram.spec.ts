import { describe, expect, it } from 'vitest';
import { histogramDelta, LatencyHistogram, mergeHistograms, summarizeLatency } from './latency-histogram.js';

describe('LatencyHistogram', () => {
  it('reads quantiles within one bucket (≤ 4.4 %) of the exact values', () => {
    const h = new LatencyHistogram();
    for (let ms = 1; ms <= 1_000; ms++) h.record(ms);
    const s = summarizeLatency(h.snapshot());
    expect(s?.count).toBe(1_000);
    expect(s?.p50).toBeGreaterThanOrEqual(500);
    expect(s?.p50).toBeLessThanOrEqual(500 * 1.045);
    expect(s?.p99).toBeGreaterThanOrEqual(990);
    expect(s?.p99).toBeLessThanOrEqual(1_000);
    expect(s?.max).toBe(1_000);
    expect(s?.mean).toBe(500.5);
  });

  it('counts negative latencies (clock skew) as 0 and ignores NaN', () => {
    const h = new LatencyHistogram();
    h.record(-20);
    h.record(Number.NaN);
    expect(summarizeLatency(h.snapshot())).toMatchObject({ count: 1, p50: 0, max: 0 });
  });

  it('subtracts two snapshots to the values recorded in between', () => {
    const h = new LatencyHistogram();
    for (let i = 0; i < 100; i++) h.record(5);
    const before = h.snapshot();
    for (let i = 0; i < 10; i++) h.record(2_000);
    const window = summarizeLatency(histogramDelta(h.snapshot(), before));
    expect(window?.count).toBe(10);
    expect(window?.p50).toBe(2_000);
    expect(summarizeLatency(histogramDelta(h.snapshot(), h.snapshot()))).toBeUndefined();
  });

  it('merges snapshots', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    a.record(10);
    b.record(1_000);
    b.record(1_000);
    const merged = summarizeLatency(mergeHistograms([a.snapshot(), b.snapshot()]));
    expect(merged).toMatchObject({ count: 3, max: 1_000 });
    expect(merged?.p50).toBe(1_000);
  });
});
