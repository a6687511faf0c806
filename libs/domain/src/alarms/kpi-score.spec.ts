import type { AlarmValues } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import { computeAlarmKpis } from './alarm-kpi.js';
import type { AlarmChange } from './alarm-record.js';
import { detectionTable, scoreDetections, type TruthRecord } from './detection-score.js';

const T0 = Date.UTC(2024, 5, 10, 0, 0, 0);
const MIN = 60_000;
const KILN = 'jytd/yq-baiquan/firing/tk03/controller/plc';
const KILN2 = 'jytd/yq-baiquan/firing/tk04/controller/plc';

function change(ts: number, device: string, values: Partial<AlarmValues>): AlarmChange {
  return { ts, device, seq: 0, values: { id: `${device}/r`, code: 'TEST', sev: 'low', state: 'active_unack', event: 'raise', src: 's', msg: 'm', esc: 0, owner: 'shift-a.kiln-operator', ...values } };
}

describe('alarm KPIs (EEMUA 191 / ISA-18.2)', () => {
  it('finds a flood episode (> 10 in 10 min, ends < 5), its peak and the time in flood', () => {
    const history: AlarmChange[] = [];
    for (let i = 0; i < 30; i++) history.push(change(T0 + 10 * MIN + i * 10_000, KILN, { id: `${KILN}/b${i}`, code: 'BURNER_FLAME_FAIL', sev: i < 3 ? 'high' : 'medium' }));
    history.push(change(T0 + 50 * MIN, KILN, { id: `${KILN}/x` }));
    const kpis = computeAlarmKpis(history, T0, T0 + 120 * MIN);
    expect(kpis.annunciated).toBe(31);
    expect(kpis.floods).toHaveLength(1);
    const flood = kpis.floods[0];
    expect(flood?.start).toBe(T0 + 10 * MIN + 10 * 10_000);
    expect(flood?.end).toBe(T0 + 10 * MIN + 25 * 10_000 + 10 * MIN);
    expect(kpis.peakPer10Min).toBe(30);
    expect(kpis.positions[0]).toMatchObject({ position: 'kiln-operator', alarms: 31, maxPer10Min: 30, floodEpisodes: 1 });
    expect(kpis.pctTimeInFlood).toBe(10.4); // 750 s of 2 h
    expect(kpis.priorityMix['high']).toEqual({ count: 3, pct: 9.7 });
  });

  it('counts chattering, stale and bad actors; suppressed raises are not annunciated', () => {
    const chatter = [0, 10_000, 20_000, 30_000].map((dt) => change(T0 + dt, KILN, { id: `${KILN}/chatter` }));
    const stale = change(T0 - 30 * 3_600_000, KILN2, { id: `${KILN2}/old`, activeSince: T0 - 30 * 3_600_000 });
    const suppressed = change(T0 + 5_000, KILN2, { id: `${KILN2}/hidden`, state: 'suppressed' });
    const kpis = computeAlarmKpis([...chatter, stale, suppressed], T0, T0 + 3_600_000);
    expect(kpis.annunciated).toBe(4);
    expect(kpis.chattering).toEqual([{ id: `${KILN}/chatter`, activations: 4 }]);
    expect(kpis.stale.map((s) => s.id)).toEqual([`${KILN2}/old`]);
    expect(kpis.badActors[0]).toMatchObject({ id: `${KILN}/chatter`, activations: 4, pct: 100 });
  });
});

describe('detection scoring against ground truth', () => {
  const truth: TruthRecord[] = [
    { faultCode: 'BURNER_FLAME_FAIL', device: `${KILN.replace('controller/plc', 'burners/b12')}`, injectedAt: T0, clearedAt: T0 + 5 * MIN },
    { faultCode: 'FAN_TRIP', device: KILN.replace('controller/plc', 'fans/exhaust-1'), injectedAt: T0 + MIN, clearedAt: T0 + 10 * MIN },
    { faultCode: 'TC_DRIFT', device: KILN2, injectedAt: T0, clearedAt: null },
  ];
  const expectations = { TC_DRIFT: { codes: ['TC_DEVIATION'], scope: 'device' as const } };

  it('counts detected, missed and false alarms with time to alarm per fault type', () => {
    const history = [
      change(T0 + 2_000, KILN.replace('controller/plc', 'burners/b12'), { code: 'BURNER_FLAME_FAIL' }),
      change(T0 + 40 * MIN, KILN2, { code: 'TC_DEVIATION' }),
      change(T0 + 2 * MIN, KILN.replace('controller/plc', 'fans/exhaust-1'), { code: 'FAN_TRIP', state: 'suppressed' }),
      change(T0 + 3 * MIN, KILN, { code: 'TEMP_HIGH' }),
      change(T0 + 90 * MIN, 'jytd/yq-baiquan/firing/tk09/controller/plc', { code: 'TEMP_HIGH' }),
    ];
    const score = scoreDetections(truth, history, { expectations });
    expect(score.faults).toEqual([
      { faultCode: 'BURNER_FLAME_FAIL', injected: 1, detected: 1, missed: 0, medianTtaMs: 2_000, maxTtaMs: 2_000 },
      { faultCode: 'FAN_TRIP', injected: 1, detected: 0, missed: 1, medianTtaMs: null, maxTtaMs: null },
      { faultCode: 'TC_DRIFT', injected: 1, detected: 1, missed: 0, medianTtaMs: 40 * MIN, maxTtaMs: 40 * MIN },
    ]);
    expect(score.falseAlarms.map((a) => a.device)).toEqual(['jytd/yq-baiquan/firing/tk09/controller/plc']);
    expect(detectionTable(score)).toContain('| BURNER_FLAME_FAIL | 1 | 1 | 0 | 2.0 s | 2.0 s |');
  });

  it('a fault not alarmed by design gets its own row with the reason, is never missed, and still explains its effects', () => {
    const gateway = 'huaxiang/hongtong-qinbi/network/5g/_/gw5g-001';
    const rlf: TruthRecord = { faultCode: 'RLF', device: gateway, injectedAt: T0, clearedAt: T0 + 2_000 };
    const history = [change(T0 + 30_000, gateway, { code: 'LINK_DEGRADED' })];
    const score = scoreDetections([...truth, rlf], history, { expectations: { ...expectations, RLF: { codes: [], scope: 'device', notAlarmed: 'a 2 s outage hidden by store-and-forward' } } });
    expect(score.missed.map((t) => t.faultCode)).not.toContain('RLF');
    expect(score.notAlarmed).toEqual([rlf]);
    expect(score.falseAlarms).toEqual([]);
    const table = detectionTable(score);
    expect(table).toContain('| RLF | 1 | — | — | not alarmed by design | a 2 s outage hidden by store-and-forward |');
    expect(table).toContain('| **all expected to alarm** | 3 | 0 | 3 | | |');
    expect(table).toContain('| **not alarmed by design** | 1 | | | | |');
  });
});
