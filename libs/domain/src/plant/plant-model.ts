import { HIERARCHY_LEVELS, parseDeviceKey, type DevicePath, type DeviceType, type HierarchyLevel } from '@plantwatch/contracts';

/**
 * The plant model: the one description of the plant that broker (credentials, ACLs), ingest
 * (known devices, schemas), api (hierarchy) and the simulators all read. It holds only
 * SHA-256 hashes of device secrets; the secrets themselves stay with the devices.
 */
export interface PlantDevice {
  /** `enterprise/site/area/line/cell/device` — also the device's MQTT username. */
  readonly key: string;
  readonly type: DeviceType;
  readonly name: string;
  readonly nameZh?: string;
  /** Key of the 5G gateway that publishes for this device, if any (domain.md §3.1 `meta.via`). */
  readonly via?: string;
  /** Hex SHA-256 of the device's random secret (its MQTT password). */
  readonly secretSha256: string;
}

export interface PlantService {
  /** MQTT username `svc-{name}`. */
  readonly name: string;
  readonly secretSha256: string;
}

export interface PlantModel {
  readonly version: 1;
  readonly name: string;
  /** Display names of hierarchy nodes by node key (`jytd/yq-baiquan/firing`). */
  readonly nodes: Readonly<Record<string, { readonly name: string; readonly nameZh?: string }>>;
  readonly devices: readonly PlantDevice[];
  readonly services: readonly PlantService[];
}

export type PlantModelErrorCode = 'PLANT_MODEL_INVALID';

export class PlantModelError extends Error {
  readonly code: PlantModelErrorCode = 'PLANT_MODEL_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'PlantModelError';
  }
}

/** Fast lookups over a plant model; build once per process. */
export class PlantIndex {
  private readonly byKey = new Map<string, PlantDevice>();
  private readonly southByGateway = new Map<string, PlantDevice[]>();
  private readonly servicesByName = new Map<string, PlantService>();

  constructor(readonly model: PlantModel) {
    for (const device of model.devices) {
      parseDeviceKey(device.key);
      if (this.byKey.has(device.key)) throw new PlantModelError(`duplicate device ${device.key}`);
      if (!/^[0-9a-f]{64}$/.test(device.secretSha256)) throw new PlantModelError(`device ${device.key}: secretSha256 must be 64 hex characters`);
      this.byKey.set(device.key, device);
    }
    for (const device of model.devices) {
      if (device.via === undefined) continue;
      if (!this.byKey.has(device.via)) throw new PlantModelError(`device ${device.key}: gateway ${device.via} is not in the model`);
      const list = this.southByGateway.get(device.via) ?? [];
      list.push(device);
      this.southByGateway.set(device.via, list);
    }
    for (const service of model.services) this.servicesByName.set(service.name, service);
  }

  device(key: string): PlantDevice | undefined {
    return this.byKey.get(key);
  }

  /** Devices a gateway publishes for (its south devices). */
  southDevices(gatewayKey: string): readonly PlantDevice[] {
    return this.southByGateway.get(gatewayKey) ?? [];
  }

  service(name: string): PlantService | undefined {
    return this.servicesByName.get(name);
  }

  get devices(): readonly PlantDevice[] {
    return this.model.devices;
  }
}

/** One node of the ISA-95 hierarchy tree served by the api. */
export interface HierarchyNode {
  readonly key: string;
  readonly level: HierarchyLevel;
  readonly slug: string;
  readonly name: string;
  readonly nameZh?: string;
  readonly children: HierarchyNode[];
  /** Present on device nodes. */
  readonly device?: { readonly type: DeviceType; readonly via?: string };
}

/** The hierarchy as a tree (enterprise → … → device), children in model order. */
export function buildHierarchy(model: PlantModel): HierarchyNode[] {
  const roots: HierarchyNode[] = [];
  const nodes = new Map<string, HierarchyNode>();
  for (const device of model.devices) {
    const path = parseDeviceKey(device.key);
    let siblings = roots;
    HIERARCHY_LEVELS.forEach((level, depth) => {
      const key = HIERARCHY_LEVELS.slice(0, depth + 1).map((l) => path[l]).join('/');
      let node = nodes.get(key);
      if (!node) {
        const isDevice = level === 'device';
        const label = isDevice ? { name: device.name, nameZh: device.nameZh } : (model.nodes[key] ?? { name: path[level] });
        node = {
          key,
          level,
          slug: path[level],
          name: label.name,
          ...(label.nameZh === undefined ? {} : { nameZh: label.nameZh }),
          children: [],
          ...(isDevice ? { device: { type: device.type, ...(device.via === undefined ? {} : { via: device.via }) } } : {}),
        };
        nodes.set(key, node);
        siblings.push(node);
      }
      siblings = node.children;
    });
  }
  return roots;
}

/** Every hierarchy node key a device belongs to, from enterprise down to the device itself. */
export function ancestorKeys(device: DevicePath): string[] {
  return HIERARCHY_LEVELS.map((_, depth) => HIERARCHY_LEVELS.slice(0, depth + 1).map((l) => device[l]).join('/'));
}
