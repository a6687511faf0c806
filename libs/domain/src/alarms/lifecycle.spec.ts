import { describe, expect, it } from 'vitest';
import { AlarmCommandError } from './alarm-errors.js';
import { AlarmEngine } from './alarm-engine.js';
import { directory, Harness, KILN, rule, ruleFile } from './testing/engine-kit.js';

const combustion = 'telemetry/combustion';
const ID = `${KILN}/gas-hi`;
const gasHi = rule({ id: 'gas-hi', type: 'limit', series: combustion, field: 'gas', kind: 'hi', limit: 200, suppressInModes: ['cool-down', 'maintenance'] });
const harness = () => new Harness([ruleFile('tunnel-kiln', [gasHi])]);
const high = (h: Harness) => h.send(KILN, combustion, { gas: 250 });
const low = (h: Harness) => h.send(KILN, combustion, { gas: 100 });

describe('ISA-18.2 alarm states', () => {
  it('normal → active_unack → active_ack → normal', () => {
    const h = harness();
    high(h);
    expect(h.state(ID)).toBe('active_unack');
    h.act((e, now) => e.acknowledge(ID, 'li.wei', now));
    expect(h.state(ID)).toBe('active_ack');
    low(h);
    expect(h.events(ID)).toEqual(['raise:active_unack', 'ack:active_ack', 'clear:normal']);
    expect(h.engine.get(ID)).toBeUndefined();
  });

  it('normal → active_unack → rtn_unack → (ack) normal', () => {
    const h = harness();
    high(h);
    low(h);
    expect(h.state(ID)).toBe('rtn_unack');
    h.act((e, now) => e.acknowledge(ID, 'li.wei', now, 'seen'));
    expect(h.events(ID)).toEqual(['raise:active_unack', 'clear:rtn_unack', 'ack:normal']);
    expect(h.changes.at(-1)?.values).toMatchObject({ user: 'li.wei', note: 'seen' });
  });

  it('refuses transitions ISA-18.2 does not have', () => {
    const h = harness();
    expect(() => h.act((e, now) => e.acknowledge(ID, 'x', now))).toThrow(AlarmCommandError);
    high(h);
    h.act((e, now) => e.acknowledge(ID, 'x', now));
    expect(() => h.act((e, now) => e.acknowledge(ID, 'x', now))).toThrow(/nothing to acknowledge/);
    expect(() => h.act((e, now) => e.unshelve(ID, 'x', now))).toThrow(/not shelved/);
    expect(() => h.act((e, now) => e.reset(ID, 'x', now))).toThrow(/not latched/);
  });

  it('shelved: hidden until the shelf time expires, then annunciated again if still active', () => {
    const h = harness();
    high(h);
    h.act((e, now) => e.shelve(ID, 'li.wei', now + 600_000, 'known nuisance, work order 17', now));
    expect(h.state(ID)).toBe('shelved');
    expect(h.engine.get(ID)?.shelvedUntil).toBe(h.now + 600_000);
    h.advance(599_000);
    expect(h.state(ID)).toBe('shelved');
    h.advance(1_000);
    expect(h.state(ID)).toBe('active_unack');
    expect(h.events(ID)).toEqual(['raise:active_unack', 'shelve:shelved', 'unshelve:active_unack']);
    expect(h.changes.at(-1)?.values.user).toBe('system');
  });

  it('shelved, the condition clears: unshelved it is simply normal', () => {
    const h = harness();
    high(h);
    h.act((e, now) => e.shelve(ID, 'li.wei', now + 600_000, 'nuisance', now));
    low(h);
    h.act((e, now) => e.unshelve(ID, 'li.wei', now));
    expect(h.events(ID)).toEqual(['raise:active_unack', 'shelve:shelved', 'clear:shelved', 'unshelve:normal']);
  });

  it('suppressed by design while the kiln is in cool-down, annunciated when it returns to firing', () => {
    const h = harness();
    h.send(KILN, 'state', { mode: 'cool-down' });
    high(h);
    expect(h.state(ID)).toBe('suppressed');
    expect(h.changes.at(-1)?.values.cause).toBe('mode:cool-down');
    h.send(KILN, 'state', { mode: 'firing' });
    expect(h.events(ID)).toEqual(['raise:suppressed', 'unsuppress:active_unack']);
  });

  it('out of service and back', () => {
    const h = harness();
    high(h);
    h.act((e, now) => e.setOutOfService(ID, 'eng', true, 'transmitter replaced', now));
    expect(h.state(ID)).toBe('out_of_service');
    low(h);
    h.act((e, now) => e.setOutOfService(ID, 'eng', false, 'back', now));
    expect(h.events(ID)).toEqual(['raise:active_unack', 'out_of_service:out_of_service', 'clear:out_of_service', 'in_service:normal']);
  });

  it('comments are kept on the alarm and published', () => {
    const h = harness();
    high(h);
    h.act((e, now) => e.comment(ID, 'li.wei', 'valve 3 sticks', now));
    expect(h.engine.get(ID)?.comments).toEqual([{ ts: h.now, user: 'li.wei', text: 'valve 3 sticks' }]);
    expect(h.events(ID)).toEqual(['raise:active_unack', 'comment:active_unack']);
  });
});

describe('escalation to the responsible person (domain.md §3.8: 5/15/30 min)', () => {
  it('an unacknowledged alarm escalates to the next person on shift at 5, 15 and 30 min', () => {
    const h = harness();
    high(h);
    expect(h.changes[0]?.values).toMatchObject({ owner: 'shift-a.kiln-operator', assignee: 'li.wei', esc: 0 });
    h.advance(5 * 60_000 - 1_000);
    expect(h.events(ID)).toEqual(['raise:active_unack']);
    h.advance(1_000);
    expect(h.changes.at(-1)?.values).toMatchObject({ event: 'escalate', esc: 1, assignee: 'zhang.min' });
    h.advance(25 * 60_000);
    expect(h.events(ID).filter((e) => e.startsWith('escalate'))).toHaveLength(3);
    expect(h.changes.at(-1)?.values).toMatchObject({ esc: 3, assignee: 'wang.fang' });
  });

  it('an alarm acknowledged in time does not escalate', () => {
    const h = harness();
    high(h);
    h.advance(4 * 60_000);
    h.act((e, now) => e.acknowledge(ID, 'li.wei', now));
    h.advance(60 * 60_000);
    expect(h.events(ID)).toEqual(['raise:active_unack', 'ack:active_ack']);
  });
});

describe('snapshot and restore', () => {
  it('keeps active, acknowledged and shelved alarms with their remaining shelf time', () => {
    const h = new Harness([ruleFile('tunnel-kiln', [gasHi, { ...gasHi, id: 'gas-hi2' }, { ...gasHi, id: 'gas-hi3' }])]);
    high(h);
    h.act((e, now) => e.acknowledge(`${KILN}/gas-hi2`, 'li.wei', now));
    h.act((e, now) => e.shelve(`${KILN}/gas-hi3`, 'li.wei', now + 3_600_000, 'nuisance', now));
    const snapshot = JSON.parse(JSON.stringify(h.engine.snapshot())) as ReturnType<AlarmEngine['snapshot']>;
    const restored = new AlarmEngine({ rules: h.engine.ruleFiles(), directory: directory(), now: h.now });
    restored.restore(snapshot, h.now);
    expect(restored.list().map((r) => [r.rule, r.state]).sort()).toEqual([['gas-hi', 'active_unack'], ['gas-hi2', 'active_ack'], ['gas-hi3', 'shelved']]);
    expect(restored.tick(h.now + 3_600_000).changes.map((c) => c.values.event)).toEqual(['unshelve']);
    const next = restored.onMessage({ device: KILN, series: combustion, v: { gas: 100 }, ts: h.now }, h.now + 3_600_001);
    expect(next.changes.map((c) => `${c.values.rule}:${c.values.state}`).sort()).toEqual(['gas-hi2:normal', 'gas-hi3:rtn_unack', 'gas-hi:rtn_unack']);
    expect(next.changes.every((c, i, all) => i === 0 || c.seq === (all[i - 1]?.seq ?? 0) + 1)).toBe(true);
  });
});
