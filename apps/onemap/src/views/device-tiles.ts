/**
 * What a device detail shows first, by device type: [series, field, unit, limit?]. Limits are
 * the guidance of domain.md §2.6.2 for CEMS (PM 30, SO₂ 200, NOx 300 mg/Nm³, O₂-normalised).
 * Types not listed show every scalar field.
 */
export type TileSpec = readonly [series: string, field: string, unit: string, limit?: number];

export const TYPE_TILES: Readonly<Record<string, readonly TileSpec[]>> = {
  'gateway-5g': [['telemetry/link', 'rsrp', 'dBm'], ['telemetry/link', 'sinr', 'dB'], ['telemetry/link', 'rttMs', 'ms'], ['telemetry/link', 'rttP95Ms', 'ms'], ['telemetry/link', 'southOn', ''], ['telemetry/link', 'south', ''], ['telemetry/link', 'lossPct', '%'], ['telemetry/link', 'ulMbps', 'Mbps']],
  cems: [['telemetry', 'dustZs', 'mg/Nm³', 30], ['telemetry', 'so2Zs', 'mg/Nm³', 200], ['telemetry', 'noxZs', 'mg/Nm³', 300], ['telemetry', 'o2', '%'], ['telemetry', 'flow', 'Nm³/h'], ['telemetry', 'tFlue', '°C']],
  'shuttle-kiln': [['telemetry', 'sp', '°C'], ['telemetry', 'pv', '°C'], ['telemetry', 'rateSp', '°C/h'], ['telemetry', 'remainMin', 'min'], ['telemetry', 'gas', 'Nm³/h'], ['telemetry', 'o2', '%']],
  'holding-furnace': [['telemetry', 'tBath', '°C'], ['telemetry', 'spBath', '°C'], ['telemetry', 'levelMm', 'mm'], ['telemetry', 'massT', 't'], ['telemetry', 'gas', 'Nm³/h'], ['telemetry', 'tiltDeg', '°']],
  'dc-caster': [['telemetry', 'speed', 'mm/min'], ['telemetry', 'posMm', 'mm'], ['telemetry', 'tLaunder', '°C'], ['telemetry', 'tWaterIn', '°C']],
  'rod-line': [['telemetry', 'tph', 't/h'], ['telemetry', 'tPour', '°C'], ['telemetry', 'tRod', '°C'], ['telemetry', 'rodSpeed', 'm/s'], ['telemetry', 'millKw', 'kW']],
};

/** A scalar for a tile: numbers as they are, arrays as their mean. */
export function scalar(value: unknown): number | string | boolean | undefined {
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) {
    const nums = value.filter((x): x is number => typeof x === 'number');
    return nums.length > 0 ? nums.reduce((a, b) => a + b, 0) / nums.length : undefined;
  }
  return undefined;
}
