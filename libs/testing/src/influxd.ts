import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

/** Debian's `influxdb` package (1.6.x) puts the server here. */
export const DEBIAN_INFLUXD = '/usr/bin/influxd';

export interface InfluxdOptions {
  /** Where meta/, data/ and wal/ live (kept by dispose()); default: inside the fresh temp dir. */
  readonly dataDir?: string;
  /** The influxd binary; default {@link DEBIAN_INFLUXD}. */
  readonly binary?: string;
  /** Give-up bound for `/ping` to answer after a (re)start, ms. Not a timing assertion. */
  readonly readyTimeoutMs?: number;
}

/** A throwaway InfluxDB 1.x server owned by the test run. */
export interface TestInfluxd {
  /** `http://127.0.0.1:{port}`, stable across stop()/start(). */
  readonly url: string;
  /** SIGTERM, then wait until the process has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port and data dir (e.g. after stop() in a restart test). */
  start(): Promise<void>;
  /** stop() and remove the temp dir. */
  dispose(): Promise<void>;
}

interface Running {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  readonly output: () => string;
}

const START_ATTEMPTS = 3;
const STOP_GRACE_MS = 20_000;

/**
 * Spawns influxd as a child process with a generated config in a fresh temp dir: free HTTP and
 * RPC ports (the default RPC port 8088 would clash with a system influxd), no usage reporting,
 * no `_internal` monitor database, quiet logs. Resolves once `GET /ping` answers 204.
 * Ports come from {@link freePort}, so a lost race ("address already in use") is retried with
 * new ports.
 */
export async function startInfluxd(options: InfluxdOptions = {}): Promise<TestInfluxd> {
  const binary = options.binary ?? DEBIAN_INFLUXD;
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  const tempDir = await mkdtemp(join(tmpdir(), 'plantwatch-influxd-'));
  const root = options.dataDir ?? tempDir;
  await mkdir(root, { recursive: true });
  const configPath = join(tempDir, 'influxdb.conf');
  let lastError: unknown;
  for (let attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
    const httpPort = await freePort();
    let rpcPort = await freePort();
    while (rpcPort === httpPort) rpcPort = await freePort();
    await writeFile(configPath, influxdConfig(root, httpPort, rpcPort));
    const url = `http://127.0.0.1:${httpPort}`;
    try {
      const running = await launch(binary, configPath, url, readyTimeoutMs);
      return handle(url, running, () => launch(binary, configPath, url, readyTimeoutMs), tempDir);
    } catch (error) {
      lastError = error;
      if (!String(error).includes('address already in use')) break;
    }
  }
  await rm(tempDir, { recursive: true, force: true });
  throw lastError;
}

function handle(url: string, first: Running, relaunch: () => Promise<Running>, tempDir: string): TestInfluxd {
  let running: Running | undefined = first;
  const stop = async (): Promise<void> => {
    const current = running;
    running = undefined;
    if (current) await terminate(current);
  };
  return {
    url,
    stop,
    async start() {
      if (running) return;
      running = await relaunch();
    },
    async dispose() {
      await stop();
      await rm(tempDir, { recursive: true, force: true });
    },
  };
}

/** influxd 1.6 config. Unknown keys are ignored, so both spellings of "no usage reporting" are set. */
function influxdConfig(root: string, httpPort: number, rpcPort: number): string {
  const q = (s: string): string => JSON.stringify(s);
  return [
    'reporting-disabled = true', // upstream spelling
    'reporting-enabled = false', // Debian's patched spelling
    `bind-address = ${q(`127.0.0.1:${rpcPort}`)}`,
    '[meta]',
    `  dir = ${q(join(root, 'meta'))}`,
    '[data]',
    `  dir = ${q(join(root, 'data'))}`,
    `  wal-dir = ${q(join(root, 'wal'))}`,
    '  query-log-enabled = false',
    '[monitor]',
    '  store-enabled = false',
    '[subscriber]',
    '  enabled = false',
    '[http]',
    '  enabled = true',
    `  bind-address = ${q(`127.0.0.1:${httpPort}`)}`,
    '  log-enabled = false',
    '[logging]',
    '  level = "warn"',
    '  suppress-logo = true',
    '',
  ].join('\n');
}

async function launch(binary: string, configPath: string, url: string, readyTimeoutMs: number): Promise<Running> {
  const child = spawn(binary, ['-config', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // Never leave an orphan server behind if the test process exits without teardown.
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let hasExited = false;
  const exited = new Promise<void>((resolve) => {
    const done = (): void => {
      hasExited = true;
      process.removeListener('exit', killOnExit);
      resolve();
    };
    child.once('error', (error) => {
      tail += `\n${error.message}`;
      if (child.pid === undefined) done(); // never spawned (ENOENT, EACCES): no 'close' follows
    });
    child.once('close', done);
  });
  const running: Running = { child, exited, output: () => tail };
  const deadline = Date.now() + readyTimeoutMs;
  while (!(await pingOk(url))) {
    if (hasExited || Date.now() > deadline) {
      await terminate(running);
      throw new Error(`influxd (${binary}) did not answer ${url}/ping${hasExited ? ' (it exited)' : ''}:\n${tail.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return running;
}

async function pingOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/ping`, { signal: AbortSignal.timeout(2_000) });
    return response.status === 204;
  } catch {
    return false;
  }
}

async function terminate({ child, exited }: Running): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(true), STOP_GRACE_MS);
  });
  const forced = await Promise.race([exited.then(() => false), gaveUp]);
  clearTimeout(timer);
  if (forced) {
    child.kill('SIGKILL');
    await exited;
  }
}
