import { isDeviceType } from '@plantwatch/contracts';

/**
 * Every device type the scenarios lay out (domain.md §2 families). A type joins `DeviceType` when
 * its family registers its payload schemas; until then {@link typeStatus} says `planned`, and
 * the generated plant leaves such devices out (reported, never silently).
 */
export const PLANNED_DEVICE_TYPES: readonly string[] = [
  // kiln family (§2.1, §2.2)
  'tunnel-kiln', 'kiln-burner', 'flame-camera', 'kiln-fan', 'kiln-pusher', 'gas-skid', 'shuttle-kiln',
  // aluminium (§2.3) and energy (§2.6)
  'holding-furnace', 'crucible', 'degasser', 'filter-box', 'dc-caster', 'rod-line', 'energy-meter', 'gas-meter', 'cems', 'pv-site',
  // discrete (§2.5)
  'cnc', 'foundry-unit', 'robot', 'assembly-station', 'press-fit', 'test-bench', 'agv', 'utility', 'env-sensor', 'equipment', 'spinning-frame', 'glass-tank',
  // 5G gateways (§2.4)
  'gateway-5g',
];

/** `registered` (has schemas), `planned` (a family is building it) or `unknown` (a typo). */
export function typeStatus(type: string): 'registered' | 'planned' | 'unknown' {
  if (isDeviceType(type)) return 'registered';
  return PLANNED_DEVICE_TYPES.includes(type) ? 'planned' : 'unknown';
}
