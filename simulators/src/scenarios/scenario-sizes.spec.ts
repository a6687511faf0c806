import { describe, expect, it } from 'vitest';
import { generatePlant } from './generate-plant.js';
import { scenarioByName } from './registry.js';

/** Device counts by type straight from the domain.md §4 tables (not from the data files). */
const DOMAIN_COUNTS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'yangquan-refractory-town': { 'tunnel-kiln': 86, 'shuttle-kiln': 60, equipment: 1850, 'flame-camera': 344, cems: 86 },
  'huaxiang-5g-factory': { 'gateway-5g': 150, cnc: 1400, 'foundry-unit': 8 + 16 + 8 + 20, robot: 250, 'assembly-station': 300, agv: 40, utility: 80, 'energy-meter': 350, 'env-sensor': 300, equipment: 266 },
  'xingxian-aluminium': { crucible: 10, 'holding-furnace': 6 + 2, 'rod-line': 3, equipment: 12 + 4 + 3, degasser: 2 + 1, 'filter-box': 2, 'dc-caster': 1, 'energy-meter': 24, 'gas-meter': 8, cems: 3 },
  'jinzhong-smart-line': { robot: 2, 'press-fit': 3, 'spinning-frame': 1, 'test-bench': 4, 'glass-tank': 2, 'energy-meter': 10 },
};

function countByType(devices: readonly { type: string }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of devices) out[d.type] = (out[d.type] ?? 0) + 1;
  return out;
}

/** ±10 % around a value, or a [low, high] range widened by 10 %. */
function bounds(target: number | readonly [number, number]): [number, number] {
  return typeof target === 'number' ? [target * 0.9, target * 1.1] : [target[0] * 0.9, target[1] * 1.1];
}

describe('scenario sizes match domain.md §4 (data files)', () => {
  it.each(Object.entries(DOMAIN_COUNTS))('%s lays out the §4 device counts', (name, counts) => {
    const byType = countByType(scenarioByName(name).layout({}).devices);
    for (const [type, n] of Object.entries(counts)) expect(byType[type], `${name}: ${type}`).toBe(n);
  });

  it('yangquan: 27 above-size enterprises + 1 aggregate tenant, 1–8 kilns each, ≈ 2,000 equipment sets, 1–2 CPEs per enterprise', () => {
    const layout = scenarioByName('yangquan-refractory-town').layout({});
    const kilnsPer = countByType(layout.devices.filter((d) => d.type === 'tunnel-kiln').map((d) => ({ type: d.key.split('/')[0] ?? '' })));
    expect(Object.keys(kilnsPer)).toHaveLength(27);
    expect(Object.values(kilnsPer).every((n) => n >= 1 && n <= 8)).toBe(true);
    expect(kilnsPer['jytd']).toBe(6);
    expect(kilnsPer['xiaqian']).toBe(4);
    expect(new Set(layout.devices.map((d) => d.key.split('/')[0])).size).toBe(28);
    const sets = layout.devices.filter((d) => ['tunnel-kiln', 'shuttle-kiln', 'equipment'].includes(d.type)).length;
    expect(sets).toBeGreaterThanOrEqual(1_800);
    expect(sets).toBeLessThanOrEqual(2_200);
    expect(layout.devices.filter((d) => d.type === 'gateway-5g').length).toBeGreaterThanOrEqual(27);
  });

  it('huaxiang: 3,038 south devices behind 150 gateways, 8–40 each, over 8 cells, 5 % difficult', () => {
    const layout = scenarioByName('huaxiang-5g-factory').layout({});
    const gateways = layout.devices.filter((d) => d.type === 'gateway-5g');
    const south = layout.devices.filter((d) => d.via !== undefined);
    expect(south).toHaveLength(3_038);
    const perGateway = Object.values(countByType(south.map((d) => ({ type: d.via ?? '' }))));
    expect(perGateway).toHaveLength(150);
    expect(Math.min(...perGateway)).toBeGreaterThanOrEqual(8);
    expect(Math.max(...perGateway)).toBeLessThanOrEqual(40);
    const params = gateways.map((g) => layout.params?.[g.key] ?? {});
    expect(new Set(params.map((p) => p['cell'])).size).toBe(8);
    expect(params.filter((p) => p['difficult'] === true)).toHaveLength(8);
  });

  it('fault-storm runs on 4.1 + 4.2 + 4.3 with the §4.5 timeline', () => {
    const layout = scenarioByName('fault-storm').layout({});
    const parts = ['yangquan-refractory-town', 'huaxiang-5g-factory', 'xingxian-aluminium'].map((n) => scenarioByName(n).layout({}).devices.length);
    expect(layout.devices).toHaveLength(parts.reduce((a, b) => a + b, 0));
    // The bleed-out comes at 28 min, not §4.5's 15: it stops Yuantai's only cast, so the t = 10 filter blockage would have no flow to show on (deviation noted in fault-storm.yaml).
    expect(layout.timeline?.map((t) => [t.atMs / 60_000, t.fault])).toEqual(expect.arrayContaining([[0, 'CELL_DOWN'], [2, 'GAS_PRESS_LOW'], [5, 'FAN_TRIP'], [8, 'PUSH_FAIL'], [10, 'HOT_METAL_SHORTAGE'], [10, 'FILTER_DP_HIGH'], [20, 'CLOCK_SKEW'], [28, 'BLEEDOUT']]));
    expect(layout.notes?.some((n) => n.includes('expired'))).toBe(true);
  });

  it.each(['yangquan-refractory-town', 'huaxiang-5g-factory', 'xingxian-aluminium', 'jinzhong-smart-line', 'fault-storm'])('%s: the msg/s budgets of its groups add up to §4 within ±10 %', (name) => {
    const layout = scenarioByName(name).layout({});
    const budget = (layout.groups ?? []).reduce((sum, g) => sum + g.devices * g.msgPerS, 0);
    const own = layout.expect?.find((e) => e.scenario === name);
    const [low, high] = bounds(own?.msgPerS ?? 0);
    expect(budget).toBeGreaterThanOrEqual(low);
    expect(budget).toBeLessThanOrEqual(high);
  });

  it('scales every count with the scale knob and overrides §5 knobs', () => {
    const small = scenarioByName('huaxiang-5g-factory').layout({ set: { scale: 0.1, gateways: 150 } });
    expect(small.devices.filter((d) => d.type === 'cnc')).toHaveLength(140);
    expect(small.devices.filter((d) => d.type === 'gateway-5g')).toHaveLength(15);
    const fewer = scenarioByName('yangquan-refractory-town').layout({ set: { burnersPerKiln: 8 } });
    expect(fewer.devices.filter((d) => d.type === 'kiln-burner')).toHaveLength(86 * 8);
  });

  it('generates a plant model of registered types only and names the rest (never silently)', () => {
    const plant = generatePlant('huaxiang-5g-factory', { set: { scale: 0.05 } });
    const left = Object.values(plant.runtime.skipped).reduce((a, b) => a + b, 0);
    expect(plant.model.devices.length + left).toBe(scenarioByName('huaxiang-5g-factory').layout({ set: { scale: 0.05 } }).devices.length);
    expect(plant.layout[plant.model.devices[0]?.key ?? '']).toMatchObject({ w: expect.any(Number) as number });
    expect(() => generatePlant({ name: 'typo', description: '', layout: () => ({ nodes: {}, devices: [{ key: 'a/b/c/d/e/f', type: 'kiln-burnr', name: 'x' }] }) })).toThrow(/unknown device type/);
  });
});
