import type { DeviceFactories } from '../device-factory.js';

/** Discrete-family device models (domain.md §2). */
export const DISCRETE_FACTORIES: DeviceFactories = {};
