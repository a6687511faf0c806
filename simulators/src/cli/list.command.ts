import { parseArgs } from 'node:util';
import { loadPlantModel, serviceUsername } from '@plantwatch/platform';
import { isSimulated } from '../models/device-factory.js';
import { required } from './args.js';
import type { CliIo } from './io.js';

/** `plant-sim list --plant <file>`: devices (key, type, names, simulated?) and service usernames. */
export async function listCommand(argv: readonly string[], io: CliIo): Promise<void> {
  const { values } = parseArgs({ args: [...argv], options: { plant: { type: 'string' } }, strict: true, allowPositionals: false });
  const plant = await loadPlantModel(required(values.plant, 'plant', 'list'));
  const model = plant.model;
  io.out(`plant ${model.name}: ${model.devices.length} device(s)`);
  for (const device of model.devices) {
    const label = [device.name, device.nameZh].filter((n) => n !== undefined).join(' / ');
    const via = device.via === undefined ? '' : ` via ${device.via}`;
    io.out(`  ${device.key}  ${device.type}${isSimulated(device.type) ? '' : ' (not simulated yet)'}  ${label}${via}`);
  }
  io.out(`services: ${model.services.map((s) => serviceUsername(s.name)).join(', ') || '(none)'}`);
}
