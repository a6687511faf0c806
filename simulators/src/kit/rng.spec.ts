import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';

const draw = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.nextUint32());

describe('Rng (xoshiro128**)', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draw(new Rng(42), 1000)).toEqual(draw(new Rng(42), 1000));
    const a = new Rng(7);
    const b = new Rng(7);
    expect(Array.from({ length: 100 }, () => a.normal())).toEqual(Array.from({ length: 100 }, () => b.normal()));
  });

  it('gives different sequences for different seeds and device keys', () => {
    expect(draw(new Rng(42), 16)).not.toEqual(draw(new Rng(43), 16));
    expect(draw(Rng.forKey(42, 'a/b/c/d/e/f'), 16)).not.toEqual(draw(Rng.forKey(42, 'a/b/c/d/e/g'), 16));
    expect(draw(Rng.forKey(42, 'a/b/c/d/e/f'), 16)).toEqual(draw(Rng.forKey(42, 'a/b/c/d/e/f'), 16));
  });

  it('keeps float() in [0, 1) and int() within bounds', () => {
    const rng = new Rng(1);
    for (let i = 0; i < 10_000; i++) {
      const f = rng.float();
      expect(f >= 0 && f < 1).toBe(true);
      const k = rng.int(3, 5);
      expect(k >= 3 && k <= 5 && Number.isInteger(k)).toBe(true);
    }
  });

  it('draws normal() with about the requested mean and standard deviation', () => {
    const rng = new Rng(99);
    const xs = Array.from({ length: 20_000 }, () => rng.normal(10, 2));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
  });
});
