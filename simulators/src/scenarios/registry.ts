import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { emptyExpansion, expandScenario } from './expand-scenario.js';
import type { PlantLayout, Scenario, ScenarioOptions } from './scenario.js';
import { loadScenarioFile, type ScenarioFile } from './scenario-file.js';
import { skeletonScenario } from './skeleton.scenario.js';

/** simulators/scenarios/: the data files, two levels up from both src/scenarios and dist/scenarios. */
export const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

let files: Map<string, ScenarioFile> | undefined;

/** Every data-file scenario, read once (simulators/scenarios/*.yaml). */
function dataFiles(): Map<string, ScenarioFile> {
  if (files !== undefined) return files;
  const loaded = new Map<string, ScenarioFile>();
  for (const name of readdirSync(SCENARIO_DIR).filter((f) => f.endsWith('.yaml')).sort()) {
    const file = loadScenarioFile(`${SCENARIO_DIR}${name}`);
    loaded.set(file.name, file);
  }
  files = loaded;
  return loaded;
}

function fileByName(name: string): ScenarioFile {
  const file = dataFiles().get(name);
  if (file === undefined) throw new RangeError(`unknown scenario ${JSON.stringify(name)} (known: ${scenarioNames().join(', ')})`);
  return file;
}

/** A data file as a {@link Scenario}: expanded on demand (domain.md §4). */
function dataScenario(file: ScenarioFile): Scenario {
  return {
    name: file.name,
    description: file.description,
    layout: (options: ScenarioOptions): PlantLayout => {
      const x = expandScenario(file, options, fileByName, emptyExpansion());
      const devices = x.devices.map((d) => ({ key: d.key, type: d.type, name: d.name, ...(d.nameZh === undefined ? {} : { nameZh: d.nameZh }), ...(d.via === undefined ? {} : { via: d.via }), group: d.group }));
      return { nodes: x.nodes, devices, params: x.params, periods: x.periods, timeline: x.timeline, mtbf: x.mtbf, notes: x.notes, knobs: x.knobs, groups: x.groups, expect: x.expect };
    },
  };
}

/** Names of every scenario: the code-built skeleton and the data files. */
export function scenarioNames(): string[] {
  return [skeletonScenario.name, ...dataFiles().keys()];
}

/** The scenario called `name`; throws a RangeError listing the known names otherwise. */
export function scenarioByName(name: string): Scenario {
  if (name === skeletonScenario.name) return skeletonScenario;
  return dataScenario(fileByName(name));
}
