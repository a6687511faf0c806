import { describe, expect, it } from 'vitest';
import { AlarmBook } from './alarm-book.js';

const raise = (id: string, sev: string, state = 'active_unack', ts = 1) => ({ ts, v: { id, code: 'X', sev, state, msg: id } });

describe('AlarmBook', () => {
  it('counts active alarms by priority and picks the banner: highest priority, then oldest, unacknowledged', () => {
    const book = new AlarmBook();
    book.take('d1', raise('a', 'medium', 'active_unack', 1));
    book.take('d1', raise('b', 'high', 'active_unack', 5));
    book.take('d2', raise('c', 'high', 'active_unack', 3));
    book.take('d2', raise('d', 'critical', 'active_ack', 2));
    const summary = book.summary();
    expect(summary.counts).toEqual({ critical: 1, high: 2, medium: 1, low: 0 });
    expect(summary.unacked).toBe(3);
    expect(summary.top?.id).toBe('c');
  });

  it('drops alarms that return to normal or are shelved, and ignores malformed messages', () => {
    const book = new AlarmBook();
    book.take('d1', raise('a', 'high'));
    book.take('d1', raise('a', 'high', 'shelved'));
    book.take('d1', { v: { id: 'x', sev: 'nonsense' } });
    book.take('d1', null);
    expect(book.summary()).toEqual({ counts: { critical: 0, high: 0, medium: 0, low: 0 }, unacked: 0 });
  });
});
