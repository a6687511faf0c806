import { describe, expect, it } from 'vitest';
import type { TimelinePoint } from '../report/load-report.js';
import { recoveryOf } from './recovery.js';

const point = (atS: number, publishedPerS: number, behind: number, p99Ms = 50): TimelinePoint => ({ atS, publishedPerS, deliveredPerS: publishedPerS, behind, p99Ms });

describe('recoveryOf', () => {
  it('times the recovery from the end of the peak until the last hop has caught up within the bound', () => {
    const timeline = [point(5, 1000, 0), point(10, 1000, 0), point(15, 6000, 9000, 4000), point(20, 5000, 20000, 9000), point(25, 1100, 8000, 7000), point(30, 1000, 500, 3000), point(35, 1000, 200, 900), point(40, 1000, 0)];
    expect(recoveryOf(timeline, 2000)).toEqual({
      medianPerS: 1000,
      peakPerS: 6000,
      peakAtS: 15,
      peakFactor: 6,
      peakEndAtS: 25,
      maxBehind: 20000,
      normalP99Ms: 2000,
      recoveredAtS: 35,
      recoverySeconds: 10,
    });
  });

  it('says so (null) when the last hop never caught up before the end', () => {
    const timeline = [point(5, 1000, 0), point(10, 8000, 30000, 20000), point(15, 1000, 25000, 20000), point(20, 1000, 20000, 20000)];
    expect(recoveryOf(timeline, 2000)).toMatchObject({ peakPerS: 8000, recoveredAtS: null, recoverySeconds: null });
  });

  it('counts a plant whose steady p99 sits above the bound as recovered once back to 1.5× that p99', () => {
    const timeline = [point(5, 1000, 0, 3900), point(10, 1000, 0, 3900), point(15, 1000, 0, 3900), point(20, 7000, 9000, 30000), point(25, 1000, 300, 5000), point(30, 1000, 0, 3900)];
    expect(recoveryOf(timeline, 2000)).toMatchObject({ normalP99Ms: 5850, peakEndAtS: 25, recoveredAtS: 25, recoverySeconds: 0 });
  });

  it('needs at least three intervals', () => {
    expect(recoveryOf([point(5, 1000, 0), point(10, 1000, 0)], 2000)).toBeUndefined();
  });
});
