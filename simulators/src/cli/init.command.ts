import { parseArgs } from 'node:util';
import { generatePlant } from '../scenarios/generate-plant.js';
import { writePlantFiles } from '../scenarios/plant-files.js';
import { SCENARIOS } from '../scenarios/registry.js';
import { MAX_KILNS } from '../scenarios/skeleton.scenario.js';
import { parseNumber, required, UsageError } from './args.js';
import type { CliIo } from './io.js';

/** `plant-sim init --out <dir> [--scenario skeleton] [--kilns N] [--force]`. */
export async function initCommand(argv: readonly string[], io: CliIo): Promise<void> {
  const { values } = parseArgs({
    args: [...argv],
    options: { out: { type: 'string' }, scenario: { type: 'string', default: 'skeleton' }, kilns: { type: 'string' }, force: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  });
  const out = required(values.out, 'out', 'init');
  const scenario = SCENARIOS[values.scenario];
  if (scenario === undefined) throw new UsageError(`--scenario ${JSON.stringify(values.scenario)}: unknown (known: ${Object.keys(SCENARIOS).join(', ')})`);
  const kilns = values.kilns === undefined ? undefined : parseNumber(values.kilns, 'kilns', 1, MAX_KILNS, true);
  const plant = generatePlant(scenario, kilns === undefined ? {} : { kilns });
  const files = await writePlantFiles(out, plant, { force: values.force });
  if (!files.written) {
    io.out(`kept existing ${files.plantFile} and ${files.secretsFile} (use --force to regenerate)`);
    return;
  }
  io.out(`scenario ${scenario.name}: ${plant.model.devices.length} device(s), ${plant.model.services.length} service(s)`);
  io.out(`wrote ${files.plantFile}`);
  io.out(`wrote ${files.secretsFile} (mode 0600: it holds every device password)`);
}
