import { parseArgs } from 'node:util';
import { loadPlantModel, serviceUsername } from '@plantwatch/platform';
import { isSimulated } from '../models/device-factory.js';
import { typeStatus } from '../scenarios/device-types.js';
import { scenarioByName } from '../scenarios/registry.js';
import type { DeviceType } from '@plantwatch/contracts';
import { UsageError } from './args.js';
import { scenarioList } from './init.command.js';
import type { CliIo } from './io.js';

/** `plant-sim list --plant <file>` (devices) or `--scenario NAME[,…]` (groups, counts, msg/s budgets). */
export async function listCommand(argv: readonly string[], io: CliIo): Promise<void> {
  const { values } = parseArgs({ args: [...argv], options: { plant: { type: 'string' }, scenario: { type: 'string' } }, strict: true, allowPositionals: false });
  if (values.scenario !== undefined) return listScenario(scenarioList(values.scenario), io);
  if (values.plant === undefined) throw new UsageError('plant-sim list needs --plant or --scenario');
  const model = (await loadPlantModel(values.plant)).model;
  io.out(`plant ${model.name}: ${model.devices.length} device(s)`);
  for (const device of model.devices) {
    const label = [device.name, device.nameZh].filter((n) => n !== undefined).join(' / ');
    const via = device.via === undefined ? '' : ` via ${device.via}`;
    io.out(`  ${device.key}  ${device.type}${isSimulated(device.type) ? '' : ' (not simulated yet)'}  ${label}${via}`);
  }
  io.out(`services: ${model.services.map((s) => serviceUsername(s.name)).join(', ') || '(none)'}`);
}

function simulatedLabel(type: string): string {
  const status = typeStatus(type);
  if (status !== 'registered') return ' [type not registered yet]';
  return isSimulated(type as DeviceType) ? '' : ' [not simulated yet]';
}

function listScenario(names: readonly string[], io: CliIo): void {
  for (const name of names) {
    const layout = scenarioByName(name).layout({});
    const groups = layout.groups ?? [];
    const budget = groups.reduce((sum, g) => sum + g.devices * g.msgPerS, 0);
    io.out(`scenario ${name}: ${layout.devices.length} device(s), budget ${budget.toFixed(1)} msg/s${(layout.expect ?? []).map((e) => ` (§4 ${e.scenario}: ${JSON.stringify(e.msgPerS)})`).join('')}`);
    for (const g of groups) io.out(`  ${String(g.devices).padStart(5)} × ${g.type.padEnd(16)} ${(g.devices * g.msgPerS).toFixed(1).padStart(7)} msg/s  ${g.label}${simulatedLabel(g.type)}`);
    for (const note of layout.notes ?? []) io.out(`  note: ${note}`);
  }
}
