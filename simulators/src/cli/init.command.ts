import { parseArgs } from 'node:util';
import { generatePlant } from '../scenarios/generate-plant.js';
import { writePlantFiles } from '../scenarios/plant-files.js';
import { scenarioNames } from '../scenarios/registry.js';
import { MAX_KILNS } from '../scenarios/skeleton.scenario.js';
import { parseList, parseNumber, parseSet, required, UsageError } from './args.js';
import type { CliIo } from './io.js';

/** Scenario names from `--scenario a,b`, each checked against the registry. */
export function scenarioList(text: string): string[] {
  const names = parseList(text);
  const known = scenarioNames();
  for (const name of names) if (!known.includes(name)) throw new UsageError(`--scenario ${JSON.stringify(name)}: unknown (known: ${known.join(', ')})`);
  if (names.length === 0) throw new UsageError('--scenario needs at least one name');
  return names;
}

/** Prints the devices a plant left out because their type has no model schemas yet. */
export function reportSkipped(skipped: Readonly<Record<string, number>>, io: CliIo): void {
  const entries = Object.entries(skipped);
  if (entries.length > 0) io.out(`left out (type not registered yet): ${entries.map(([t, n]) => `${t} ×${n}`).join(', ')}`);
}

/** `plant-sim init --out <dir> [--scenario NAME[,NAME…]] [--kilns N] [--set k=v] [--force]`. */
export async function initCommand(argv: readonly string[], io: CliIo): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: { out: { type: 'string' }, scenario: { type: 'string', default: 'skeleton' }, kilns: { type: 'string' }, set: { type: 'string' }, force: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  const out = required(values.out, 'out', 'init');
  const names = scenarioList(values.scenario);
  const kilns = values.kilns === undefined ? undefined : parseNumber(values.kilns, 'kilns', 1, MAX_KILNS, true);
  const plant = generatePlant(names, { ...(kilns === undefined ? {} : { kilns }), set: parseSet(values.set) });
  const files = await writePlantFiles(out, plant, { force: values.force });
  if (!files.written) {
    io.out(`kept existing ${files.plantFile} and ${files.secretsFile} (use --force to regenerate)`);
    return;
  }
  io.out(`scenario ${names.join('+')}: ${plant.model.devices.length} device(s), ${plant.model.services.length} service(s)`);
  reportSkipped(plant.runtime.skipped, io);
  io.out(`wrote ${files.plantFile}`);
  io.out(`wrote ${files.secretsFile} (mode 0600: it holds every device password)`);
}
