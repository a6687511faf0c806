import { s } from '../core/dom.js';

/**
 * An offline, schematic outline of Shanxi (lon/lat, coarse) and where the seed sites lie. No
 * tiles, no map service: plant networks are closed. Not to scale and not a survey map.
 */
const OUTLINE: ReadonlyArray<readonly [number, number]> = [
  [110.4, 38.6], [111.0, 39.6], [111.4, 40.3], [112.3, 40.7], [113.6, 40.6], [114.4, 40.3], [114.1, 39.5], [113.8, 38.9],
  [113.9, 37.8], [113.6, 37.0], [114.0, 36.4], [113.5, 35.6], [112.7, 35.2], [111.8, 34.9], [110.6, 34.6], [110.3, 35.4],
  [110.6, 36.4], [110.6, 37.4],
];

/** Approximate positions of the seed sites by slug prefix (domain.md §3.1 site slugs). */
const SITES: ReadonlyArray<readonly [string, number, number]> = [
  ['yq-', 113.58, 37.86],
  ['hongtong', 111.67, 36.25],
  ['xx-', 111.12, 38.46],
  ['jz-', 112.75, 37.68],
  ['sz-', 112.43, 39.33],
  ['datong', 113.3, 40.08],
  ['ty-', 112.55, 37.87],
];

const BOX = { lon: [110.1, 114.7], lat: [34.4, 40.9] } as const;
export const MAP_SIZE = { width: 360, height: 500 } as const;

/** SVG coordinates of a lon/lat. */
export function project(lon: number, lat: number): { x: number; y: number } {
  const x = ((lon - BOX.lon[0]) / (BOX.lon[1] - BOX.lon[0])) * MAP_SIZE.width;
  const y = ((BOX.lat[1] - lat) / (BOX.lat[1] - BOX.lat[0])) * MAP_SIZE.height;
  return { x, y };
}

/** Where to draw a site: its known place, spread a little when several share one, else a row at the bottom. */
export function sitePosition(slug: string, index: number, sameSpotIndex: number): { x: number; y: number } {
  const known = SITES.find(([prefix]) => slug.startsWith(prefix));
  if (!known) return { x: 30 + (index % 6) * 55, y: MAP_SIZE.height - 20 };
  const p = project(known[1], known[2]);
  return { x: p.x + sameSpotIndex * 16, y: p.y + sameSpotIndex * 12 };
}

/** The outline as an SVG group. */
export function outline(): SVGGElement {
  const points = OUTLINE.map(([lon, lat]) => project(lon, lat)).map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
  return s('g', { class: 'province' }, s('polygon', { points }), s('text', { x: 12, y: 20, class: 'map-label' }, '山西 Shanxi'));
}
