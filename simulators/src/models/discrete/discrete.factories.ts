import type { DeviceFactories } from '../device-factory.js';
import { agvDevice } from './agv.device.js';
import { assemblyStationDevice } from './assembly-station.device.js';
import { cncDevice } from './cnc.device.js';
import { envSensorDevice } from './env-sensor.device.js';
import { equipmentDevice } from './equipment.device.js';
import { foundryUnitDevice } from './foundry-unit.device.js';
import { glassTankDevice } from './glass-tank.device.js';
import { pressFitDevice } from './press-fit.device.js';
import { robotDevice } from './robot.device.js';
import { spinningFrameDevice } from './spinning-frame.device.js';
import { testBenchDevice } from './test-bench.device.js';
import { utilityDevice } from './utility.device.js';

/**
 * Discrete-family device models (domain.md §2.5, §4.1, §4.2, §4.4). Each factory reads the
 * device's optional `params` (see discrete-params.ts) and falls back to key-slug conventions.
 */
export const DISCRETE_FACTORIES: DeviceFactories = {
  cnc: (device, context) => cncDevice(device, context),
  'foundry-unit': (device, context) => foundryUnitDevice(device, context),
  robot: (device, context) => robotDevice(device, context),
  'assembly-station': (device, context) => assemblyStationDevice(device, context),
  'press-fit': (device, context) => pressFitDevice(device, context),
  'test-bench': (device, context) => testBenchDevice(device, context),
  agv: (device, context) => agvDevice(device, context),
  utility: (device, context) => utilityDevice(device, context),
  'env-sensor': (device, context) => envSensorDevice(device, context),
  equipment: (device, context) => equipmentDevice(device, context),
  'spinning-frame': (device, context) => spinningFrameDevice(device, context),
  'glass-tank': (device, context) => glassTankDevice(device, context),
};
