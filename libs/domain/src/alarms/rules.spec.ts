import { describe, expect, it } from 'vitest';
import { GATEWAY, Harness, KILN, rule, ruleFile, SOUTH } from './testing/engine-kit.js';

const combustion = 'telemetry/combustion';
const profile = 'telemetry/profile';
const kiln = (...rules: unknown[]) => new Harness([ruleFile('tunnel-kiln', rules)]);

describe('limit rule (ISA-18.2 HI/LO with deadband)', () => {
  const hi = rule({ id: 'gas-hi', type: 'limit', series: combustion, field: 'gas', kind: 'hi', limit: 200, deadband: 5 });

  it('a value hovering at the limit raises one alarm thanks to the deadband', () => {
    const h = kiln(hi);
    for (const gas of [199, 200.5, 199.2, 201, 198, 200.8, 197.5, 200.2, 196, 194]) {
      h.send(KILN, combustion, { gas });
      h.advance(2_000);
    }
    expect(h.events().filter((e) => e.startsWith('raise'))).toHaveLength(1);
    expect(h.events()).toEqual(['raise:active_unack', 'clear:rtn_unack']);
  });

  it('without a deadband the same signal chatters', () => {
    const h = kiln({ ...hi, deadband: 0 });
    for (const gas of [199, 200.5, 199.2, 201, 198, 200.8]) h.send(KILN, combustion, { gas });
    expect(h.events().filter((e) => e.startsWith('raise'))).toHaveLength(3);
  });

  it('low limits, and a bad value that is the alarm (thermocouple burnout)', () => {
    const h = kiln(rule({ id: 'p-lo', type: 'limit', series: combustion, field: 'pGasHdr', kind: 'lo', limit: 7 }), rule({ id: 'tc-open', type: 'limit', series: profile, field: 't.*', kind: 'hihi', limit: 1750, badValue: 'alarm' }));
    h.send(KILN, combustion, { pGasHdr: 6.5 });
    h.send(KILN, profile, { t: [300, null, 1820] });
    expect(h.state(`${KILN}/p-lo`)).toBe('active_unack');
    expect(h.state(`${KILN}/tc-open.0`)).toBe('normal');
    expect(h.state(`${KILN}/tc-open.1`)).toBe('active_unack');
    expect(h.state(`${KILN}/tc-open.2`)).toBe('active_unack');
  });

  it('on-delay ignores a short spike; a lasting excursion raises after the delay without a new message', () => {
    const h = kiln({ ...hi, onDelayS: 30 });
    h.send(KILN, combustion, { gas: 250 });
    h.advance(10_000);
    h.send(KILN, combustion, { gas: 150 });
    h.advance(60_000);
    expect(h.events()).toEqual([]);
    h.send(KILN, combustion, { gas: 250 });
    h.advance(29_000);
    expect(h.events()).toEqual([]);
    h.advance(1_000);
    expect(h.events()).toEqual(['raise:active_unack']);
  });

  it('off-delay keeps the alarm through a short dip below the limit', () => {
    const h = kiln({ ...hi, offDelayS: 20 });
    h.send(KILN, combustion, { gas: 250 });
    h.send(KILN, combustion, { gas: 100 });
    h.advance(10_000);
    h.send(KILN, combustion, { gas: 250 });
    h.advance(60_000);
    expect(h.events()).toEqual(['raise:active_unack']);
    h.send(KILN, combustion, { gas: 100 });
    h.advance(20_000);
    expect(h.events()).toEqual(['raise:active_unack', 'clear:rtn_unack']);
  });
});

describe('rate-of-change rule', () => {
  it('fires on a fast rise, not on a slow one, from source timestamps', () => {
    const h = kiln(rule({ id: 't-rate', type: 'rate', series: profile, field: 't.0', maxRisePerMin: 3, windowS: 60 }));
    for (let i = 0; i < 12; i++) {
      h.send(KILN, profile, { t: [1000 + i * 0.1] });
      h.advance(10_000);
    }
    expect(h.events()).toEqual([]);
    for (let i = 0; i < 8; i++) {
      h.send(KILN, profile, { t: [1001 + i * 1] });
      h.advance(10_000);
    }
    expect(h.events()).toEqual(['raise:active_unack']);
    expect(h.changes[0]?.values.val).toBeGreaterThan(3);
  });
});

describe('deviation rule', () => {
  it('from a moving setpoint in the same message (shuttle-kiln program)', () => {
    const h = kiln(rule({ id: 'pv-dev', type: 'deviation', series: profile, field: 'pv.*', setpoint: { field: 'sp' }, hi: 25, lo: 25, deadband: 5 }));
    h.send(KILN, profile, { sp: 900, pv: [905, 880] });
    h.send(KILN, profile, { sp: 1000, pv: [1004, 960] });
    expect(h.state(`${KILN}/pv-dev.0`)).toBe('normal');
    expect(h.state(`${KILN}/pv-dev.1`)).toBe('active_unack');
    expect(h.changes[0]?.values.lim).toBe(975);
  });

  it('per kiln zone: each control thermocouple against its zone setpoint', () => {
    const h = kiln(rule({ id: 'zone-dev', type: 'deviation', series: profile, field: 't.*', setpoint: { field: 'sp', of: [[1, 0], [2, 1]] }, hi: 30 }));
    h.send(KILN, profile, { t: [2000, 1300, 1500], sp: [1290, 1460] });
    expect(h.events()).toEqual(['raise:active_unack']);
    expect(h.changes[0]?.values.id).toBe(`${KILN}/zone-dev.2`);
  });

  it('from a firing curve at each thermocouple position (domain.md §2.1.3)', () => {
    const curve = { x: [0, 0.5, 1], y: [200, 1480, 80] };
    const h = kiln(rule({ id: 'curve-dev', type: 'deviation', series: profile, field: 't.*', setpoint: { curve, positions: [0, 0.25, 0.5] }, hi: 40, lo: 40 }));
    h.send(KILN, profile, { t: [210, 800, 1400] });
    expect(h.events()).toEqual(['raise:active_unack']);
    expect(h.changes[0]?.values.id).toBe(`${KILN}/curve-dev.2`);
  });
});

describe('discrete rule', () => {
  it('a flame signal false raises, true clears', () => {
    const h = kiln(rule({ id: 'flame', type: 'discrete', series: 'state', field: 'flame', alarmWhen: [false] }));
    h.send(KILN, 'state', { flame: true });
    h.send(KILN, 'state', { flame: false });
    h.send(KILN, 'state', { flame: true });
    expect(h.events()).toEqual(['raise:active_unack', 'clear:rtn_unack']);
  });

  it('a trip event is a pulse; latched it stays active until reset', () => {
    const trip = rule({ id: 'trip', type: 'discrete', series: 'event', field: 'type', alarmWhen: ['fan_trip'], latched: true });
    const h = kiln(trip, { ...trip, id: 'trip-pulse', latched: false });
    h.send(KILN, 'event', { type: 'fan_trip' });
    expect(h.state(`${KILN}/trip-pulse`)).toBe('rtn_unack');
    expect(h.state(`${KILN}/trip`)).toBe('active_unack');
    h.act((e, now) => e.acknowledge(`${KILN}/trip`, 'op', now));
    expect(h.state(`${KILN}/trip`)).toBe('active_ack');
    h.act((e, now) => e.reset(`${KILN}/trip`, 'op', now));
    expect(h.state(`${KILN}/trip`)).toBe('normal');
  });
});

describe('no-data (stale) rule', () => {
  it('silence fires after the grace period without any new message; data clears it', () => {
    const h = kiln(rule({ id: 'no-data', type: 'stale', graceS: 30, code: 'NO_DATA' }));
    h.send(KILN, profile, { t: [1] });
    h.advance(29_000);
    expect(h.events()).toEqual([]);
    h.advance(1_000);
    expect(h.events()).toEqual(['raise:active_unack']);
    h.send(KILN, profile, { t: [1] });
    expect(h.events()).toEqual(['raise:active_unack', 'clear:rtn_unack']);
  });

  it('an offline state (Last Will) is stale at once', () => {
    const h = kiln(rule({ id: 'no-data', type: 'stale', graceS: 300 }));
    h.send(KILN, 'state', { online: false, reason: 'lwt' });
    expect(h.events()).toEqual(['raise:active_unack']);
  });
});

describe('drift rule (thermocouple disagreement with neighbours)', () => {
  const drift = rule({ id: 'tc-drift', type: 'drift', series: profile, field: 't.*', maxResidual: 15, smoothing: 1, plausibleDev: 200, curve: { x: [0, 1], y: [0, 1000] }, positions: [0, 0.25, 0.5, 0.75, 1] });

  it('a drifting sensor alarms; a process shift of all sensors does not', () => {
    const h = kiln(drift);
    h.send(KILN, profile, { t: [30, 280, 530, 780, 1030] });
    expect(h.events()).toEqual([]);
    h.send(KILN, profile, { t: [0, 250, 520, 750, 1000] });
    expect(h.events()).toEqual(['raise:active_unack']);
    expect(h.changes[0]?.values.id).toBe(`${KILN}/tc-drift.2`);
  });

  it('an open thermocouple does not make its neighbours look drifted', () => {
    const h = kiln(drift);
    h.send(KILN, profile, { t: [0, 250, 1820, 750, 1000] });
    expect(h.events()).toEqual([]);
  });
});

describe('composite rule', () => {
  it('raises only when all of its helper conditions hold', () => {
    const h = kiln(
      rule({ id: 'gas-low', type: 'limit', series: combustion, field: 'pGasMain', kind: 'lo', limit: 100, annunciate: false }),
      rule({ id: 'no-burner', type: 'limit', series: combustion, field: 'burnersOn', kind: 'lo', limit: 1, annunciate: false }),
      rule({ id: 'ssov', type: 'composite', op: 'all', of: ['gas-low', 'no-burner'], code: 'GAS_SSOV_TRIP', sev: 'critical' }),
    );
    h.send(KILN, combustion, { pGasMain: 90, burnersOn: 40 });
    expect(h.events()).toEqual([]);
    h.send(KILN, combustion, { pGasMain: 90, burnersOn: 0 });
    expect(h.events()).toEqual(['raise:active_unack']);
    expect(h.changes[0]?.values.code).toBe('GAS_SSOV_TRIP');
  });
});

describe('root cause: a dead gateway', () => {
  it('raises one alarm and suppresses the stale alarms of its south devices', () => {
    const h = new Harness([
      ruleFile('gateway-5g', [rule({ id: 'gw-offline', type: 'stale', graceS: 30, code: 'GW_OFFLINE', suppresses: 'south-devices' })]),
      ruleFile('cnc', [rule({ id: 'no-data', type: 'stale', graceS: 60, code: 'DEV_COMM_LOSS', suppresses: 'device' }), rule({ id: 'load-hi', type: 'limit', series: 'telemetry', field: 'load', kind: 'hi', limit: 90 })]),
    ]);
    h.send(GATEWAY, 'telemetry/link', {});
    for (const s of SOUTH) h.send(s, 'telemetry', { load: 95 });
    h.changes.length = 0;
    h.advance(120_000);
    const annunciated = h.changes.filter((c) => c.values.state === 'active_unack');
    expect(annunciated.map((c) => c.values.code)).toEqual(['GW_OFFLINE']);
    expect(h.state(`${SOUTH[0]}/no-data`)).toBe('suppressed');
    expect(h.state(`${SOUTH[1]}/load-hi`)).toBe('suppressed');
    h.send(GATEWAY, 'telemetry/link', {});
    for (const s of SOUTH) h.send(s, 'telemetry', { load: 50 });
    expect(h.state(`${SOUTH[0]}/no-data`)).toBe('normal');
    expect(h.state(`${GATEWAY}/gw-offline`)).toBe('rtn_unack');
  });
});
