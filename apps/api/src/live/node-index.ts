import { parseDeviceKey, type LiveView } from '@plantwatch/contracts';
import { ancestorKeys, type PlantIndex } from '@plantwatch/domain';

/** Depth of a node key: '' = plant 0, enterprise 1, site 2, area 3 … device 6. */
export function depthOf(key: string): number {
  return key === '' ? 0 : key.split('/').length;
}

/**
 * Parent/child structure of the hierarchy node keys, for working out what a view shows: its
 * node, the node's ancestors (breadcrumbs), its children (tiles), and — from area level down —
 * the devices under it (floor plan).
 */
export class NodeIndex {
  private readonly children = new Map<string, string[]>();
  private readonly devicesUnder = new Map<string, string[]>();

  constructor(plant: PlantIndex) {
    for (const device of plant.devices) {
      const keys = ['', ...ancestorKeys(parseDeviceKey(device.key))];
      for (let i = 1; i < keys.length; i++) {
        const parent = keys[i - 1] ?? '';
        const list = this.children.get(parent) ?? [];
        if (!list.includes(keys[i] ?? '')) list.push(keys[i] ?? '');
        this.children.set(parent, list);
      }
      for (const key of keys) {
        const list = this.devicesUnder.get(key) ?? [];
        list.push(device.key);
        this.devicesUnder.set(key, list);
      }
    }
  }

  has(key: string): boolean {
    return this.devicesUnder.has(key);
  }

  childrenOf(key: string): readonly string[] {
    return this.children.get(key) ?? [];
  }

  devicesOf(key: string): readonly string[] {
    return this.devicesUnder.get(key) ?? [];
  }

  /** Node keys whose roll-ups a view needs, and the devices whose status it needs. */
  scope(view: LiveView): { nodes: string[]; devices: readonly string[] } {
    if (view.kind === 'overview') {
      const enterprises = this.childrenOf('');
      return { nodes: ['', ...enterprises, ...enterprises.flatMap((e) => this.childrenOf(e))], devices: [] };
    }
    const key = view.node;
    const parts = key.split('/');
    const ancestors = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    const nodes = ['', ...ancestors, ...this.childrenOf(key)];
    return { nodes: [...new Set(nodes)], devices: depthOf(key) >= 3 ? this.devicesOf(key) : [] };
  }
}
