/**
 * The one process lifecycle of every plantwatch app: start, then close cleanly once on SIGINT or
 * SIGTERM; a failed start or close exits non-zero with one clear line (no stack for a user error).
 * `start` resolves to the function that closes what it started.
 */
export function runService(name: string, start: () => Promise<() => Promise<void>>): void {
  start().then(
    (close) => {
      let stopping = false;
      const stop = (signal: NodeJS.Signals): void => {
        if (stopping) return;
        stopping = true;
        console.log(`${name}: ${signal}, closing`);
        close().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(`${name}: close failed:`, error);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(`${name} failed to start: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
