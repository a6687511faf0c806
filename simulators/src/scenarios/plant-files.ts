import { access, chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GeneratedPlant, ScenarioRuntime } from './generate-plant.js';

/** File names inside a plant directory. */
export const PLANT_FILE = 'plant.json';
export const SECRETS_FILE = 'secrets.json';
/** Run-time side file: scenario parameters, period overrides, timeline, MTBF, group budgets. */
export const SCENARIO_FILE = 'scenario.json';
/** Layout hints for the one map by node key (proposed `PlantModel.layout`, docs/simulators.md). */
export const LAYOUT_FILE = 'layout.json';

/** Result of {@link writePlantFiles}. */
export interface PlantFiles {
  readonly plantFile: string;
  readonly secretsFile: string;
  /** False when both files existed and were kept (no `force`). */
  readonly written: boolean;
}

/** A plant directory holds one file of the pair but not the other: refuse to guess. */
export class PlantFilesError extends Error {
  readonly code = 'PLANT_FILES_INCONSISTENT';
  constructor(message: string) {
    super(message);
    this.name = 'PlantFilesError';
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Writes via a temporary file and rename, so a crash never leaves half a JSON file. */
async function writeAtomically(file: string, content: string, mode: number): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, content, { mode });
  await chmod(tmp, mode);
  await rename(tmp, file);
}

/**
 * Writes `<dir>/plant.json` (model, hashes only) and `<dir>/secrets.json` (mode 0600). Existing
 * files are kept unless `force`: re-running `init` must not rotate every device password. When
 * only one of the two exists, it throws {@link PlantFilesError} (their hashes could not match).
 */
export async function writePlantFiles(dir: string, plant: GeneratedPlant, options: { readonly force?: boolean } = {}): Promise<PlantFiles> {
  const plantFile = join(dir, PLANT_FILE);
  const secretsFile = join(dir, SECRETS_FILE);
  if (options.force !== true) {
    const [hasPlant, hasSecrets] = await Promise.all([exists(plantFile), exists(secretsFile)]);
    if (hasPlant && hasSecrets) return { plantFile, secretsFile, written: false };
    if (hasPlant || hasSecrets) {
      throw new PlantFilesError(`${hasPlant ? secretsFile : plantFile} is missing while ${hasPlant ? plantFile : secretsFile} exists; use --force to regenerate both`);
    }
  }
  await mkdir(dir, { recursive: true });
  await writeAtomically(secretsFile, `${JSON.stringify(plant.secrets, null, 2)}\n`, 0o600);
  await writeAtomically(plantFile, `${JSON.stringify(plant.model, null, 2)}\n`, 0o644);
  await writeAtomically(join(dir, SCENARIO_FILE), `${JSON.stringify(plant.runtime)}\n`, 0o644);
  await writeAtomically(join(dir, LAYOUT_FILE), `${JSON.stringify(plant.layout)}\n`, 0o644);
  return { plantFile, secretsFile, written: true };
}

/** The scenario side file of a plant directory, or undefined when there is none (older plants). */
export async function loadScenarioRuntime(dir: string): Promise<ScenarioRuntime | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, SCENARIO_FILE), 'utf8')) as ScenarioRuntime;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return undefined;
    throw error;
  }
}
