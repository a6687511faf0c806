import type { DeviceFactories } from '../device-factory.js';
import { crucibleDevice } from './crucible.device.js';
import { dcCasterDevice } from './dc-caster.device.js';
import { holdingFurnaceDevice } from './holding-furnace.device.js';
import { degasserDevice, filterBoxDevice } from './melt-treatment.device.js';
import { rodLineDevice } from './rod-line.device.js';

/**
 * Aluminium-family device models (domain.md §2.3): the devices of one site share one
 * `CasthouseSite` (`context.shared('aluminium/casthouse/{site}')`), so crucibles fill furnaces and
 * furnaces feed the rod lines and the DC caster on their cast line.
 */
export const ALUMINIUM_FACTORIES: DeviceFactories = {
  'holding-furnace': holdingFurnaceDevice,
  crucible: crucibleDevice,
  degasser: degasserDevice,
  'filter-box': filterBoxDevice,
  'dc-caster': dcCasterDevice,
  'rod-line': rodLineDevice,
};
