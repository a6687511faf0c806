import { describe, expect, it } from 'vitest';
import { VirtualClock } from './clock.js';
import { Scheduler } from './scheduler.js';

describe('Scheduler', () => {
  it('runs periodic and one-shot tasks at their due times, in order, from one timer', () => {
    const clock = new VirtualClock(0);
    const scheduler = new Scheduler(clock);
    const seen: string[] = [];
    scheduler.every(2_000, 0, (due) => seen.push(`c${due}`));
    scheduler.every(5_000, 1_000, (due) => seen.push(`p${due}`));
    scheduler.at(4_000, (due) => seen.push(`once${due}`));
    expect(clock.pending).toBe(1);
    clock.advance(6_000);
    // Equal due times run in scheduling order: the one-shot was scheduled before c4000 was re-armed.
    expect(seen).toEqual(['c0', 'p1000', 'c2000', 'once4000', 'c4000', 'p6000', 'c6000']);
    expect(scheduler.size).toBe(2);
  });

  it('keeps one clock timer however many tasks it holds', () => {
    const clock = new VirtualClock(0);
    const scheduler = new Scheduler(clock);
    let runs = 0;
    for (let i = 0; i < 1_000; i++) scheduler.every(1_000, i, () => runs++);
    expect(clock.pending).toBe(1);
    clock.advance(10_999);
    expect(runs).toBe(11_000);
  });

  it('stops cancelled tasks, reports task errors and carries on', () => {
    const clock = new VirtualClock(0);
    const errors: unknown[] = [];
    const scheduler = new Scheduler(clock, { onError: (e) => errors.push(e), maxBatch: 2 });
    let ok = 0;
    const doomed = scheduler.every(100, 100, () => ok--);
    scheduler.every(100, 100, () => {
      throw new Error('boom');
    });
    scheduler.every(100, 100, () => ok++);
    scheduler.cancel(doomed);
    clock.advance(300);
    expect(ok).toBe(3);
    expect(errors).toHaveLength(3);
    scheduler.stop();
    clock.advance(1_000);
    expect(ok).toBe(3);
    expect(clock.pending).toBe(0);
  });
});
