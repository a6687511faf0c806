import type { Scenario } from './scenario.js';
import { skeletonScenario } from './skeleton.scenario.js';

/** Every scenario plant-sim knows, by name (domain.md §4 scenarios join as they are built). */
export const SCENARIOS: Readonly<Record<string, Scenario>> = {
  [skeletonScenario.name]: skeletonScenario,
};

/** The scenario called `name`; throws a RangeError listing the known names otherwise. */
export function scenarioByName(name: string): Scenario {
  const scenario = SCENARIOS[name];
  if (scenario === undefined) throw new RangeError(`unknown scenario ${JSON.stringify(name)} (known: ${Object.keys(SCENARIOS).join(', ')})`);
  return scenario;
}
