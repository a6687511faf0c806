import type { DeviceFactories } from '../device-factory.js';
import { cemsDevice } from './cems.device.js';
import { energyMeterDevice, gasMeterDevice, pvSiteDevice } from './energy.devices.js';

/**
 * Energy-family device models (domain.md §2.6): meters and CEMS follow the process registered for
 * them in `context.shared('energy/process-loads')` (see `ProcessLoads`), else a shift profile.
 */
export const ENERGY_FACTORIES: DeviceFactories = {
  'energy-meter': energyMeterDevice,
  'gas-meter': gasMeterDevice,
  cems: cemsDevice,
  'pv-site': pvSiteDevice,
};
