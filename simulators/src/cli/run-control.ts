import { createInterface, type Interface } from 'node:readline';
import { FaultError } from '../faults/fault-injector.js';
import type { Simulation } from '../simulation/start-simulation.js';
import { parseDuration } from './args.js';
import type { CliIo } from './io.js';
import { formatStats } from './status-line.js';

/**
 * Run-time control of a running simulation, one command per line (stdin of `plant-sim run`):
 * `inject CODE DEVICE [name=value …] [for=5m]`, `clear CODE DEVICE`, `faults`, `status`.
 * Each injection is recorded as ground truth with source `cli`.
 */
export function handleControlLine(line: string, simulation: Simulation, io: CliIo): void {
  const [verb, ...args] = line.trim().split(/\s+/);
  try {
    if (verb === undefined || verb === '') return;
    if (verb === 'inject') return inject(args, simulation, io);
    if (verb === 'clear') return clear(args, simulation, io);
    if (verb === 'faults') return listActive(simulation, io);
    if (verb === 'status') return io.out(formatStats(simulation.stats(), 0));
    io.err(`plant-sim: unknown control command ${JSON.stringify(verb)} (inject, clear, faults, status)`);
  } catch (error) {
    if (error instanceof FaultError || error instanceof Error) io.err(`plant-sim: ${error.message}`);
    else throw error;
  }
}

function inject(args: readonly string[], simulation: Simulation, io: CliIo): void {
  const [code, device, ...rest] = args;
  if (code === undefined || device === undefined) throw new Error('usage: inject CODE DEVICE [name=value …] [for=5m]');
  const options: Record<string, number | string> = {};
  let durationMs: number | undefined;
  for (const pair of rest) {
    const [name, value] = pair.split('=', 2);
    if (name === undefined || value === undefined) throw new Error(`inject: expected name=value, got ${JSON.stringify(pair)}`);
    if (name === 'for') durationMs = parseDuration(value, 'for');
    else options[name] = Number.isFinite(Number(value)) ? Number(value) : value;
  }
  const record = simulation.faults.inject({ faultCode: code, device, options, source: 'cli', ...(durationMs === undefined ? {} : { durationMs }) });
  io.out(`injected #${record.id} ${code} on ${device} at ${new Date(record.injectedAt).toISOString()}`);
}

function clear(args: readonly string[], simulation: Simulation, io: CliIo): void {
  const [code, device] = args;
  if (code === undefined || device === undefined) throw new Error('usage: clear CODE DEVICE');
  const record = simulation.faults.clear(code, device);
  io.out(`cleared #${record.id} ${code} on ${device}`);
}

function listActive(simulation: Simulation, io: CliIo): void {
  const active = simulation.faults.activeFaults();
  io.out(`${active.length} active fault(s)`);
  for (const f of active) io.out(`  #${f.id} ${f.faultCode} ${f.device} since ${new Date(f.injectedAt).toISOString()} (${f.source})`);
}

/** Reads control commands from `input` until closed; returns the readline to close on stop. */
export function controlFrom(input: NodeJS.ReadableStream, simulation: Simulation, io: CliIo): Interface {
  const rl = createInterface({ input, terminal: false });
  rl.on('line', (line) => handleControlLine(line, simulation, io));
  return rl;
}
