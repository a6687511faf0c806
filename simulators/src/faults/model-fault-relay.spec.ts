import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../kit/clock.js';
import { Scheduler } from '../kit/scheduler.js';
import { MachineCycle, MACHINE_CYCLE_DEFAULTS } from '../models/discrete/machine-cycle.js';
import { reportOwnFaults } from '../models/discrete/machine.faults.js';
import { Rng } from '../kit/rng.js';
import { FaultInjector } from './fault-injector.js';
import type { GroundTruthRecord } from './ground-truth.js';
import { ModelFaultRelay } from './model-fault-relay.js';

const T0 = Date.UTC(2024, 5, 10, 6);
const CNC = 'huaxiang/hongtong-qinbi/machining/crank-l1/op10/cnc-001';

function rig(): { injector: FaultInjector; lines: string[] } {
  const clock = new VirtualClock(T0);
  const lines: string[] = [];
  const sink = { write: (event: 'inject' | 'clear', r: GroundTruthRecord) => lines.push(`${event} ${r.source} ${r.faultCode} ${r.injectedAt - T0} ${r.clearedAt === null ? 'null' : r.clearedAt - T0}`) };
  return { injector: new FaultInjector([{ key: CNC, type: 'cnc', faults: {} }], new Scheduler(clock), clock, sink), lines };
}

describe('faults a model raises by itself are ground truth (source model)', () => {
  it('reports made before the injector exists are handed over on attach; later ones go straight through', () => {
    const { injector, lines } = rig();
    const relay = new ModelFaultRelay();
    const early = relay.begin(CNC, 'MACHINE_FAULT', T0 + 1_000);
    relay.end(early, T0 + 5_000);
    const open = relay.begin(CNC, 'MACHINE_FAULT', T0 + 6_000);
    relay.attach(injector);
    relay.end(open, T0 + 9_000);
    const late = relay.begin(CNC, 'TOOL_WEAR', T0 + 10_000);
    expect(lines).toEqual(['inject model MACHINE_FAULT 1000 null', 'clear model MACHINE_FAULT 1000 5000', 'inject model MACHINE_FAULT 6000 null', 'clear model MACHINE_FAULT 6000 9000', 'inject model TOOL_WEAR 10000 null']);
    expect(injector.records().map((r) => [r.faultCode, r.deviceType, r.source, r.clearedAt === null])).toEqual([
      ['MACHINE_FAULT', 'cnc', 'model', false],
      ['MACHINE_FAULT', 'cnc', 'model', false],
      ['TOOL_WEAR', 'cnc', 'model', true],
    ]);
    expect(late).toBeGreaterThan(open);
  });

  it("a machine's own random fault stops (MTBF) are reported with their start and end", () => {
    const { injector } = rig();
    const relay = new ModelFaultRelay();
    relay.attach(injector);
    const cycle = new MachineCycle({ ...MACHINE_CYCLE_DEFAULTS, idealCycleMs: 30_000, mtbfH: 0.5, starvedPerH: 0, blockedPerH: 0, changeoverEveryH: 0 }, new Rng(7), T0, () => true);
    reportOwnFaults(cycle, CNC, { modelFaults: relay });
    cycle.advance(T0 + 12 * 3_600_000);
    const records = injector.records();
    expect(records.length).toBeGreaterThan(3);
    for (const r of records) {
      expect(r).toMatchObject({ faultCode: 'MACHINE_FAULT', device: CNC, source: 'model' });
      if (r.clearedAt !== null) expect(r.clearedAt).toBeGreaterThan(r.injectedAt);
    }
    expect(records.filter((r) => r.clearedAt === null).length).toBeLessThanOrEqual(1);
  });
});
