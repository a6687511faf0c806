/** Where the CLI writes: injectable so commands can be tested without a terminal. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Where run-time control commands come from (stdin); absent = none. */
  readonly input?: NodeJS.ReadableStream;
}

/** stdout/stderr. */
export const consoleIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  input: process.stdin,
};
