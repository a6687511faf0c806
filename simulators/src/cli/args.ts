/** A bad command line: the CLI prints the message and exits with code 2, no stack trace. */
export class UsageError extends Error {
  readonly code = 'USAGE';
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `500ms`, `90s`, `5m`, `2h`, `1.5d` into milliseconds; `flag` names the option in errors. */
export function parseDuration(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  const amount = match?.[1];
  const unit = match?.[2];
  if (amount === undefined || unit === undefined) throw new UsageError(`--${flag} ${JSON.stringify(text)}: expected a duration such as 500ms, 90s, 5m or 2h`);
  const ms = Math.round(Number(amount) * (UNIT_MS[unit] ?? 1));
  if (!(ms >= 1)) throw new UsageError(`--${flag} must be at least 1ms`);
  return ms;
}

/** Parses a number within [min, max] (integers only when `integer`). */
export function parseNumber(text: string, flag: string, min: number, max: number, integer = false): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new UsageError(`--${flag} ${JSON.stringify(text)}: expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
  return value;
}

/** The value of a required string option. */
export function required(value: string | undefined, flag: string, command: string): string {
  if (value === undefined || value === '') throw new UsageError(`plant-sim ${command} needs --${flag}`);
  return value;
}

/** Turns node:util parseArgs errors (unknown option, missing value …) into {@link UsageError}s. */
export function asUsageError(error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) return new UsageError((error as Error).message);
  return error;
}

/** Parses `name=value,name=value` knob overrides; numbers and true/false are typed. */
export function parseSet(text: string | undefined): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  for (const pair of (text ?? '').split(',').filter((p) => p.trim() !== '')) {
    const [name, raw] = pair.split('=', 2).map((s) => s.trim());
    if (name === undefined || raw === undefined || !/^[A-Za-z]\w*$/.test(name)) throw new UsageError(`--set ${JSON.stringify(pair)}: expected name=value`);
    out[name] = raw === 'true' ? true : raw === 'false' ? false : Number.isFinite(Number(raw)) && raw !== '' ? Number(raw) : raw;
  }
  return out;
}

/** Splits `a,b,c`. */
export function parseList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Usage text of every subcommand. */
export const USAGE = `Usage:
  plant-sim init --out <dir> [--scenario skeleton|NAME[,NAME…]] [--kilns N] [--set knob=value,…] [--force]
      Writes <dir>/plant.json (hashes only), <dir>/secrets.json (mode 0600), scenario.json and layout.json;
      keeps existing files unless --force.
  plant-sim run (--plant <dir>/plant.json | --scenario NAME[,NAME…] [--out <dir>]) [--secrets <file>]
                [--broker mqtt://127.0.0.1:1883 | null] [--seed 42] [--speed 1 | --step] [--duration 60s]
                [--push-interval 120m] [--devices key,key] [--set knob=value,…] [--ground-truth faults.jsonl]
                [--control stdin|none]
      Runs the plant's simulated devices until SIGINT/SIGTERM or --duration runs out (wall-clock; with
      --step it is simulated time, run as fast as possible). --broker null publishes nowhere (counts only).
      Commands on stdin: inject CODE DEVICE [name=value …] [for=5m] | clear CODE DEVICE | faults | status
  plant-sim list (--plant <dir>/plant.json | --scenario NAME[,NAME…])
      Lists devices (plant) or groups, counts and msg/s budgets (scenario).
  plant-sim faults [--type TYPE]
      Lists the fault codes each device type can take, with their signatures.
  plant-sim scenarios
      Lists the known scenarios.`;
