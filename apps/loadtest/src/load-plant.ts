import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { generatePlant, writePlantFiles, type GeneratedPlant } from '@plantwatch/simulators';
import { fleetDeviceKeys, fleetScenario, FLEET_SITE, type FleetSpec } from './fleet/fleet-scenario.js';
import type { LoadConfig } from './load-config.js';

/** The plant of a load run: the scenarios plus (for a ramp) the synthetic fleet, written under `<out>/plant`. */
export interface LoadPlant {
  readonly dir: string;
  readonly plant: GeneratedPlant;
  readonly scenarioDevices: readonly string[];
  readonly fleetKeys: readonly string[];
  /** Nominal msg/s of the scenarios (their §4 budgets). */
  readonly nominalPerS: number;
}

export async function writeLoadPlant(config: LoadConfig): Promise<LoadPlant> {
  const fleet: FleetSpec | undefined = config.rampRates.length > 0 ? { devices: config.fleetDevices, type: config.fleetType } : undefined;
  const plant = generatePlant([...config.scenarios, ...(fleet === undefined ? [] : [fleetScenario(fleet)])], { set: config.scenarioSet });
  const dir = join(config.out, 'plant');
  // A fresh plant every run: users, sessions, alarm state and spool of an earlier run into the same
  // --out would otherwise carry over (the api kept the earlier admin password, and login failed).
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writePlantFiles(dir, plant, { force: true });
  const scenarioDevices = plant.model.devices.filter((d) => !d.key.startsWith(`${FLEET_SITE}/`)).map((d) => d.key);
  const nominalPerS = Math.round(plant.runtime.groups.reduce((sum, g) => sum + g.devices * g.msgPerS, 0));
  return { dir, plant, scenarioDevices, fleetKeys: fleet === undefined ? [] : fleetDeviceKeys(fleet), nominalPerS };
}

/** Default nodes for the headless one-map clients of a steady run: the four lines with the most devices. */
export function busiestLines(devices: readonly string[], count = 4): string[] {
  const perLine = new Map<string, number>();
  for (const key of devices) {
    const line = key.split('/').slice(0, 4).join('/');
    perLine.set(line, (perLine.get(line) ?? 0) + 1);
  }
  return [...perLine.entries()].sort((a, b) => b[1] - a[1]).slice(0, count).map(([line]) => line);
}
