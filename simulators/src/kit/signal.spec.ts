import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';
import { Ar1Noise, interpolate, lag, quantise } from './signal.js';

describe('signal recipe (domain.md §2)', () => {
  it('quantises to the sensor resolution without float fuzz', () => {
    expect(quantise(1234.5678, 0.1)).toBe(1234.6);
    expect(quantise(0.1 + 0.2, 0.01)).toBe(0.3);
    expect(quantise(-0.04, 0.1)).toBe(0);
    expect(Object.is(quantise(-0.04, 0.1), -0)).toBe(false);
    expect(quantise(17.4, 1)).toBe(17);
  });

  it('interpolates a knot table linearly and clamps outside it', () => {
    const knots = [[0, 200], [0.1, 380], [0.2, 600]] as const;
    expect(interpolate(knots, 0.05)).toBeCloseTo(290);
    expect(interpolate(knots, -1)).toBe(200);
    expect(interpolate(knots, 2)).toBe(600);
  });

  it('lags toward the target the same whether stepped in one or many steps', () => {
    let fine = 0;
    for (let i = 0; i < 60; i++) fine = lag(fine, 100, 1_000, 60_000);
    expect(lag(0, 100, 60_000, 60_000)).toBeCloseTo(fine, 9);
    expect(lag(0, 100, 60_000, 60_000)).toBeCloseTo(100 * (1 - Math.exp(-1)), 9);
  });

  it('keeps AR(1) wander at its stationary sigma for any step size', () => {
    for (const dt of [1_000, 60_000]) {
      const rng = new Rng(5);
      const noise = new Ar1Noise(3, 0.98, rng);
      const xs = Array.from({ length: 20_000 }, () => noise.step(rng, dt));
      const sd = Math.sqrt(xs.reduce((a, b) => a + b * b, 0) / xs.length);
      expect(sd).toBeGreaterThan(2.5);
      expect(sd).toBeLessThan(3.5);
    }
  });
});
