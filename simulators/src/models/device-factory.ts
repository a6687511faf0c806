import type { DeviceType } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import type { ModelFaultLog } from '../faults/ground-truth.js';
import { ALUMINIUM_FACTORIES } from './aluminium/aluminium.factories.js';
import { DISCRETE_FACTORIES } from './discrete/discrete.factories.js';
import { ENERGY_FACTORIES } from './energy/energy.factories.js';
import { GATEWAY_FACTORIES } from './gateway/gateway.factories.js';
import { KILN_FACTORIES } from './kiln/kiln.factories.js';
import type { SimDevice } from './sim-device.js';

/** What every device model gets from the simulation. */
export interface DeviceContext {
  readonly seed: number;
  readonly startMs: number;
  /** Car push interval for tunnel kilns [ms]. */
  readonly pushIntervalMs?: number;
  /**
   * One object per key for the whole simulation: devices that share physics (a kiln's PLC,
   * burners, fans, cameras and pusher; a furnace and its caster) get their common model here,
   * e.g. `context.shared(lineKey, () => new TunnelKilnAssembly(...))`.
   */
  shared<T>(key: string, create: () => T): T;
  /**
   * Per-device parameters laid out by the scenario (domain.md §4: a gateway's cell and radio spot,
   * a CNC's vibration channel, a fan's role …), or undefined when it has none. Optional: added
   * for scenario-driven models; a model must work without it.
   */
  readonly deviceParams?: (deviceKey: string) => DeviceParams | undefined;
  /** Where a model reports the faults it raises by itself (ground truth); optional. */
  readonly modelFaults?: ModelFaultLog;
}

/** Scenario parameters of one device: flat, JSON-safe. */
export type DeviceParams = Readonly<Record<string, number | string | boolean>>;

export type DeviceFactory = (device: PlantDevice, context: DeviceContext) => SimDevice;
export type DeviceFactories = Partial<Record<DeviceType, DeviceFactory>>;

/** One factory map per domain.md §2 family; each family folder owns its map. */
const FACTORIES: DeviceFactories = { ...KILN_FACTORIES, ...ALUMINIUM_FACTORIES, ...DISCRETE_FACTORIES, ...ENERGY_FACTORIES, ...GATEWAY_FACTORIES };

/** Whether plant-sim has a model for this device type. */
export function isSimulated(type: DeviceType): boolean {
  return FACTORIES[type] !== undefined;
}

/** The simulated device for a plant-model device, or undefined when its type has no model yet. */
export function createSimDevice(device: PlantDevice, context: DeviceContext): SimDevice | undefined {
  return FACTORIES[device.type]?.(device, context);
}

/** A fresh `shared` memo for one simulation run. */
export function sharedMemo(): DeviceContext['shared'] {
  const objects = new Map<string, unknown>();
  return <T>(key: string, create: () => T): T => {
    if (!objects.has(key)) objects.set(key, create());
    return objects.get(key) as T;
  };
}
