import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Starts and stops the bare aedes relay ({@link ./bare-aedes.main.ts}) as a child process, so
 * its CPU and memory are its own and a crash of stock aedes under overload takes down only it.
 */

export interface BareRelayOptions {
  /** Extra node flags, e.g. `['--cpu-prof', '--cpu-prof-dir', dir]`. */
  readonly nodeArgs?: readonly string[];
  /** Give-up bound for the `listening <port>` line [ms]; default 30 s. */
  readonly readyTimeoutMs?: number;
}

/** How the relay process ended; `stderrTail` holds its last ~2 kB of stderr (e.g. a stack overflow). */
export interface BareRelayExit {
  readonly code: number | null;
  readonly signal: string | null;
  readonly stderrTail: string;
}

export interface BareRelay {
  /** `mqtt://127.0.0.1:<port>` */
  readonly url: string;
  readonly pid: number;
  /** Settles when the process has exited, for whatever reason. */
  readonly exited: Promise<BareRelayExit>;
  /** SIGTERM (SIGKILL after a grace period); resolves once it has exited. Idempotent. */
  stop(): Promise<void>;
}

const STDERR_TAIL_CHARS = 2048;
const STOP_GRACE_MS = 5_000;

/**
 * The entry script and node flags: the built `.js` next to this module when running from
 * `dist`; from sources (vitest) the `.ts` file through SWC's ESM loader, with the repository
 * root as working directory so `--import @swc-node/register/esm-register` resolves.
 */
function entry(): { readonly args: string[]; readonly cwd: string | undefined } {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const repoRoot = resolve(dirname(here), '../../../..');
    return { args: ['--import', '@swc-node/register/esm-register', join(dirname(here), 'bare-aedes.main.ts')], cwd: repoRoot };
  }
  return { args: [join(dirname(here), 'bare-aedes.main.js')], cwd: undefined };
}

/**
 * Spawns stock aedes (no auth, in-memory persistence) on 127.0.0.1 and a free port and resolves
 * once it listens. Rejects, with the stderr tail, when it exits or stays silent before that.
 */
export async function startBareRelay(options: BareRelayOptions = {}): Promise<BareRelay> {
  const { args, cwd } = entry();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderrTail = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-STDERR_TAIL_CHARS);
  });
  const exited = new Promise<BareRelayExit>((resolveExit) => {
    child.once('close', (code, signal) => resolveExit({ code, signal, stderrTail }));
  });

  const port = await new Promise<number>((resolvePort, reject) => {
    let stdout = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bare aedes relay did not print "listening <port>" within ${options.readyTimeoutMs ?? 30_000} ms: ${stderrTail}`));
    }, options.readyTimeoutMs ?? 30_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^listening (\d+)$/m.exec(stdout);
      if (match) {
        clearTimeout(timer);
        stdout = '';
        resolvePort(Number(match[1]));
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`bare aedes relay could not start: ${error.message}`, { cause: error }));
    });
    void exited.then(({ code, signal, stderrTail: tail }) => {
      clearTimeout(timer);
      reject(new Error(`bare aedes relay exited before listening (code ${String(code)}, signal ${String(signal)}): ${tail}`));
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(killer);
    })();
    return stopping;
  };
  return { url: `mqtt://127.0.0.1:${port}`, pid: child.pid ?? 0, exited, stop };
}
