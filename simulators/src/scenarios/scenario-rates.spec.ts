import type { DeviceType } from '@plantwatch/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../kit/clock.js';
import { isSimulated } from '../models/device-factory.js';
import { MemoryNetwork } from '../simulation/memory-link.js';
import { startSimulation } from '../simulation/start-simulation.js';
import { typeStatus } from './device-types.js';
import type { GroupSummary } from './expand-scenario.js';
import { generatePlant } from './generate-plant.js';
import { scenarioByName } from './registry.js';

/** Simulated seconds counted after a 30 s warm-up (births and first samples excluded). */
const WINDOW_S = 120;
const WARM_UP_MS = 30_000;

interface Measured {
  readonly group: GroupSummary;
  readonly simulated: boolean;
  readonly msgPerS: number;
}

/** Runs a scenario on a stepped clock into a counting in-memory sink; msg/s per data-file group. */
async function measure(name: string): Promise<Measured[]> {
  const layout = scenarioByName(name).layout({});
  const plant = generatePlant(name);
  const groupOf = new Map(layout.devices.map((d) => [d.key, d.group ?? -1]));
  const counts = new Map<number, number>();
  let counting = false;
  const network = new MemoryNetwork({
    record: false,
    tap: (m) => {
      if (!counting) return;
      const group = groupOf.get(m.topic.split('/', 8).slice(2).join('/')) ?? -1;
      counts.set(group, (counts.get(group) ?? 0) + 1);
    },
  });
  const clock = new VirtualClock();
  const simulation = await startSimulation({ links: network.factory, model: plant.model, secrets: plant.secrets, clock, seed: 7, plan: plant.runtime.plan });
  clock.advance(WARM_UP_MS);
  counting = true;
  clock.advance(WINDOW_S * 1000);
  await simulation.stop();
  return (layout.groups ?? []).map((group, i) => ({
    group,
    simulated: typeStatus(group.type) === 'registered' && isSimulated(group.type as DeviceType),
    msgPerS: (counts.get(i) ?? 0) / WINDOW_S,
  }));
}

function simulatedType(type: string): boolean {
  return typeStatus(type) === 'registered' && isSimulated(type as DeviceType);
}

/**
 * domain.md §4 gives steady rates per scenario; the data files split them into per-group budgets.
 * The measured rate of the simulated groups must match the sum of their budgets ±10 %; groups of
 * types without a model yet are skipped, each with its own visible skipped test.
 */
describe.each(['huaxiang-5g-factory', 'yangquan-refractory-town', 'xingxian-aluminium', 'jinzhong-smart-line'])('%s: steady msg/s (counted on a stepped clock)', (name) => {
  let measured: Measured[] = [];
  beforeAll(async () => {
    measured = await measure(name);
  }, 300_000);

  it('the simulated groups publish their §4 budget ±10 %', () => {
    const simulated = measured.filter((m) => m.simulated);
    const budget = simulated.reduce((sum, m) => sum + m.group.devices * m.group.msgPerS, 0);
    const counted = simulated.reduce((sum, m) => sum + m.msgPerS, 0);
    const table = simulated.map((m) => `${m.group.type} ${m.msgPerS.toFixed(2)}/${(m.group.devices * m.group.msgPerS).toFixed(2)}`).join(', ');
    expect(counted, `${name}: measured ${counted.toFixed(1)} msg/s vs budget ${budget.toFixed(1)} (${table})`).toBeGreaterThanOrEqual(budget * 0.9);
    expect(counted, `${name}: measured ${counted.toFixed(1)} msg/s vs budget ${budget.toFixed(1)} (${table})`).toBeLessThanOrEqual(budget * 1.1);
  });

  const pending = [...new Set((scenarioByName(name).layout({}).groups ?? []).filter((g) => !simulatedType(g.type)).map((g) => g.type))];
  it.for(pending)('%s: no model yet, not counted', (type, context) => {
    context.skip(`${name}: type ${type} is not simulated yet; its devices are left out of the count`);
  });
});
