import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPlantModel, loadSecrets } from '@plantwatch/platform';
import { JsonlGroundTruthFile } from '../faults/ground-truth.js';
import { VirtualClock } from '../kit/clock.js';
import { runStepped } from '../kit/stepped-driver.js';
import { generatePlant } from '../scenarios/generate-plant.js';
import { loadScenarioRuntime, SECRETS_FILE, writePlantFiles } from '../scenarios/plant-files.js';
import { MemoryNetwork } from '../simulation/memory-link.js';
import { SimulationError, startSimulation, type Simulation, type SimulationOptions } from '../simulation/start-simulation.js';
import { parseDuration, parseList, parseNumber, parseSet, UsageError } from './args.js';
import { reportSkipped, scenarioList } from './init.command.js';
import type { CliIo } from './io.js';
import { controlFrom } from './run-control.js';
import { formatStats, statusPrinter } from './status-line.js';

/** Real time between status lines [ms]. */
const STATUS_EVERY_MS = 5_000;

interface RunFlags {
  readonly broker: string;
  readonly plant?: string;
  readonly scenarios?: string[];
  readonly out?: string;
  readonly secrets?: string;
  readonly seed: number;
  readonly speed: number;
  readonly step: boolean;
  readonly durationMs?: number;
  readonly pushIntervalMs: number;
  readonly devices?: string[];
  readonly set: Record<string, number | string | boolean>;
  readonly groundTruth?: string;
  readonly control: boolean;
}

const OPTIONS = {
  broker: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
  plant: { type: 'string' },
  scenario: { type: 'string' },
  out: { type: 'string' },
  secrets: { type: 'string' },
  seed: { type: 'string', default: '42' },
  speed: { type: 'string', default: '1' },
  step: { type: 'boolean', default: false },
  duration: { type: 'string' },
  'push-interval': { type: 'string', default: '120m' },
  devices: { type: 'string' },
  set: { type: 'string' },
  'ground-truth': { type: 'string' },
  control: { type: 'string', default: 'stdin' },
} as const;

function parseRunFlags(argv: readonly string[]): RunFlags {
  const { values: v } = parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });
  if ((v.plant === undefined) === (v.scenario === undefined)) throw new UsageError('plant-sim run needs --plant or --scenario (one of them)');
  if (v.broker !== 'null' && !/^(mqtts?|wss?|tcp|ssl):\/\/./.test(v.broker)) throw new UsageError(`--broker ${JSON.stringify(v.broker)}: expected a URL such as mqtt://127.0.0.1:1883, or null`);
  if (v.step && v.duration === undefined) throw new UsageError('--step needs --duration (simulated time to run)');
  if (v.control !== 'stdin' && v.control !== 'none') throw new UsageError('--control must be stdin or none');
  return {
    broker: v.broker,
    ...(v.plant === undefined ? {} : { plant: v.plant }),
    ...(v.scenario === undefined ? {} : { scenarios: scenarioList(v.scenario) }),
    ...(v.out === undefined ? {} : { out: v.out }),
    ...(v.secrets === undefined ? {} : { secrets: v.secrets }),
    seed: parseNumber(v.seed, 'seed', 0, 2 ** 32 - 1, true),
    speed: parseNumber(v.speed, 'speed', 1, 3600),
    step: v.step,
    ...(v.duration === undefined ? {} : { durationMs: parseDuration(v.duration, 'duration') }),
    pushIntervalMs: parseDuration(v['push-interval'], 'push-interval'),
    ...(v.devices === undefined ? {} : { devices: parseList(v.devices) }),
    set: parseSet(v.set),
    ...(v['ground-truth'] === undefined ? {} : { groundTruth: v['ground-truth'] }),
    control: v.control === 'stdin',
  };
}

/** The plant file to run: `--plant`, or the scenario's plant written (once) under `--out`. */
async function plantFileOf(flags: RunFlags, io: CliIo): Promise<string> {
  if (flags.plant !== undefined) return flags.plant;
  const names = flags.scenarios ?? [];
  const dir = flags.out ?? join('data', `plant-${names.join('-')}`);
  const plant = generatePlant(names, { set: flags.set });
  const files = await writePlantFiles(dir, plant);
  io.out(`${files.written ? 'wrote' : 'using existing'} ${files.plantFile} (start the broker with it)`);
  if (files.written) reportSkipped(plant.runtime.skipped, io);
  return files.plantFile;
}

/** Everything {@link startSimulation} needs, from the flags and the plant directory. */
async function simulationOptions(flags: RunFlags, io: CliIo): Promise<SimulationOptions & { clock?: VirtualClock }> {
  const plantFile = await plantFileOf(flags, io);
  const secretsFile = flags.secrets ?? join(dirname(plantFile), SECRETS_FILE);
  const [plant, secrets, runtime] = await Promise.all([loadPlantModel(plantFile), loadSecrets(secretsFile).catch((error: unknown) => rethrowSecrets(secretsFile, error)), loadScenarioRuntime(dirname(plantFile))]);
  return {
    ...(flags.broker === 'null' ? { links: new MemoryNetwork({ record: false }).factory } : { brokerUrl: flags.broker }),
    model: plant.model,
    secrets,
    seed: flags.seed,
    speed: flags.speed,
    pushIntervalMs: flags.pushIntervalMs,
    ...(flags.step ? { clock: new VirtualClock(Date.now()) } : {}),
    ...(runtime === undefined ? {} : { plan: runtime.plan }),
    ...(flags.devices === undefined ? {} : { devices: flags.devices }),
    ...(flags.groundTruth === undefined ? {} : { groundTruth: new JsonlGroundTruthFile(flags.groundTruth) }),
  };
}

/**
 * `plant-sim run`: simulates the plant until `signal` aborts (SIGINT/SIGTERM) or `--duration`
 * runs out, printing a status line every few seconds and taking fault commands on stdin.
 */
export async function runCommand(argv: readonly string[], io: CliIo, signal?: AbortSignal): Promise<void> {
  const flags = parseRunFlags(argv);
  const options = await simulationOptions(flags, io);
  const simulation = await startSimulation(options).catch(badDeviceFlag);
  const mode = flags.step ? 'stepped, as fast as possible' : `speed ${flags.speed}×`;
  io.out(`plant-sim: ${simulation.devices.length} device(s) → ${flags.broker} (seed ${flags.seed}, ${mode})`);
  const status = statusPrinter(simulation, io, STATUS_EVERY_MS);
  const control = flags.control && io.input !== undefined ? controlFrom(io.input, simulation, io) : undefined;
  try {
    if (options.clock instanceof VirtualClock) await runStepped(options.clock, flags.durationMs ?? 0, { ...(signal === undefined ? {} : { signal }) });
    else await until(signal, flags.durationMs);
  } finally {
    clearInterval(status);
    control?.close();
    await simulation.stop();
  }
  io.out(`plant-sim: stopped — ${formatStats(simulation.stats(), 0)}`);
}

export { formatStats } from './status-line.js';

/** Resolves when `signal` aborts or after `durationMs` (wall-clock), whichever comes first. */
function until(signal: AbortSignal | undefined, durationMs: number | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const timer = durationMs === undefined ? undefined : setTimeout(done, durationMs);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** A `--devices` key that is unknown or not simulated is a usage error (exit 2). */
function badDeviceFlag(error: unknown): Simulation {
  if (error instanceof SimulationError && (error.code === 'UNKNOWN_DEVICE' || error.code === 'NOT_SIMULATED')) throw new UsageError(`--devices: ${error.message}`);
  throw error;
}

function rethrowSecrets(file: string, error: unknown): never {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues === undefined) throw error;
  throw new Error(`secrets file ${file} is invalid: ${issues.slice(0, 3).map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ')}`);
}
