import type { TunnelKilnParams } from './tunnel-kiln.params.js';

/** Centre of each firing control zone [m] (§2.1.8 item 1: 8 zones over the firing zone). */
export function zoneCentresM(params: TunnelKilnParams): number[] {
  const { startX, endX, zones } = params.firingZone;
  const width = ((endX - startX) * params.lengthM) / zones;
  return Array.from({ length: zones }, (_, j) => startX * params.lengthM + width * (j + 0.5));
}

/** Burner positions along the kiln [m]: evenly spread within their zone (§2.1.5: ~5 per zone). */
export function burnerPositionsM(params: TunnelKilnParams): number[] {
  const { startX, endX, zones, burnersPerZone } = params.firingZone;
  const width = ((endX - startX) * params.lengthM) / zones;
  return Array.from({ length: zones * burnersPerZone }, (_, k) => startX * params.lengthM + width * (Math.floor(k / burnersPerZone) + ((k % burnersPerZone) + 0.5) / burnersPerZone));
}

/** Index of the position nearest to `m`, skipping index `skip`. */
export function nearestIndex(positions: readonly number[], m: number, skip: number): number {
  let best = -1;
  positions.forEach((pos, i) => {
    if (i !== skip && (best < 0 || Math.abs(pos - m) < Math.abs((positions[best] ?? Infinity) - m))) best = i;
  });
  return Math.max(0, best);
}
