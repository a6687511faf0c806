import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Secrets } from '@plantwatch/platform';

/** Repository root: apps/loadtest/{src,dist}/stack → four levels up. */
const ROOT = resolve(fileURLToPath(import.meta.url), '../../../../..');
const SERVICES = { broker: 'apps/broker/dist/main.js', ingest: 'apps/ingest/dist/main.js', api: 'apps/api/dist/main.js', alarms: 'apps/alarms/dist/main.js' } as const;
export type StackProcess = keyof typeof SERVICES;

export interface SpawnStackOptions {
  /** Plant directory (plant.json + secrets.json), also the stack's data dir. */
  readonly dataDir: string;
  readonly secrets: Secrets;
  readonly store: 'influx' | 'embedded';
  readonly influxUrl?: string;
  readonly influxDb?: string;
  /** Write a V8 CPU profile of each process here on exit (`--cpu-prof`). */
  readonly cpuProfDir?: string;
  readonly log?: (line: string) => void;
}

/** How a stack process ended, with its last words. */
export interface ProcessExit {
  readonly name: StackProcess;
  readonly code: number | null;
  readonly signal: string | null;
  readonly stderrTail: string;
}

/** The stack as `npm start` runs it — broker, ingest, api, alarms, each its own process — on free ports. */
export interface SpawnedStack {
  readonly brokerUrl: string;
  readonly apiUrl: string;
  readonly adminPassword: string;
  readonly pids: Readonly<Record<StackProcess, number>>;
  /** Processes that exited while the stack was meant to run. */
  readonly exits: readonly ProcessExit[];
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no free port'))));
    });
  });
}

/** Starts the built stack (`npm run build` first) and waits until the api answers and ingest reports. */
export async function spawnStack(options: SpawnStackOptions): Promise<SpawnedStack> {
  const [tcp, ws, api] = [await freePort(), await freePort(), await freePort()];
  const brokerUrl = `mqtt://127.0.0.1:${tcp}`;
  const apiUrl = `http://127.0.0.1:${api}`;
  const adminPassword = `load-${Math.random().toString(36).slice(2)}-admin`;
  const password = (service: string): string => options.secrets.services[service] ?? missing(service);
  const common = { PLANTWATCH_PLANT_MODEL: join(options.dataDir, 'plant.json'), PLANTWATCH_DATA_DIR: options.dataDir, MQTT_URL: brokerUrl };
  const env: Record<StackProcess, Record<string, string>> = {
    broker: { ...common, BROKER_TCP_PORT: String(tcp), BROKER_WS_PORT: String(ws), BROKER_HOST: '127.0.0.1' },
    ingest: { ...common, MQTT_PASSWORD: password('ingest'), STORE: options.store, INFLUX_URL: options.influxUrl ?? 'http://127.0.0.1:8086', INFLUX_DB: options.influxDb ?? 'plantwatch_load', INGEST_STATS_MS: '1000' },
    api: { ...common, MQTT_PASSWORD: password('api'), API_HOST: '127.0.0.1', API_PORT: String(api), ONEMAP_DIR: resolve(ROOT, 'apps/onemap/dist'), API_INITIAL_ADMIN_PASSWORD: adminPassword },
    alarms: { ...common, MQTT_PASSWORD: password('alarms') },
  };
  const children = new Map<StackProcess, ChildProcess>();
  const exits: ProcessExit[] = [];
  let stopping = false;
  const start = (name: StackProcess): void => {
    const profile = options.cpuProfDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`, `--cpu-prof-name=${name}.cpuprofile`];
    const child = spawn(process.execPath, [...profile, resolve(ROOT, SERVICES[name])], { env: { ...process.env, ...env[name] }, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const forward = (chunk: Buffer): void => {
      const text = chunk.toString();
      tail = (tail + text).slice(-2_048);
      for (const line of text.split('\n')) if (line.trim() !== '') options.log?.(`[${name}] ${line}`);
    };
    child.stdout?.on('data', forward);
    child.stderr?.on('data', forward);
    child.once('exit', (code, signal) => {
      if (!stopping) exits.push({ name, code, signal, stderrTail: tail });
    });
    children.set(name, child);
  };
  const terminate = async (wave: readonly ChildProcess[]): Promise<void> => {
    for (const child of wave) if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.all(wave.map((c) => (c.exitCode !== null || c.signalCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r)))));
  };
  // The services first, then the broker: a service that loses its broker while shutting down logs write errors.
  const stop = async (): Promise<void> => {
    stopping = true;
    await terminate([...children].filter(([name]) => name !== 'broker').map(([, child]) => child));
    await terminate([...children].filter(([name]) => name === 'broker').map(([, child]) => child));
  };
  try {
    start('broker');
    start('ingest');
    start('api');
    start('alarms');
    await waitUntil(async () => {
      if (exits.length > 0) throw new Error(`${exits[0]?.name} exited during start (${exits[0]?.code ?? exits[0]?.signal}): ${exits[0]?.stderrTail}`);
      const health = await fetch(`${apiUrl}/api/health`).then((r) => (r.ok ? (r.json() as Promise<{ ingest?: unknown }>) : undefined), () => undefined);
      return health?.ingest !== undefined && health.ingest !== null;
    }, 90_000, 'the stack (api health with ingest stats)');
  } catch (error) {
    await stop();
    throw error;
  }
  const pids = Object.fromEntries([...children].map(([name, child]) => [name, child.pid ?? 0])) as Record<StackProcess, number>;
  return { brokerUrl, apiUrl, adminPassword, pids, exits, stop };
}

function missing(service: string): never {
  throw new Error(`the plant's secrets have no password for service ${service}`);
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what} not ready within ${timeoutMs / 1000} s`);
}
