import { parseArgs } from 'node:util';
import type { DeviceType } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import { createSimDevice, isSimulated, sharedMemo } from '../models/device-factory.js';
import { PLANNED_DEVICE_TYPES, typeStatus } from '../scenarios/device-types.js';
import { scenarioByName, scenarioNames } from '../scenarios/registry.js';
import type { ScenarioDevice } from '../scenarios/scenario.js';
import type { CliIo } from './io.js';

const PLACEHOLDER_HASH = '0'.repeat(64);

/** One laid-out device of each type across every scenario (a model may need its real key shape). */
function sampleDevices(): Map<string, ScenarioDevice> {
  const samples = new Map<string, ScenarioDevice>();
  for (const name of scenarioNames()) {
    for (const device of scenarioByName(name).layout({ set: { scale: 0.05 } }).devices) if (!samples.has(device.type)) samples.set(device.type, device);
  }
  return samples;
}

/** `plant-sim faults [--type TYPE]`: the fault codes each simulated type can take, with signatures. */
export function faultsCommand(argv: readonly string[], io: CliIo): Promise<void> {
  const { values } = parseArgs({ args: [...argv], options: { type: { type: 'string' } }, strict: true, allowPositionals: false });
  const samples = sampleDevices();
  const context = { seed: 1, startMs: Date.UTC(2024, 5, 10), shared: sharedMemo() };
  for (const type of PLANNED_DEVICE_TYPES.filter((t) => values.type === undefined || t === values.type)) {
    const sample = samples.get(type);
    if (typeStatus(type) !== 'registered' || !isSimulated(type as DeviceType) || sample === undefined) {
      io.out(`${type}: (model pending)`);
      continue;
    }
    const device: PlantDevice = { ...sample, type: type as DeviceType, secretSha256: PLACEHOLDER_HASH };
    const faults = Object.entries(createSimDevice(device, context)?.faults ?? {});
    io.out(`${type}:${faults.length === 0 ? ' (no faults)' : ''}`);
    for (const [code, handler] of faults) io.out(`  ${code.padEnd(20)} ${handler.description}`);
  }
  io.out('any device behind a 5G gateway:');
  io.out(`  ${'DEV_COMM_LOSS'.padEnd(20)} South-side device loss: the gateway reports it online:false, reason comm_loss (domain.md §2.4.6)`);
  return Promise.resolve();
}

/** `plant-sim scenarios`: names and descriptions. */
export function scenariosCommand(_argv: readonly string[], io: CliIo): Promise<void> {
  for (const name of scenarioNames()) io.out(`${name.padEnd(26)} ${scenarioByName(name).description}`);
  return Promise.resolve();
}
