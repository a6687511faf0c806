import { describe, expect, it } from 'vitest';
import { DeviceBook } from './device-book.js';

describe('DeviceBook', () => {
  it('online from state, offline from the Last Will, stale when silent for 3 of its own intervals', () => {
    const d = new DeviceBook().factsOf('d');
    expect(d.liveness(0)).toBe('unknown');
    d.onState({ online: true }, 0);
    for (let t = 0; t <= 50_000; t += 10_000) d.onTelemetry(t, t);
    expect(d.liveness(60_000)).toBe('online');
    expect(d.liveness(81_000)).toBe('stale');
    d.onState({ online: false, reason: 'lwt' }, 82_000);
    expect(d.liveness(82_000)).toBe('offline');
  });

  it('remembers car pushes and counts parts of the last hour; one facts object per device', () => {
    const book = new DeviceBook();
    book.factsOf('k').onEvent({ type: 'car_pushed', intervalMin: 120 }, 0, 0);
    book.factsOf('m').onEvent({ type: 'part_done' }, 0, 0);
    book.factsOf('m').onEvent({ type: 'part_done' }, 0, 1_800_000);
    expect(book.factsOf('k').pushIntervalMin).toBe(120);
    expect(book.factsOf('m').partsLastHour(3_700_000)).toBe(1);
    expect(book.factsOf('m')).toBe(book.factsOf('m'));
  });
});
