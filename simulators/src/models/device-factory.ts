import type { DeviceType } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import type { SimDevice } from './sim-device.js';
import { tunnelKilnDevice } from './tunnel-kiln.device.js';

/** What every device model gets from the simulation. */
export interface DeviceContext {
  readonly seed: number;
  readonly startMs: number;
  /** Car push interval for tunnel kilns [ms]. */
  readonly pushIntervalMs?: number;
}

type DeviceFactory = (device: PlantDevice, context: DeviceContext) => SimDevice;

/** Device types the simulator can run today; the rest of domain.md §2 arrives type by type. */
const FACTORIES: Partial<Record<DeviceType, DeviceFactory>> = {
  'tunnel-kiln': (device, context) => tunnelKilnDevice(device, context),
};

/** Whether plant-sim has a model for this device type. */
export function isSimulated(type: DeviceType): boolean {
  return FACTORIES[type] !== undefined;
}

/** The simulated device for a plant-model device, or undefined when its type has no model yet. */
export function createSimDevice(device: PlantDevice, context: DeviceContext): SimDevice | undefined {
  return FACTORIES[device.type]?.(device, context);
}
