import { describe, expect, it } from 'vitest';
import { TokenBucket } from './token-bucket.js';

describe('TokenBucket', () => {
  it('accepts a burst, then says how far over budget and how long to wait', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 5, () => now);
    expect(bucket.take(5)).toEqual({ over: 0, waitMs: 0 });
    expect(bucket.take(3)).toEqual({ over: 3, waitMs: 300 });
    now += 300;
    expect(bucket.take(0)).toEqual({ over: 0, waitMs: 0 });
    expect(bucket.take(1)).toEqual({ over: 1, waitMs: 100 });
  });

  it('refills at the rate up to the burst size, never beyond', () => {
    let now = 0;
    const bucket = new TokenBucket(100, 10, () => now);
    expect(bucket.take(10).over).toBe(0);
    now += 50; // 5 tokens back
    expect(bucket.take(5).over).toBe(0);
    now += 60_000; // idle: back to the burst size only
    expect(bucket.take(10).over).toBe(0);
    expect(bucket.take(1).over).toBe(1);
  });

  it('refuses a nonsensical configuration', () => {
    expect(() => new TokenBucket(0, 5)).toThrow(RangeError);
    expect(() => new TokenBucket(10, 0)).toThrow(RangeError);
  });
});
