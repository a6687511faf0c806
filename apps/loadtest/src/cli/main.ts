#!/usr/bin/env node
import { runLoadCli } from './load-cli.js';

/** `plant-load` entry point: SIGINT/SIGTERM end the run early; the partial report is still written. */
const controller = new AbortController();
const stop = (): void => controller.abort();
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
process.exitCode = await runLoadCli(process.argv.slice(2), controller.signal);
process.off('SIGINT', stop);
process.off('SIGTERM', stop);
