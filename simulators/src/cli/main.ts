#!/usr/bin/env node
import { runCli } from './cli.js';

/** `plant-sim` entry point: SIGINT/SIGTERM stop a run cleanly (retained offline state, DISCONNECT). */
const controller = new AbortController();
const stop = (): void => controller.abort();
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
process.exitCode = await runCli(process.argv.slice(2), undefined, controller.signal);
process.off('SIGINT', stop);
process.off('SIGTERM', stop);
