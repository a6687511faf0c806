import type { DeviceFactories } from '../device-factory.js';
import { tunnelKilnDevice } from './tunnel-kiln.device.js';

/** Kiln-family device models (domain.md §2.1–2.2). */
export const KILN_FACTORIES: DeviceFactories = {
  'tunnel-kiln': (device, context) => tunnelKilnDevice(device, context),
};
