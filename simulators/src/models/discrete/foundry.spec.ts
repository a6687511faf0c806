import { describe, expect, it } from 'vitest';
import type { FaultHandler, SimDevice } from '../sim-device.js';
import { CastingSupply } from './casting-supply.js';
import { cncDevice } from './cnc.device.js';
import { paramsOf } from './discrete-params.js';
import { HOUR, MINUTE, T0, onTopic, runDevices, testContext, testDevice } from './discrete.test-kit.js';
import { foundryKindOf, foundryUnitDevice } from './foundry-unit.device.js';

const HX = 'huaxiang/hongtong-qinbi';
const fault = (device: SimDevice, code: string): FaultHandler => device.faults?.[code] ?? expect.fail(`no fault ${code}`);

describe('foundry units (domain.md §2.5.2, §4.2)', () => {
  it('takes the kind from params or the slugs', () => {
    expect(foundryKindOf(testDevice(`${HX}/foundry/melt/furnaces/if-03`, 'foundry-unit'), {})).toBe('furnace');
    expect(foundryKindOf(testDevice(`${HX}/foundry/mould-l1/pouring/pour-1`, 'foundry-unit'), {})).toBe('pouring');
    expect(foundryKindOf(testDevice(`${HX}/foundry/sand/plant/sand-01`, 'foundry-unit'), {})).toBe('sand');
    expect(foundryKindOf(testDevice(`${HX}/foundry/mould-l1/moulding/disa-1`, 'foundry-unit'), {})).toBe('moulding');
    expect(foundryKindOf(testDevice(`${HX}/foundry/x/y/unit-1`, 'foundry-unit'), { kind: 'sand' })).toBe('sand');
    expect(foundryKindOf(testDevice(`${HX}/foundry/melting/_/if-01`, 'foundry-unit'), { kind: 'induction-furnace' })).toBe('furnace');
    const scenario = { ...testContext(1), deviceParams: (key: string) => (key.endsWith('unit-2') ? { kind: 'sand-plant' } : undefined) };
    expect(foundryKindOf(testDevice(`${HX}/foundry/x/y/unit-2`, 'foundry-unit'), paramsOf(testDevice(`${HX}/foundry/x/y/unit-2`, 'foundry-unit'), scenario))).toBe('sand');
  });

  it('starves a supply with several feeders only while all of them are stopped', () => {
    const supply = new CastingSupply();
    supply.register('ml-01');
    supply.register('ml-02');
    supply.stop('ml-01', T0);
    expect(supply.dryAt(T0 + HOUR, 30 * MINUTE)).toBeUndefined();
    supply.stop('ml-02', T0 + 10 * MINUTE);
    expect(supply.dryAt(T0 + HOUR, 30 * MINUTE)).toBe(T0 + 40 * MINUTE);
    supply.start('ml-01', T0 + 2 * HOUR);
    expect([supply.stoppedAt, supply.restartedAt]).toEqual([undefined, T0 + 2 * HOUR]);
  });

  it('makes 350 moulds/h while running, taps a furnace about once an hour at 1,480–1,530 °C, pours while moulding runs', () => {
    const context = testContext(21);
    const moulding = foundryUnitDevice(testDevice(`${HX}/foundry/mould-l1/moulding/disa-1`, 'foundry-unit', { mtbfH: 1e6 }), context);
    const pouring = foundryUnitDevice(testDevice(`${HX}/foundry/mould-l1/pouring/pour-1`, 'foundry-unit', { mtbfH: 1e6 }), context);
    const furnace = foundryUnitDevice(testDevice(`${HX}/foundry/melt/furnaces/if-01`, 'foundry-unit', { mtbfH: 1e6 }), context);
    const out = runDevices([moulding, pouring, furnace], 4 * HOUR);
    expect(onTopic(out.get(moulding) ?? [], 'event').filter((e) => e.v['type'] === 'mould_done').length).toBeCloseTo(4 * 350, -1);
    const taps = onTopic(out.get(furnace) ?? [], 'event').filter((e) => e.v['type'] === 'tap');
    expect(taps.length).toBeGreaterThanOrEqual(3);
    expect(taps.length).toBeLessThanOrEqual(5);
    for (const tap of taps) {
      expect(Number(tap.v['tTap'])).toBeGreaterThanOrEqual(1_480);
      expect(Number(tap.v['tTap'])).toBeLessThanOrEqual(1_530);
    }
    const pours = onTopic(out.get(pouring) ?? [], 'telemetry').at(-1)?.v['pours'];
    expect(Number(pours)).toBeGreaterThan(4 * 350 * 0.95);
  });

  it('LINE_STOP stops the mould counter and pouring; CNCs fed by the line starve after their buffer time (§2.5.7)', () => {
    const context = testContext(22);
    const moulding = foundryUnitDevice(testDevice(`${HX}/foundry/mould-l2/moulding/disa-2`, 'foundry-unit', { mtbfH: 1e6 }), context);
    const pouring = foundryUnitDevice(testDevice(`${HX}/foundry/mould-l2/pouring/pour-2`, 'foundry-unit', { mtbfH: 1e6 }), context);
    const cnc = cncDevice(testDevice(`${HX}/machining/crank-l1/op10/cnc-0001`, 'cnc', { castingsFrom: 'mould-l2', bufferMin: 45, mtbfH: 1e6, cycleS: 30 }), context);
    const t = T0 + 30 * MINUTE;
    runDevices([moulding, pouring, cnc], 30 * MINUTE);
    fault(moulding, 'LINE_STOP').inject(t, {});
    const out = runDevices([moulding, pouring, cnc], 90 * MINUTE, { startMs: t });
    expect(onTopic(out.get(moulding) ?? [], 'event')).toHaveLength(0);
    const poured = onTopic(out.get(pouring) ?? [], 'telemetry').map((m) => m.v['pours']);
    expect(poured.at(-1)).toBe(poured[0]);
    const starved = onTopic(out.get(cnc) ?? [], 'state').find((s) => s.v['code'] === 'LINE_STOP');
    expect(starved?.v).toMatchObject({ st: 'IDLE', code: 'LINE_STOP' });
    expect((starved?.v['since'] as number) - t).toBeGreaterThanOrEqual(45 * MINUTE);
    fault(moulding, 'LINE_STOP').clear(t + 90 * MINUTE);
    const after = runDevices([moulding, cnc], 10 * MINUTE, { startMs: t + 90 * MINUTE });
    expect(onTopic(after.get(moulding) ?? [], 'event').length).toBeGreaterThan(50);
    expect(onTopic(after.get(cnc) ?? [], 'state').at(-1)?.v['st']).not.toBe('IDLE');
  });

  it('MACHINE_FAULT idles a furnace (no power) until it restarts', () => {
    const furnace = foundryUnitDevice(testDevice(`${HX}/foundry/melt/furnaces/if-02`, 'foundry-unit', { mtbfH: 1e6 }), testContext(23));
    fault(furnace, 'MACHINE_FAULT').inject(T0 + MINUTE, { durationMin: 20 });
    const out = onTopic(runDevices([furnace], 30 * MINUTE).get(furnace) ?? [], 'telemetry');
    const during = out.filter((m) => m.ts > T0 + 2 * MINUTE && m.ts < T0 + 20 * MINUTE);
    expect(during.every((m) => m.v['phase'] === 'idle' && m.v['kw'] === 0)).toBe(true);
    expect(out.at(-1)?.v['phase']).not.toBe('idle');
  });
});
