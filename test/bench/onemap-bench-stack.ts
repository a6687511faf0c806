import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built stack of the benchmark: broker, ingest, api and plant-sim as separate processes (as `npm start`). */
export interface BenchStack {
  readonly url: string;
  readonly adminPassword: string;
  readonly dataDir: string;
  readonly pids: Readonly<Record<string, number>>;
  stop(): Promise<void>;
}

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

function run(script: string, args: string[], env: Record<string, string>, log: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, [resolve(ROOT, script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const name = script.split('/')[1] ?? script;
  const forward = (chunk: Buffer): void => chunk.toString().split('\n').filter((l) => l.trim() !== '').forEach((l) => log(`[${name}] ${l}`));
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  return child;
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function oneShot(script: string, args: string[], log: (line: string) => void): Promise<void> {
  const child = run(script, args, {}, log);
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} exited ${code}`);
}

/**
 * Starts the scenarios' plant (`plant-sim init --scenario a,b`) and the stack on free ports;
 * `ingest: false` leaves the store out (the live view does not need it).
 */
export async function startBenchStack(scenarios: string, options: { ingest: boolean; log: (line: string) => void }): Promise<BenchStack> {
  const dataDir = await mkdtemp(join(tmpdir(), 'pw-bench-'));
  await oneShot('simulators/dist/cli/main.js', ['init', '--scenario', scenarios, '--out', dataDir], options.log);
  const secrets = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')) as { services: Record<string, string> };
  const [tcp, api] = [await freePort(), await freePort()];
  const mqttUrl = `mqtt://127.0.0.1:${tcp}`;
  const adminPassword = 'bench-admin-password';
  const common = { PLANTWATCH_PLANT_MODEL: join(dataDir, 'plant.json'), PLANTWATCH_DATA_DIR: dataDir, MQTT_URL: mqttUrl };
  const children: Record<string, ChildProcess> = {};
  children['broker'] = run('apps/broker/dist/main.js', [], { ...common, BROKER_TCP_PORT: String(tcp), BROKER_WS_PORT: String(await freePort()), BROKER_PUBLISH_RATE: '20000' }, options.log);
  if (options.ingest) children['ingest'] = run('apps/ingest/dist/main.js', [], { ...common, MQTT_PASSWORD: secrets.services['ingest'] ?? '' }, options.log);
  children['api'] = run('apps/api/dist/main.js', [], { ...common, MQTT_PASSWORD: secrets.services['api'] ?? '', API_PORT: String(api), ONEMAP_DIR: resolve(ROOT, 'apps/onemap/dist'), API_INITIAL_ADMIN_PASSWORD: adminPassword }, options.log);
  const url = `http://127.0.0.1:${api}`;
  await waitFor(`${url}/api/health`, 60_000);
  children['plant-sim'] = run('simulators/dist/cli/main.js', ['run', '--plant', join(dataDir, 'plant.json'), '--secrets', join(dataDir, 'secrets.json'), '--broker', mqttUrl, '--control', 'none'], {}, options.log);
  const pids = Object.fromEntries(Object.entries(children).map(([k, c]) => [k, c.pid ?? 0]));
  return {
    url,
    adminPassword,
    dataDir,
    pids,
    stop: async () => {
      for (const child of Object.values(children).reverse()) child.kill('SIGTERM');
      await Promise.all(Object.values(children).map((c) => (c.exitCode !== null ? Promise.resolve() : new Promise((r) => c.once('exit', r)))));
    },
  };
}

/** CPU seconds a process has used so far (Linux /proc). */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
}
