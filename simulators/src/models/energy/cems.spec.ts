import type { CemsTelemetry } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../kit/rng.js';
import { DeviceHarness } from '../aluminium/device-harness.js';
import { CEMS_DEFAULTS, CemsModel, dryFluePerGas, o2Normalise, o2RefOf } from './cems.model.js';
import { ENERGY_FACTORIES } from './energy.factories.js';
import { processLoads } from './process-load.js';

type V = CemsTelemetry['v'];
const T0 = Date.UTC(2024, 5, 10);
const MIN = 60_000;
const HOUR = 3_600_000;
const STACK = 'jytd/yq-baiquan/env/stack-03/_/cems-3';

function cems(): DeviceHarness {
  const h = new DeviceHarness(ENERGY_FACTORIES, T0, 5);
  h.add(STACK, 'cems');
  h.start();
  return h;
}

const minutes = (h: DeviceHarness): V[] => h.of(STACK, 'telemetry').map((p) => (p as CemsTelemetry).v);

describe('O₂ normalisation (domain.md §2.6.2, §7)', () => {
  it('applies C_ref = C_meas × (21 − O₂_ref)/(21 − O₂_meas)', () => {
    expect(o2RefOf('a1.7')).toBeCloseTo(21 - 21 / 1.7, 10); // ≈ 8.65 %, GB 9078 excess-air coefficient 1.7
    expect(o2RefOf('o18')).toBe(18);
    expect(o2Normalise(100, 13.4, 8.6)).toBeCloseTo((100 * 12.4) / 7.6, 10);
    expect(o2Normalise(50, 18, 18)).toBe(50);
    expect(o2Normalise(212, 13.4, o2RefOf('a1.7'))).toBeCloseTo(344.6, 1);
    expect(o2Normalise(10, 20.5, 8.6)).toBeNull(); // almost air: no meaningful reference value
  });

  it('publishes *Zs values that follow the formula from the minute averages', () => {
    const h = cems();
    h.run(30 * MIN);
    for (const v of minutes(h)) {
      const factor = (21 - o2RefOf(v.ref)) / (21 - (v.o2 ?? NaN));
      expect(v.noxZs).toBeCloseTo((v.nox ?? NaN) * factor, 0);
      expect(v.dustZs).toBeCloseTo((v.dust ?? NaN) * factor, 0);
      expect(v.so2Zs).toBeCloseTo((v.so2 ?? NaN) * factor, 0);
      expect(v.flag).toBe('N');
    }
  });

  it('derives the dry flue gas per Nm³ of natural gas from the measured O₂ (λ from §7)', () => {
    expect(dryFluePerGas(0)).toBeCloseTo(8.52, 2);
    const lambda = (2 - 0.134) / (2 - 9.52 * 0.134);
    expect(dryFluePerGas(13.4)).toBeCloseTo(9.52 * lambda - 1, 6);
  });
});

describe('CEMS averages and process coupling (domain.md §2.6.3)', () => {
  it('publishes minute averages every 60 s and hourly averages every hour', () => {
    const h = cems();
    h.run(2 * HOUR);
    expect(h.of(STACK, 'telemetry').length).toBe(120);
    expect(h.of(STACK, 'telemetry/hour').length).toBe(2);
  });

  it('follows the gas of the process it is attached to, and flags F while it is stopped', () => {
    let gas = 120;
    const model = new CemsModel(CEMS_DEFAULTS, new Rng(1), () => ({ kw: 0, gasNm3h: gas }), T0);
    const running = model.minute(T0 + MIN).v;
    expect(running.flow).toBeCloseTo(120 * dryFluePerGas(running.o2 ?? NaN), -2);
    expect(running.flag).toBe('N');
    gas = 0;
    model.minute(T0 + 2 * MIN);
    expect(model.minute(T0 + 3 * MIN).v).toMatchObject({ flow: 0, flag: 'F', o2: 20.9, noxZs: null });
  });

  it('resolves the process through the shared registry (a stack on a furnace line)', () => {
    const h = new DeviceHarness(ENERGY_FACTORIES, T0, 5);
    processLoads(h.context).register('yuantai/xx-watang/casthouse/hf', () => ({ kw: 40, gasNm3h: 60 }));
    h.add('yuantai/xx-watang/casthouse/hf/stack/cems-2', 'cems');
    h.start();
    h.run(5 * MIN);
    const v = (h.of('yuantai/xx-watang/casthouse/hf/stack/cems-2', 'telemetry').at(-1) as CemsTelemetry).v;
    expect(v.flow).toBeCloseTo(60 * dryFluePerGas(v.o2 ?? NaN), -2);
  });
});

describe('CEMS faults (energy/environment signatures)', () => {
  it('CEMS_DRIFT: one analyser reads a growing bias while the flag stays N', () => {
    const h = cems();
    h.run(10 * MIN);
    const before = minutes(h).slice(-5);
    h.device(STACK).faults?.['CEMS_DRIFT']?.inject(h.clock.now(), { analyte: 'nox', ratePerH: 30 });
    h.reset();
    h.run(2 * HOUR);
    const after = minutes(h).slice(-5);
    const mean = (vs: V[], k: 'nox' | 'so2'): number => vs.reduce((a, v) => a + (v[k] ?? 0), 0) / vs.length;
    expect(mean(after, 'nox') - mean(before, 'nox')).toBeGreaterThan(40); // ≈ 60 mg/Nm³ after 2 h ± process wander
    expect(Math.abs(mean(after, 'so2') - mean(before, 'so2'))).toBeLessThan(8);
    expect(new Set(minutes(h).map((v) => v.flag))).toEqual(new Set(['N']));
  });

  it('CEMS_CALIBRATION: flag C with zero and span gas readings; clearing it removes the drift', () => {
    const h = cems();
    h.device(STACK).faults?.['CEMS_DRIFT']?.inject(h.clock.now(), { analyte: 'so2', ratePerH: 50 });
    h.run(HOUR);
    h.device(STACK).faults?.['CEMS_CALIBRATION']?.inject(h.clock.now());
    h.reset();
    h.run(20 * MIN);
    const cal = minutes(h);
    expect(new Set(cal.map((v) => v.flag))).toEqual(new Set(['C']));
    expect(cal.map((v) => v.nox)).toContain(0);
    expect(cal.map((v) => v.nox)).toContain(800); // span gas: 80 % of the 0–1,000 mg/Nm³ range
    h.device(STACK).faults?.['CEMS_CALIBRATION']?.clear(h.clock.now());
    h.reset();
    h.run(10 * MIN);
    const back = minutes(h).slice(-5);
    expect(back.every((v) => v.flag === 'N' && (v.so2 ?? 0) < 40)).toBe(true);
  });

  it('EMISSION_EXCEEDANCE: the O₂-normalised NOx climbs to factor × 300 mg/Nm³ with flag N', () => {
    const h = cems();
    h.run(10 * MIN);
    expect(minutes(h).at(-1)?.noxZs).toBeLessThan(300);
    h.device(STACK).faults?.['EMISSION_EXCEEDANCE']?.inject(h.clock.now(), { analyte: 'nox', factor: 1.4 });
    h.run(30 * MIN);
    const last = minutes(h).slice(-5);
    const noxZs = last.reduce((a, v) => a + (v.noxZs ?? 0), 0) / last.length;
    expect(noxZs).toBeGreaterThan(0.9 * 1.4 * 300); // ± the process wander of the underlying emission
    expect(noxZs).toBeLessThan(1.1 * 1.4 * 300);
    expect(last.every((v) => v.flag === 'N')).toBe(true);
  });
});
