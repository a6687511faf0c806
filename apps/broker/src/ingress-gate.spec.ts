import { describe, expect, it, vi } from 'vitest';
import { IngressGate } from './ingress-gate.js';

describe('IngressGate', () => {
  it('passes at once while the backlog is under the high mark', () => {
    const gate = new IngressGate(() => 10, 100, 20);
    const go = vi.fn();
    gate.pass(go);
    expect(go).toHaveBeenCalledOnce();
    expect(gate.held).toBe(0);
  });

  it('holds over the high mark and releases everyone in order once below the low mark', () => {
    vi.useFakeTimers();
    try {
      let backlog = 150;
      const gate = new IngressGate(() => backlog, 100, 20);
      const order: number[] = [];
      gate.pass(() => order.push(1));
      backlog = 50; // below high but above low: still held, and later arrivals queue behind
      gate.pass(() => order.push(2));
      vi.advanceTimersByTime(50);
      expect(order).toEqual([]);
      expect(gate.held).toBe(2);
      backlog = 10;
      vi.advanceTimersByTime(10);
      expect(order).toEqual([1, 2]);
      const go = vi.fn();
      gate.pass(go);
      expect(go).toHaveBeenCalledOnce();
    } finally {
      vi.useRealTimers();
    }
  });
});
