import { describe, expect, it } from 'vitest';
import type { FaultHandler, SimDevice } from '../sim-device.js';
import { HOUR, MINUTE, T0, onTopic, runDevices, testContext, testDevice } from './discrete.test-kit.js';
import { envSensorDevice } from './env-sensor.device.js';
import { equipmentDevice, equipmentPeriodMs } from './equipment.device.js';
import { glassTankDevice } from './glass-tank.device.js';
import { spinningFrameDevice } from './spinning-frame.device.js';
import { utilityDevice } from './utility.device.js';

const fault = (device: SimDevice, code: string): FaultHandler => device.faults?.[code] ?? expect.fail(`no fault ${code}`);
const telemetry = (device: SimDevice, durationMs: number, startMs = T0): { ts: number; v: Record<string, unknown> }[] =>
  onTopic(runDevices([device], durationMs, { startMs }).get(device) ?? [], 'telemetry');

describe('utilities (domain.md §4.2, §2.5.6)', () => {
  const compressor = (seed = 1): SimDevice => utilityDevice(testDevice('huaxiang/hongtong-qinbi/utilities/air/_/aircomp-01', 'utility', { mtbfH: 1e6 }), testContext(seed));

  it('BEARING_WEAR drives the motor vibration from zone A/B into zone C/D; UNBALANCE adds to it at once', () => {
    const device = compressor();
    const healthy = Number(telemetry(device, 10 * MINUTE).at(-1)?.v['vib']);
    fault(device, 'BEARING_WEAR').inject(T0 + 10 * MINUTE, { tauH: 2 });
    const worn = Number(telemetry(device, 10 * MINUTE, T0 + 4 * HOUR).at(-1)?.v['vib']);
    expect(healthy).toBeLessThan(2.8);
    expect(worn).toBeGreaterThan(2.8);
    const other = compressor(2);
    const before = Number(telemetry(other, MINUTE).at(-1)?.v['vib']);
    fault(other, 'UNBALANCE').inject(T0 + MINUTE, { addMmS: 4 });
    expect(Number(telemetry(other, MINUTE, T0 + MINUTE).at(-1)?.v['vib'])).toBeGreaterThan(before + 2);
  });

  it('MACHINE_FAULT stops the unit: no power, no flow, until it restarts', () => {
    const device = compressor(3);
    fault(device, 'MACHINE_FAULT').inject(T0, { durationMin: 30 });
    const values = telemetry(device, HOUR);
    expect(values.filter((m) => m.ts < T0 + 29 * MINUTE).every((m) => m.v['run'] === false && m.v['kw'] === 0)).toBe(true);
    expect(values.at(-1)?.v['run']).toBe(true);
  });
});

describe('plant equipment (domain.md §4.1, §4.2)', () => {
  it('publishes state + power every 30 s at Yangquan and 10 s at Huaxiang, energy and run hours monotonic', () => {
    const press = testDevice('jytd/yq-baiquan/forming/presses/_/press-04', 'equipment');
    const conveyor = testDevice('huaxiang/hongtong-qinbi/machining/misc/_/conv-001', 'equipment');
    expect([equipmentPeriodMs(press, {}), equipmentPeriodMs(conveyor, {}), equipmentPeriodMs(press, { periodS: 60 })]).toEqual([30_000, 10_000, 60_000]);
    const values = telemetry(equipmentDevice(press, testContext(4)), 8 * HOUR);
    expect(values).toHaveLength(8 * 120);
    expect(values.every((m, i) => i === 0 || Number(m.v['kwh']) >= Number(values[i - 1]?.v['kwh']))).toBe(true);
    expect(new Set(values.map((m) => m.v['st']))).toContain('IDLE');
    expect(values[0]?.v['kind']).toBe('press');
  });

  it('MACHINE_FAULT: state DOWN, power 0', () => {
    const device = equipmentDevice(testDevice('jytd/yq-baiquan/forming/mixers/_/mixer-02', 'equipment', { mtbfH: 1e6 }), testContext(5));
    fault(device, 'MACHINE_FAULT').inject(T0, { durationMin: 0 });
    expect(telemetry(device, HOUR).every((m) => m.v['st'] === 'DOWN' && m.v['kw'] === 0)).toBe(true);
  });
});

describe('safety & environment sensors (§4.2)', () => {
  it('EXCURSION raises the reading; SENSOR_FAULT sends nulls with quality bad', () => {
    const device = envSensorDevice(testDevice('huaxiang/hongtong-qinbi/env/gas/_/gas-co-01', 'env-sensor'), testContext(6));
    const normal = telemetry(device, HOUR).map((m) => Number(m.v['val']));
    expect(Math.max(...normal)).toBeLessThan(12);
    fault(device, 'EXCURSION').inject(T0 + HOUR, { factor: 10 });
    expect(Number(telemetry(device, 2 * MINUTE, T0 + HOUR).at(-1)?.v['val'])).toBeGreaterThan(20);
    fault(device, 'SENSOR_FAULT').inject(T0 + 2 * HOUR, {});
    const failed = onTopic(runDevices([device], MINUTE, { startMs: T0 + 2 * HOUR }).get(device) ?? [], 'telemetry').at(-1);
    expect(failed?.v['val']).toBeNull();
    expect(failed?.['q']).toBe('bad');
  });
});

describe('maglev spinning frame (§2.5.3 [S J4])', () => {
  it('summarises 1,200 spindles at ± 0.5 % every second; SPINDLE_ANOMALY puts spindles out of tolerance with events', () => {
    const device = spinningFrameDevice(testDevice('jingwei/jz-yuci/spinning/maglev-1/_/frame-1', 'spinning-frame'), testContext(7));
    const normal = telemetry(device, 10 * MINUTE);
    expect(normal).toHaveLength(600);
    expect(normal.every((m) => Number(m.v['running']) + Number(m.v['down']) === 1_200 && Number(m.v['rpmAvg']) > 17_950 && Number(m.v['rpmAvg']) < 18_050)).toBe(true);
    fault(device, 'SPINDLE_ANOMALY').inject(T0 + 10 * MINUTE, { spindles: 4, devPct: 1.5 });
    const out = runDevices([device], MINUTE, { startMs: T0 + 10 * MINUTE }).get(device) ?? [];
    expect(onTopic(out, 'telemetry').at(-1)?.v['outTol']).toBeGreaterThanOrEqual(4);
    expect(onTopic(out, 'event').filter((e) => e.v['kind'] === 'speed').length).toBeGreaterThanOrEqual(4);
  });
});

describe('Qixian glass day tank (§2.5.5 [S J7])', () => {
  it('melts at 1,400–1,500 °C overnight and is worked at 1,050–1,200 °C by day (Shanghai time)', () => {
    const device = glassTankDevice(testDevice('honghai/jz-qixian/glass/tank-1/_/tank-1', 'glass-tank'), testContext(8));
    const day = telemetry(device, 24 * HOUR, Date.UTC(2024, 5, 9, 16)); // 00:00 local
    const at = (localHour: number): Record<string, unknown> | undefined => day.find((m) => m.ts >= Date.UTC(2024, 5, 9, 16 + localHour))?.v;
    expect(at(5)).toMatchObject({ mode: 'melt', pullTd: 0 });
    expect(Number(at(5)?.['tGlass'])).toBeGreaterThan(1_400);
    expect(at(15)?.['mode']).toBe('work');
    expect(Number(at(15)?.['tGlass'])).toBeLessThan(1_200);
    expect(Number(at(15)?.['tGlass'])).toBeGreaterThan(1_050);
  });
});
