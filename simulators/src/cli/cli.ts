import { asUsageError, USAGE, UsageError } from './args.js';
import { initCommand } from './init.command.js';
import { faultsCommand, scenariosCommand } from './faults.command.js';
import { consoleIo, type CliIo } from './io.js';
import { listCommand } from './list.command.js';
import { runCommand } from './run.command.js';

type Command = (argv: readonly string[], io: CliIo, signal?: AbortSignal) => Promise<void>;

const COMMANDS: Readonly<Record<string, Command>> = { init: initCommand, run: runCommand, list: listCommand, faults: faultsCommand, scenarios: scenariosCommand };

/**
 * The `plant-sim` command line: `init`, `run`, `list`, `faults`, `scenarios`. Returns the exit code: 0 ok, 1 runtime
 * failure, 2 bad usage. Errors print as one line, never as a stack trace.
 */
export async function runCli(argv: readonly string[], io: CliIo = consoleIo, signal?: AbortSignal): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.err : io.out)(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  try {
    if (command === undefined) throw new UsageError(`unknown command ${JSON.stringify(name)}`);
    await command(rest, io, signal);
    return 0;
  } catch (caught) {
    const error = asUsageError(caught);
    if (error instanceof UsageError) {
      io.err(`plant-sim: ${error.message}\n(run 'plant-sim help' for usage)`);
      return 2;
    }
    io.err(`plant-sim: ${describe(error)}`);
    return 1;
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const path = (error as { path?: unknown }).path;
  if (code === 'ENOENT' && typeof path === 'string') return `cannot read ${path}: no such file`;
  if (code === 'EACCES' && typeof path === 'string') return `cannot access ${path}: permission denied`;
  if (error instanceof SyntaxError) return `invalid JSON: ${error.message}`;
  return error.message;
}
