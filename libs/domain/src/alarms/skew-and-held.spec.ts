import { describe, expect, it } from 'vitest';
import { GATEWAY, Harness, KILN, rule, ruleFile } from './testing/engine-kit.js';

const link = 'telemetry/link';
const SKEW = `${GATEWAY}/clock-skew`;
const skew = rule({ id: 'clock-skew', type: 'clock-skew', code: 'CLOCK_SKEW', maxSkewS: 30, minMessages: 3, deadband: 10 });
const gateway = () => new Harness([ruleFile('gateway-5g', [skew])]);

describe('clock-skew rule (source ts vs arrival time)', () => {
  it('a gateway stamping +90 s raises one alarm after 3 messages and clears when its clock is back', () => {
    const h = gateway();
    for (let i = 0; i < 5; i++) {
      h.send(GATEWAY, link, { sinr: 12 }, { ts: h.now + 90_000 });
      if (i === 1) expect(h.events(SKEW)).toEqual([]);
      h.advance(10_000);
    }
    expect(h.events(SKEW)).toEqual(['raise:active_unack']);
    expect(h.engine.get(SKEW)?.val).toBe(90);
    h.send(GATEWAY, link, { sinr: 12 });
    expect(h.events(SKEW)).toEqual(['raise:active_unack', 'clear:rtn_unack']);
  });

  it('one late packet, a skew under the limit and a replayed backlog raise nothing', () => {
    const h = gateway();
    h.send(GATEWAY, link, { sinr: 12 }, { ts: h.now - 120_000 });
    h.send(GATEWAY, link, { sinr: 12 });
    h.send(GATEWAY, link, { sinr: 12 }, { ts: h.now - 120_000 });
    for (let i = 0; i < 5; i++) h.send(GATEWAY, link, { sinr: 12 }, { ts: h.now + 20_000 });
    for (let i = 0; i < 10; i++) h.send(GATEWAY, 'event', { type: 'rlf' }, { ts: h.now - 600_000, stale: true });
    expect(h.events(SKEW)).toEqual([]);
  });

  it('the deadband holds the alarm while the skew hovers at the limit', () => {
    const h = gateway();
    for (const s of [45, 45, 45, 28, 32, 25, 31]) h.send(GATEWAY, link, { sinr: 12 }, { ts: h.now + s * 1000 });
    expect(h.events(SKEW)).toEqual(['raise:active_unack']);
    h.send(GATEWAY, link, { sinr: 12 }, { ts: h.now + 15_000 });
    expect(h.events(SKEW)).toEqual(['raise:active_unack', 'clear:rtn_unack']);
  });
});

describe('suppressUntilNormal (design suppression held through a restart)', () => {
  const flame = { id: 'flame-fail', type: 'discrete', series: 'state', field: 'flame', alarmWhen: [false], clearWhen: [true], onDelayS: 4, suppressInModes: ['interlock', 'manual'] };
  const ID = `${KILN}/flame-fail`;
  const burner = (held: boolean) => new Harness([ruleFile('tunnel-kiln', [rule({ ...flame, ...(held ? { suppressUntilNormal: true } : {}) })])]);
  const trippedThenRelit = (h: Harness): void => {
    h.send(KILN, 'state', { flame: true, mode: 'auto' });
    h.send(KILN, 'state', { flame: false, mode: 'interlock' }); // the kiln interlock trips it
    h.advance(60_000);
    h.send(KILN, 'state', { flame: false, mode: 'purge' }); // restart: purge before its relight
    h.advance(20_000);
    h.send(KILN, 'state', { flame: true, mode: 'auto' });
    h.advance(5_000);
  };

  it('without it, a burner tripped by the interlock is annunciated when it starts to purge', () => {
    const h = burner(false);
    trippedThenRelit(h);
    expect(h.events(ID)).toEqual(['raise:suppressed', 'unsuppress:active_unack', 'clear:rtn_unack']);
  });

  it('with it, the tripped burner stays suppressed through purge and relight', () => {
    const h = burner(true);
    trippedThenRelit(h);
    expect(h.events(ID).filter((e) => e.endsWith('active_unack') || e.endsWith('rtn_unack'))).toEqual([]);
    expect(h.state(ID)).not.toBe('active_unack');
  });

  it('a real flame failure while firing is still annunciated, also right after a relight', () => {
    const h = burner(true);
    trippedThenRelit(h);
    h.send(KILN, 'state', { flame: false, mode: 'purge' }); // lost while firing: purge for an auto-relight
    h.advance(5_000);
    expect(h.state(ID)).toBe('active_unack');
  });
});
