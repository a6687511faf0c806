import type { DeviceFactories } from '../device-factory.js';

/** Energy-family device models (domain.md §2). */
export const ENERGY_FACTORIES: DeviceFactories = {};
