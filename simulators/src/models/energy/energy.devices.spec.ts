import type { EnergyMeterTelemetry, GasMeterTelemetry, PvSiteTelemetry } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../kit/rng.js';
import { CASTHOUSE_SHARED_PREFIX, CasthouseSite } from '../aluminium/casthouse.site.js';
import { casthouseOf, harnessWith, HOUR, MIN, valuesOf, XX, XX_FACTORIES } from '../aluminium/xingxian.fixture.js';
import { DeviceHarness } from '../aluminium/device-harness.js';
import { ENERGY_FACTORIES } from './energy.factories.js';
import { PV_SITE_DEFAULTS, PvSiteModel } from './pv-site.model.js';
import { ProcessLoads } from './process-load.js';
import { localHour, shiftLoad } from './shift-profile.js';

type E = EnergyMeterTelemetry['v'];
const ROD_METER = 'yihe/xx-watang/casthouse/rod-l1/energy/em-rod-l1';
const FURNACE_GAS = 'yihe/xx-watang/casthouse/hf/hf-02/gm-hf-02';
const FEEDER = 'yihe/xx-watang/utilities/energy/_/em-07';
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('process-load registry (context.shared "energy/process-loads")', () => {
  it('resolves an explicit attachment, then {line}/{cell}, then the line sum, else standalone', () => {
    const loads = new ProcessLoads();
    loads.register('e/s/a/hf/hf-01', () => ({ kw: 1, gasNm3h: 10 }));
    loads.register('e/s/a/hf', () => ({ kw: 1, gasNm3h: 10 }));
    loads.register('e/s/a/hf', () => ({ kw: 2, gasNm3h: 20 }));
    loads.register('e/s/kiln/tk03', () => ({ kw: 50, gasNm3h: 170 }));
    loads.attach('e/s/utilities/energy/_/gm-9', 'e/s/kiln/tk03');
    expect(loads.resolve('e/s/a/hf/hf-01/gm-1')?.(0)).toEqual({ kw: 1, gasNm3h: 10 });
    expect(loads.resolve('e/s/a/hf/stack/cems-1')?.(0)).toEqual({ kw: 3, gasNm3h: 30 });
    expect(loads.resolve('e/s/utilities/energy/_/gm-9')?.(0)).toEqual({ kw: 50, gasNm3h: 170 });
    expect(loads.resolve('e/s/utilities/energy/_/gm-8')).toBeUndefined();
  });
});

describe('meters (domain.md §2.6.4)', () => {
  function plant(): DeviceHarness {
    const h = harnessWith(
      [[XX.yiheFurnace(1), 'holding-furnace'], [XX.yiheFurnace(2), 'holding-furnace'], [XX.rodLine(1), 'rod-line'], [ROD_METER, 'energy-meter'], [FURNACE_GAS, 'gas-meter'], [FEEDER, 'energy-meter']],
      { params: { site: { virtualCrucibles: 0, initialCastingFill: [0.8, 0.8], initialOtherFill: [0.9, 0.9] } } },
    );
    h.start();
    return h;
  }

  it('an attached meter follows its process: the rod line mill, a furnace burner', () => {
    const h = plant();
    h.run(30 * MIN);
    const kw = mean(valuesOf<E>(h, ROD_METER).slice(-20).map((v) => v.kw ?? 0));
    expect(kw).toBeGreaterThan(0.85 * (288 + 120));
    expect(kw).toBeLessThan(1.15 * (288 + 120));
    const furnace = casthouseOf(h).furnace(XX.yiheFurnace(2));
    const gas = valuesOf<GasMeterTelemetry['v']>(h, FURNACE_GAS).at(-1)?.nm3h ?? 0;
    expect(gas).toBeGreaterThan(0.8 * furnace.gasNm3h);
    expect(gas).toBeLessThan(1.2 * furnace.gasNm3h);
    h.device(XX.rodLine(1)).faults?.['ROD_BREAK']?.inject(h.clock.now());
    h.run(5 * MIN);
    expect(mean(valuesOf<E>(h, ROD_METER).slice(-5).map((v) => v.kw ?? 0))).toBeLessThan(0.5 * kw);
  });

  it('a scenario can attach any meter with the device parameter `follows`, and rate a standalone one', () => {
    const gm = 'yuantai/xx-watang/utilities/energy/_/gm-03';
    const em = 'yuantai/xx-watang/utilities/energy/_/em-11';
    const h = new DeviceHarness(XX_FACTORIES, Date.UTC(2024, 5, 10), 4, { [gm]: { follows: 'yuantai/xx-watang/casthouse/hf/hf-01' }, [em]: { ratedKw: 2_000 } });
    h.context.shared(CASTHOUSE_SHARED_PREFIX + 'xx-watang', () => new CasthouseSite({ site: 'xx-watang', seed: 4, startMs: h.startMs, params: { site: { virtualCrucibles: 0 } } }));
    for (const [key, type] of [[XX.yuantaiFurnace(1), 'holding-furnace'], [gm, 'gas-meter'], [em, 'energy-meter']] as const) h.add(key, type);
    h.start();
    h.run(10 * MIN);
    const furnace = casthouseOf(h).furnace(XX.yuantaiFurnace(1));
    expect(valuesOf<GasMeterTelemetry['v']>(h, gm).at(-1)?.nm3h).toBeCloseTo(furnace.gasNm3h, -1);
    expect(valuesOf<E>(h, em).at(-1)?.kw).toBeGreaterThan(1_000); // 2,000 kW × the day-shift share
  });

  it('a standalone meter follows the shift profile: night below day, a dip at the changeover', () => {
    expect(shiftLoad(Date.UTC(2024, 5, 10, 20))).toBeLessThan(shiftLoad(Date.UTC(2024, 5, 10, 4))); // 04:00 vs 12:00 local
    expect(shiftLoad(Date.UTC(2024, 5, 10, 0, 10))).toBeLessThan(shiftLoad(Date.UTC(2024, 5, 10, 1)));
    expect(localHour(Date.UTC(2024, 5, 10, 0))).toBe(8);
    const h = new DeviceHarness(ENERGY_FACTORIES, Date.UTC(2024, 5, 10), 9);
    h.add(FEEDER, 'energy-meter');
    h.start();
    h.run(24 * HOUR);
    const at = (utcHour: number): number => mean(valuesOf<E>(h, FEEDER).filter((_, i) => Math.floor((i * 15) / 3_600) === utcHour).map((v) => v.kw ?? 0));
    expect(at(20)).toBeLessThan(0.85 * at(4)); // 04:00 local (night) vs 12:00 local (day)
  });

  it('integrates kWh and reports the 15-min demand; PF, voltages and currents are consistent', () => {
    const h = plant();
    h.run(HOUR);
    const values = valuesOf<E>(h, ROD_METER);
    const [first, last] = [values[0], values.at(-1)];
    const energy = (last?.kwh ?? 0) - (first?.kwh ?? 0);
    expect(energy).toBeCloseTo(mean(values.map((v) => v.kw ?? 0)), -1);
    expect(last?.demandKw).toBeGreaterThan(300);
    const u = mean(last?.u.map((x) => x ?? 0) ?? []);
    const i = mean(last?.i.map((x) => x ?? 0) ?? []);
    expect((Math.sqrt(3) * u * i * (last?.pf ?? 0)) / 1000).toBeCloseTo(last?.kw ?? 0, -1);
    expect(Math.hypot(last?.kw ?? 0, last?.kvar ?? 0) * (last?.pf ?? 0)).toBeCloseTo(last?.kw ?? 0, 0);
  });

  it('METER_COMM_LOSS: nothing published, state offline (comm_loss); the totaliser jumps by the gap when data return', () => {
    const h = plant();
    h.run(10 * MIN);
    const before = valuesOf<E>(h, FEEDER).at(-1);
    h.device(FEEDER).faults?.['METER_COMM_LOSS']?.inject(h.clock.now());
    h.reset();
    h.run(30 * MIN);
    expect(h.of(FEEDER, 'telemetry')).toEqual([]);
    expect(valuesOf(h, FEEDER, 'state').at(-1)).toEqual({ online: false, reason: 'comm_loss' });
    h.device(FEEDER).faults?.['METER_COMM_LOSS']?.clear(h.clock.now());
    h.run(MIN);
    const after = valuesOf<E>(h, FEEDER)[0];
    expect((after?.kwh ?? 0) - (before?.kwh ?? 0)).toBeGreaterThan(0.3 * ((before?.kw ?? 0) / 2));
    expect(valuesOf(h, FEEDER, 'state').at(-1)).toEqual({ online: true });
  });
});

describe('PV site (domain.md §2.6.6)', () => {
  it('produces in daylight only, resets kWh today at local midnight, grid covers the rest of the load', () => {
    const h = new DeviceHarness(ENERGY_FACTORIES, Date.UTC(2024, 5, 9, 16), 11); // 00:00 local, 10 June
    h.add('dt-mobile/datong/network/pv/_/site-0042', 'pv-site');
    h.start();
    h.run(25 * HOUR);
    const values = valuesOf<PvSiteTelemetry['v']>(h, 'dt-mobile/datong/network/pv/_/site-0042');
    const hourOf = (i: number): number => (i + 1) / 60; // one reading a minute from local midnight
    expect(values.filter((_, i) => hourOf(i) < 4).every((v) => v.pvKw === 0 && v.irr === 0)).toBe(true);
    expect(Math.max(...values.map((v) => v.pvKw ?? 0))).toBeGreaterThan(0.5);
    expect(Math.max(...values.map((v) => v.pvKw ?? 0))).toBeLessThan(2.5);
    const endOfDay = values[24 * 60 - 2]?.pvKwhDay ?? 0;
    expect(endOfDay).toBeGreaterThan(2);
    expect(endOfDay).toBeLessThan(16);
    expect(values[24 * 60 + 5]?.pvKwhDay).toBe(0);
    expect(values.every((v) => Math.abs((v.gridKw ?? 0) - Math.max(0, (v.loadKw ?? 0) - (v.pvKw ?? 0))) < 0.02)).toBe(true);
  });

  it('yields ≈ 3,134 kWh per site and year (210,000 kWh / 67 sites, seeds D1/D2)', () => {
    const model = new PvSiteModel(PV_SITE_DEFAULTS, new Rng(3));
    const start = Date.UTC(2023, 11, 31, 16); // 2024-01-01 00:00 local
    let total = 0;
    let last = 0;
    for (let t = start; t <= start + 366 * 86_400_000; t += 5 * MIN) {
      const kwh = model.read(t).v.pvKwhDay ?? 0;
      if (kwh < last) total += last;
      last = kwh;
    }
    expect(total).toBeGreaterThan(0.9 * 3_134);
    expect(total).toBeLessThan(1.1 * 3_134);
  });
});
