import type { DeviceFactories } from '../device-factory.js';

/** Aluminium-family device models (domain.md §2). */
export const ALUMINIUM_FACTORIES: DeviceFactories = {};
