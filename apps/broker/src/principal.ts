import { deviceTopicPrefix, parseDeviceKey } from '@plantwatch/contracts';
import type { PlantIndex } from '@plantwatch/domain';
import { secretMatches } from '@plantwatch/platform';

/** Who is behind an MQTT connection; decided once at CONNECT and kept for its lifetime. */
export type PrincipalKind = 'device' | 'gateway' | 'service';

export interface Principal {
  readonly kind: PrincipalKind;
  /** The MQTT username: a device key, or `svc-{name}` for a service. */
  readonly username: string;
  /**
   * `uns/v1/{device key}/` of every device this principal speaks for: a device itself; a 5G
   * gateway itself and its south devices (domain.md §3.1 `meta.via`); none for a service.
   */
  readonly devicePrefixes: readonly string[];
}

/** Device type whose south devices publish through it (shared/ARCHITECTURE.md §2). */
export const GATEWAY_TYPE = 'gateway-5g';
/** Usernames of backend services, see `serviceUsername` in @plantwatch/platform. */
const SERVICE_USERNAME = /^svc-(.+)$/;

/**
 * Checks MQTT credentials against the plant model: username = device key and password = the
 * device's secret, or username `svc-{name}` and the service's secret. Both compare SHA-256
 * hashes in constant time. Returns the principal, or undefined for any mismatch (unknown user
 * and wrong secret look the same to the caller, on purpose).
 */
export function authenticatePrincipal(plant: PlantIndex, username: string, password: Buffer): Principal | undefined {
  const serviceName = SERVICE_USERNAME.exec(username)?.[1];
  if (serviceName !== undefined) {
    const service = plant.service(serviceName);
    if (!service || !secretMatches(password, service.secretSha256)) return undefined;
    return { kind: 'service', username, devicePrefixes: [] };
  }
  const device = plant.device(username);
  if (!device || !secretMatches(password, device.secretSha256)) return undefined;
  const isGateway = device.type === GATEWAY_TYPE;
  const keys = [device.key, ...(isGateway ? plant.southDevices(device.key).map((d) => d.key) : [])];
  return {
    kind: isGateway ? 'gateway' : 'device',
    username,
    devicePrefixes: keys.map((key) => deviceTopicPrefix(parseDeviceKey(key))),
  };
}
