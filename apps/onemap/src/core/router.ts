import type { PlantTree } from './plant.js';

/** Which screen a route shows. */
export type Route =
  | { readonly screen: 'overview' }
  | { readonly screen: 'node' | 'floorplan' | 'kiln' | 'line' | 'device'; readonly key: string };

function hasTunnelKiln(plant: PlantTree, key: string): boolean {
  return plant.devicesUnder(key).some((d) => d.device?.type === 'tunnel-kiln');
}

/**
 * `#/` overview; `#/n/<key>` a node, shown by its level: site → its areas, area → floor plan,
 * line → kiln detail (tunnel kilns) or line big screen, a tunnel-kiln PLC → its kiln, other
 * devices → device detail.
 */
export function parseRoute(hash: string, plant: PlantTree): Route {
  const match = /^#\/n\/(.+)$/.exec(hash);
  if (!match?.[1]) return { screen: 'overview' };
  const key = match[1].split('/').map(decodeURIComponent).join('/');
  const node = plant.node(key);
  if (!node) return { screen: 'overview' };
  if (node.device) return node.device.type === 'tunnel-kiln' ? { screen: 'kiln', key: key.split('/').slice(0, 4).join('/') } : { screen: 'device', key };
  if (node.level === 'area') return { screen: 'floorplan', key };
  if (node.level === 'line') return { screen: hasTunnelKiln(plant, key) ? 'kiln' : 'line', key };
  return { screen: 'node', key };
}
