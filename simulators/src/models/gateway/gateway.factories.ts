import type { DeviceFactories } from '../device-factory.js';
import { gatewayDevice } from './gateway.device.js';

/** Gateway-family device models (domain.md §2.4). */
export const GATEWAY_FACTORIES: DeviceFactories = {
  'gateway-5g': (device, context) => gatewayDevice(device, context),
};
