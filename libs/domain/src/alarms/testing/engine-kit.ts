import { alarmRuleFile, type AlarmRule, type AlarmRuleFile } from '@plantwatch/contracts';
import type { AlarmChange } from '../alarm-record.js';
import { AlarmEngine, type DeviceDirectory } from '../alarm-engine.js';
import type { BookDrain } from '../alarm-book.js';
import type { Roster } from '../roster.js';

/**
 * Test harness of the alarm engine: a fake clock (time moves only when the test says so, and
 * every move ticks the engine, as the app's timer would) and a tiny plant. Used by the specs.
 */
export const KILN = 'jytd/yq-baiquan/firing/tk03/controller/plc';
export const GATEWAY = 'huaxiang/hongtong-qinbi/network/5g/_/gw5g-001';
export const SOUTH = ['huaxiang/hongtong-qinbi/machining/crank-l3/op20/cnc-0001', 'huaxiang/hongtong-qinbi/machining/crank-l3/op20/cnc-0002'];
export const T0 = Date.UTC(2024, 5, 10, 1, 0, 0); // 09:00 in Shanghai: shift a

export function directory(): DeviceDirectory {
  const types: Record<string, string> = { [KILN]: 'tunnel-kiln', [GATEWAY]: 'gateway-5g' };
  for (const s of SOUTH) types[s] = 'cnc';
  return { typeOf: (d) => types[d], viaOf: (d) => (SOUTH.includes(d) ? GATEWAY : undefined), devices: () => Object.keys(types) };
}

export function ruleFile(deviceType: string, rules: readonly unknown[], extra: Record<string, unknown> = {}): AlarmRuleFile {
  return alarmRuleFile.parse({ deviceType, rules, ...extra });
}

/** A rule with the common fields filled in. */
export function rule(fields: Record<string, unknown>): AlarmRule {
  return { code: 'TEST_ALARM', sev: 'high', msg: 'test alarm', ...fields } as AlarmRule;
}

export const ROSTER: Roster = {
  shifts: [
    { name: 'a', start: '08:00' },
    { name: 'b', start: '16:00' },
    { name: 'c', start: '00:00' },
  ],
  utcOffsetMin: 480,
  escalateAfterMin: [5, 15, 30],
  areas: [{ node: 'jytd/yq-baiquan/firing', position: 'kiln-operator', people: { a: ['li.wei', 'zhang.min', 'wang.fang'], b: ['zhao.lei'], c: ['sun.li'] } }],
};

export class Harness {
  now = T0;
  readonly engine: AlarmEngine;
  readonly changes: AlarmChange[] = [];

  constructor(files: readonly AlarmRuleFile[], roster: Roster | undefined = ROSTER) {
    this.engine = new AlarmEngine({ rules: files, directory: directory(), now: this.now, ...(roster ? { roster } : {}) });
  }

  private take(drain: BookDrain): readonly AlarmChange[] {
    this.changes.push(...drain.changes);
    return drain.changes;
  }

  /** A message arriving now; `ts` = its source timestamp (default: now). */
  send(device: string, series: string, v: Record<string, unknown>, extra: { q?: string; stale?: boolean; ts?: number } = {}): readonly AlarmChange[] {
    return this.take(this.engine.onMessage({ device, series, v, ts: this.now, ...extra }, this.now));
  }

  /** Moves the fake clock forward in 1 s ticks, as the app's timer does. */
  advance(ms: number, stepMs = 1_000): readonly AlarmChange[] {
    const out: AlarmChange[] = [];
    for (let left = ms; left > 0; left -= stepMs) {
      this.now += Math.min(stepMs, left);
      out.push(...this.take(this.engine.tick(this.now)));
    }
    return out;
  }

  act(run: (engine: AlarmEngine, now: number) => BookDrain): readonly AlarmChange[] {
    return this.take(run(this.engine, this.now));
  }

  events(id?: string): string[] {
    return this.changes.filter((c) => id === undefined || c.values.id === id).map((c) => `${c.values.event}:${c.values.state}`);
  }

  state(id: string): string {
    return this.engine.get(id)?.state ?? 'normal';
  }
}
