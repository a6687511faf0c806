import { describe, expect, it } from 'vitest';
import { DeviceBook } from './device-book.js';

describe('DeviceBook', () => {
  it('online from state, offline from the Last Will, stale when silent for 3 of its own intervals', () => {
    const book = new DeviceBook();
    expect(book.liveness('d', 0)).toBe('unknown');
    book.onState('d', { online: true }, 0);
    for (let t = 0; t <= 50_000; t += 10_000) book.onTelemetry('d', t, t);
    expect(book.liveness('d', 60_000)).toBe('online');
    expect(book.liveness('d', 81_000)).toBe('stale');
    book.onState('d', { online: false, reason: 'lwt' }, 82_000);
    expect(book.liveness('d', 82_000)).toBe('offline');
  });

  it('remembers car pushes and counts parts of the last hour', () => {
    const book = new DeviceBook();
    book.onEvent('k', { type: 'car_pushed', intervalMin: 120 }, 0, 0);
    book.onEvent('m', { type: 'part_done' }, 0, 0);
    book.onEvent('m', { type: 'part_done' }, 0, 1_800_000);
    expect(book.pushIntervalMin('k')).toBe(120);
    expect(book.partsLastHour('m', 3_700_000)).toBe(1);
  });
});
