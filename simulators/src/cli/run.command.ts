import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadPlantModel, loadSecrets } from '@plantwatch/platform';
import { SECRETS_FILE } from '../scenarios/plant-files.js';
import { SimulationError, startSimulation, type Simulation, type SimulationStats } from '../simulation/start-simulation.js';
import { parseDuration, parseNumber, required, UsageError } from './args.js';
import type { CliIo } from './io.js';

/** Real time between status lines [ms]. */
const STATUS_EVERY_MS = 5_000;

interface RunFlags {
  readonly broker: string;
  readonly plant: string;
  readonly secrets: string;
  readonly seed: number;
  readonly speed: number;
  readonly durationMs?: number;
  readonly pushIntervalMs: number;
  readonly devices?: string[];
}

function parseRunFlags(argv: readonly string[]): RunFlags {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      broker: { type: 'string', default: 'mqtt://127.0.0.1:1883' },
      plant: { type: 'string' },
      secrets: { type: 'string' },
      seed: { type: 'string', default: '42' },
      speed: { type: 'string', default: '1' },
      duration: { type: 'string' },
      'push-interval': { type: 'string', default: '120m' },
      devices: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const plant = required(values.plant, 'plant', 'run');
  if (!/^(mqtts?|wss?|tcp|ssl):\/\/./.test(values.broker)) throw new UsageError(`--broker ${JSON.stringify(values.broker)}: expected a URL such as mqtt://127.0.0.1:1883`);
  return {
    broker: values.broker,
    plant,
    secrets: values.secrets ?? join(dirname(plant), SECRETS_FILE),
    seed: parseNumber(values.seed, 'seed', 0, 2 ** 32 - 1, true),
    speed: parseNumber(values.speed, 'speed', 1, 3600),
    ...(values.duration === undefined ? {} : { durationMs: parseDuration(values.duration, 'duration') }),
    pushIntervalMs: parseDuration(values['push-interval'], 'push-interval'),
    ...(values.devices === undefined ? {} : { devices: values.devices.split(',').map((k) => k.trim()).filter((k) => k !== '') }),
  };
}

/**
 * `plant-sim run`: simulates every tunnel kiln of the plant until `signal` aborts (SIGINT/SIGTERM)
 * or `--duration` (wall-clock) runs out, printing a status line every few seconds.
 */
export async function runCommand(argv: readonly string[], io: CliIo, signal?: AbortSignal): Promise<void> {
  const flags = parseRunFlags(argv);
  const [plant, secrets] = await Promise.all([loadPlantModel(flags.plant), loadSecrets(flags.secrets).catch((error: unknown) => rethrowSecrets(flags.secrets, error))]);
  const simulation = await startSimulation({
    brokerUrl: flags.broker,
    model: plant.model,
    secrets,
    seed: flags.seed,
    speed: flags.speed,
    pushIntervalMs: flags.pushIntervalMs,
    ...(flags.devices === undefined ? {} : { devices: flags.devices }),
  }).catch(badDeviceFlag);
  io.out(`plant-sim: ${simulation.devices.length} device(s) → ${flags.broker} (seed ${flags.seed}, speed ${flags.speed}×)`);
  const status = statusPrinter(simulation, io);
  try {
    await until(signal, flags.durationMs);
  } finally {
    clearInterval(status);
    await simulation.stop();
  }
  io.out(`plant-sim: stopped — ${formatStats(simulation.stats(), 0)}`);
}

function statusPrinter(simulation: Simulation, io: CliIo): NodeJS.Timeout {
  let lastPublished = 0;
  let lastAt = performance.now();
  return setInterval(() => {
    const stats = simulation.stats();
    const now = performance.now();
    const rate = ((stats.published - lastPublished) * 1000) / Math.max(1, now - lastAt);
    lastPublished = stats.published;
    lastAt = now;
    io.out(formatStats(stats, rate));
  }, STATUS_EVERY_MS);
}

/** One status line: online devices, msg/s, counters, simulated time, last error. */
export function formatStats(stats: SimulationStats, msgPerS: number): string {
  const sim = new Date(stats.simNowMs).toISOString().replace(/\.\d+Z$/, 'Z');
  const error = stats.lastError === undefined ? '' : ` | last error: ${stats.lastError}`;
  return `online ${stats.online}/${stats.devices} | ${msgPerS.toFixed(1)} msg/s | published ${stats.published} | dropped ${stats.dropped} | errors ${stats.errors} | sim ${sim}${error}`;
}

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
function badDeviceFlag(error: unknown): never {
  if (error instanceof SimulationError && (error.code === 'UNKNOWN_DEVICE' || error.code === 'NOT_SIMULATED')) throw new UsageError(`--devices: ${error.message}`);
  throw error;
}

function rethrowSecrets(file: string, error: unknown): never {
  const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
  if (issues === undefined) throw error;
  throw new Error(`secrets file ${file} is invalid: ${issues.slice(0, 3).map((i) => `${i.path.map(String).join('.')}: ${i.message}`).join('; ')}`);
}
