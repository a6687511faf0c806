import type { DeviceFactories } from '../device-factory.js';

/** Gateway-family device models (domain.md §2). */
export const GATEWAY_FACTORIES: DeviceFactories = {};
