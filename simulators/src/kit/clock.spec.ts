import { describe, expect, it } from 'vitest';
import { RealClock, VirtualClock } from './clock.js';

describe('VirtualClock', () => {
  it('runs due timers in due-time order, FIFO among equal times, with now() at each due time', () => {
    const clock = new VirtualClock(1_000);
    const seen: string[] = [];
    const note = (name: string) => () => seen.push(`${name}@${clock.now()}`);
    clock.setTimeout(note('c'), 300);
    clock.setTimeout(note('a'), 100);
    clock.setTimeout(note('b1'), 200);
    clock.setTimeout(note('b2'), 200);
    clock.setTimeout(note('late'), 1_000);
    clock.advance(500);
    expect(seen).toEqual(['a@1100', 'b1@1200', 'b2@1200', 'c@1300']);
    expect(clock.now()).toBe(1_500);
    expect(clock.pending).toBe(1);
  });

  it('runs timers set by timers when they fall inside the advanced window', () => {
    const clock = new VirtualClock(0);
    const seen: number[] = [];
    const tick = (): void => {
      seen.push(clock.now());
      clock.setTimeout(tick, 10);
    };
    clock.setTimeout(tick, 10);
    clock.advance(35);
    expect(seen).toEqual([10, 20, 30]);
  });

  it('does not run cancelled timers', () => {
    const clock = new VirtualClock(0);
    let ran = false;
    const handle = clock.setTimeout(() => (ran = true), 5);
    clock.clearTimeout(handle);
    clock.advance(10);
    expect(ran).toBe(false);
    expect(clock.pending).toBe(0);
  });
});

describe('RealClock', () => {
  it('rejects speeds outside 1–3,600 (domain.md §4)', () => {
    expect(() => new RealClock({ speed: 0.5 })).toThrow(/between 1 and 3600/);
    expect(() => new RealClock({ speed: 3601 })).toThrow(RangeError);
    expect(new RealClock({ speed: 3600, startMs: 5 }).now()).toBeGreaterThanOrEqual(5);
  });
});
