import type { DeviceFactories } from '../device-factory.js';
import { flameCameraDevice } from './flame-camera.device.js';
import { gasSkidDevice } from './gas-skid.device.js';
import { kilnBurnerDevice } from './kiln-burner.device.js';
import { kilnFanDevice } from './kiln-fan.device.js';
import { kilnPusherDevice } from './kiln-pusher.device.js';
import { shuttleKilnDevice } from './shuttle-kiln.device.js';
import { tunnelKilnDevice } from './tunnel-kiln.device.js';

/**
 * Kiln-family device models (domain.md §2.1–2.2). Every device of one tunnel kiln (same
 * enterprise/site/area/line) shares one physical model through `context.shared`; the shuttle
 * kiln is a model of its own.
 */
export const KILN_FACTORIES: DeviceFactories = {
  'tunnel-kiln': (device, context) => tunnelKilnDevice(device, context),
  'kiln-burner': (device, context) => kilnBurnerDevice(device, context),
  'flame-camera': (device, context) => flameCameraDevice(device, context),
  'kiln-fan': (device, context) => kilnFanDevice(device, context),
  'kiln-pusher': (device, context) => kilnPusherDevice(device, context),
  'gas-skid': (device, context) => gasSkidDevice(device, context),
  'shuttle-kiln': (device, context) => shuttleKilnDevice(device, context),
};
