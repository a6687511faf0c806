import type { DeviceSeries } from './live.hub.js';

/**
 * The few values a floor plan shows on a device (badges), from its latest series: kilns (Tmax,
 * gas, burners) and 5G gateways (radio, south devices online). Other devices show only their
 * status there, so they get none: a floor plan of 1,400 machines costs no more than its statuses.
 */

function num(value: unknown, digits = 0): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function maxOf(values: unknown): number | null {
  if (!Array.isArray(values)) return null;
  let max: number | null = null;
  for (const v of values) if (typeof v === 'number' && (max === null || v > max)) max = v;
  return max === null ? null : Math.round(max);
}

/** Badge values of one device by type; undefined when there is nothing worth showing. */
export function badgeOf(type: string, series: DeviceSeries): Record<string, number | string | boolean | null> | undefined {
  if (type === 'tunnel-kiln') {
    const profile = series.get('telemetry/profile')?.envelope.v;
    const combustion = series.get('telemetry/combustion')?.envelope.v;
    return { tMax: maxOf(profile?.['t']), gas: num(combustion?.['gas']), burnersOn: num(combustion?.['burnersOn']) };
  }
  if (type === 'gateway-5g') {
    const link = series.get('telemetry/link')?.envelope.v;
    if (!link) return undefined;
    return { rsrp: num(link['rsrp']), sinr: num(link['sinr']), rttMs: num(link['rttMs']), southOn: num(link['southOn']), south: num(link['south']) };
  }
  return undefined;
}
