import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig, loadSecrets } from '@plantwatch/platform';
import { stackEnv } from './config.js';

/**
 * `npm start`: the whole stack on one machine — broker, ingest, api and one simulated plant,
 * each its own process, exactly as a deployment runs them — with embedded defaults, then
 * prints the one-map URL. Ctrl-C stops everything.
 */
const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const env = loadConfig(stackEnv);
const dataDir = resolve(env.PLANTWATCH_DATA_DIR);
const plantFile = resolve(dataDir, 'plant.json');
const secretsFile = resolve(dataDir, 'secrets.json');
const mqttUrl = `mqtt://127.0.0.1:${env.BROKER_TCP_PORT}`;
const children: ChildProcess[] = [];

function run(name: string, script: string, args: string[], extraEnv: Record<string, string>, oneShot = false): ChildProcess {
  const child = spawn(process.execPath, [resolve(root, script), ...args], { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = `[${name}] `;
  const forward = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim() !== '') stream.write(prefix + line + '\n');
  };
  child.stdout?.on('data', forward(process.stdout));
  child.stderr?.on('data', forward(process.stderr));
  child.on('exit', (code, signal) => {
    if (!stopping && !oneShot) {
      console.error(`${prefix}exited (${signal ?? code}); stopping the stack`);
      stop(1);
    }
  });
  if (!oneShot) children.push(child);
  return child;
}

let stopping = false;
function stop(code: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of [...children].reverse()) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 3_000).unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r))))).then(() => process.exit(code), () => process.exit(code));
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

async function main(): Promise<void> {
  process.once('SIGINT', () => stop(0));
  process.once('SIGTERM', () => stop(0));
  if (!existsSync(plantFile)) {
    const init = run('plant-sim', 'simulators/dist/cli/main.js', ['init', '--out', dataDir, '--scenario', env.SIM_SCENARIO, ...(env.SIM_SCENARIO === 'skeleton' ? ['--kilns', String(env.SIM_KILNS)] : []), ...(env.SIM_SET ? ['--set', env.SIM_SET] : [])], {}, true);
    await new Promise<void>((ok, fail) => init.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`plant-sim init exited ${code}`)))));
  }
  const secrets = await loadSecrets(secretsFile);
  const common = { PLANTWATCH_PLANT_MODEL: plantFile, PLANTWATCH_DATA_DIR: dataDir, MQTT_URL: mqttUrl };
  const password = (service: string): string => {
    const secret = secrets.services[service];
    if (!secret) throw new Error(`${secretsFile} has no secret for service ${service}`);
    return secret;
  };
  run('broker', 'apps/broker/dist/main.js', [], { ...common, BROKER_TCP_PORT: String(env.BROKER_TCP_PORT), BROKER_WS_PORT: String(env.BROKER_WS_PORT) });
  run('ingest', 'apps/ingest/dist/main.js', [], { ...common, MQTT_PASSWORD: password('ingest'), STORE: env.STORE, INFLUX_URL: env.INFLUX_URL, INFLUX_DB: env.INFLUX_DB });
  // First start: the api creates data/users.json with this admin password; printed once below.
  const initialAdmin = existsSync(resolve(dataDir, 'users.json')) ? undefined : randomBytes(15).toString('base64url');
  run('api', 'apps/api/dist/main.js', [], { ...common, MQTT_PASSWORD: password('api'), API_HOST: env.API_HOST, API_PORT: String(env.API_PORT), ONEMAP_DIR: resolve(root, 'apps/onemap/dist'), ...(initialAdmin ? { API_INITIAL_ADMIN_PASSWORD: initialAdmin } : {}) });
  run('alarms', 'apps/alarms/dist/main.js', [], { ...common, MQTT_PASSWORD: password('alarms') });
  const apiUrl = `http://${env.API_HOST === '0.0.0.0' ? '127.0.0.1' : env.API_HOST}:${env.API_PORT}`;
  await waitFor(`${apiUrl}/api/health`, 60_000);
  run('plant-sim', 'simulators/dist/cli/main.js', ['run', '--broker', mqttUrl, '--plant', plantFile, '--secrets', secretsFile, '--seed', String(env.SIM_SEED), '--speed', String(env.SIM_SPEED), '--push-interval', env.SIM_PUSH_INTERVAL], {});
  const login = initialAdmin ? `admin / ${initialAdmin}  (first start: shown once; add operators under /api/users)` : `the users of ${resolve(dataDir, 'users.json')}`;
  console.log(`\nplantwatch is up (store: ${env.STORE}, data: ${dataDir})\n  one-map:  ${apiUrl}/\n  login:    ${login}\n  REST:     ${apiUrl}/api/plant · ${apiUrl}/api/health\n  MQTT:     ${mqttUrl} (WebSocket ws://127.0.0.1:${env.BROKER_WS_PORT}/mqtt)\nCtrl-C stops everything.\n`);
}

main().catch((error: unknown) => {
  console.error(`stack failed: ${error instanceof Error ? error.message : String(error)}`);
  stop(1);
});
