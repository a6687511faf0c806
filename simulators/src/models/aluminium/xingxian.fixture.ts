import { ALUMINIUM_PAYLOADS, deviceEvent, deviceState, ENERGY_PAYLOADS, type CommandRequest, type DeviceType } from '@plantwatch/contracts';
import type { z } from 'zod';
import type { DeviceFactories } from '../device-factory.js';
import { ENERGY_FACTORIES } from '../energy/energy.factories.js';
import { ALUMINIUM_FACTORIES } from './aluminium.factories.js';
import type { AluminiumOverrides } from './aluminium.params.js';
import { CASTHOUSE_SHARED_PREFIX, CasthouseSite } from './casthouse.site.js';
import { DeviceHarness } from './device-harness.js';

/**
 * Device keys of domain.md §4.3 `xingxian-aluminium` for the aluminium and energy models, following
 * the coupling conventions (same site `xx-watang` → one casthouse; furnaces shared out to the rod
 * lines / DC caster of their plant; melt treatment on the caster's line; a meter in cell `hf-0n`
 * of line `hf` follows that furnace). Used by specs and rate counts; a scenario may lay out the same.
 */

/** Monday 2024-06-10 00:00 UTC = 08:00 Asia/Shanghai (day shift). */
export const T0 = Date.UTC(2024, 5, 10);
export const MIN = 60_000;
export const HOUR = 3_600_000;

const two = (n: number): string => String(n).padStart(2, '0');

export const XX = {
  crucible: (n: number) => `xx-smelter/xx-watang/logistics/hot-metal/_/crucible-${two(n)}`,
  yiheFurnace: (n: number) => `yihe/xx-watang/casthouse/hf/_/hf-${two(n)}`,
  rodLine: (n: number) => `yihe/xx-watang/casthouse/rod-l${n}/wheel/caster-${n}`,
  yuantaiFurnace: (n: number) => `yuantai/xx-watang/casthouse/hf/_/hf-${two(n)}`,
  degasser: 'yuantai/xx-watang/casthouse/dc-1/melt/degasser-1',
  filterPlate: 'yuantai/xx-watang/casthouse/dc-1/melt/filter-plate-1',
  filterTube: 'yuantai/xx-watang/casthouse/dc-1/melt/filter-tube-1',
  dcCaster: 'yuantai/xx-watang/casthouse/dc-1/caster/dc-1',
} as const;

/** §4.3 counts: 10 crucibles, 6 + 2 furnaces, 3 rod lines, 1 degasser, 2 filter boxes, 1 DC caster, 24 / 8 / 3 meters and CEMS. */
export function xingxianLayout(): [string, DeviceType][] {
  const out: [string, DeviceType][] = [];
  for (let n = 1; n <= 10; n++) out.push([XX.crucible(n), 'crucible']);
  for (let n = 1; n <= 6; n++) out.push([XX.yiheFurnace(n), 'holding-furnace']);
  for (let n = 1; n <= 3; n++) out.push([XX.rodLine(n), 'rod-line']);
  for (let n = 1; n <= 2; n++) out.push([XX.yuantaiFurnace(n), 'holding-furnace']);
  out.push([XX.degasser, 'degasser'], [XX.filterPlate, 'filter-box'], [XX.filterTube, 'filter-box'], [XX.dcCaster, 'dc-caster']);
  // Energy: a meter per furnace and per line, the rest on utilities feeders (standalone, shift profile).
  for (let n = 1; n <= 6; n++) out.push([`yihe/xx-watang/casthouse/hf/hf-${two(n)}/em-hf-${two(n)}`, 'energy-meter'], [`yihe/xx-watang/casthouse/hf/hf-${two(n)}/gm-hf-${two(n)}`, 'gas-meter']);
  for (let n = 1; n <= 2; n++) out.push([`yuantai/xx-watang/casthouse/hf/hf-${two(n)}/em-hf-${two(n)}`, 'energy-meter'], [`yuantai/xx-watang/casthouse/hf/hf-${two(n)}/gm-hf-${two(n)}`, 'gas-meter']);
  for (let n = 1; n <= 3; n++) out.push([`yihe/xx-watang/casthouse/rod-l${n}/energy/em-rod-l${n}`, 'energy-meter']);
  out.push(['yuantai/xx-watang/casthouse/dc-1/energy/em-dc-1', 'energy-meter']);
  for (let n = 1; n <= 12; n++) out.push([`${n <= 6 ? 'yihe' : 'yuantai'}/xx-watang/utilities/energy/_/em-${two(n)}`, 'energy-meter']);
  out.push(['yihe/xx-watang/casthouse/hf/stack/cems-1', 'cems'], ['yuantai/xx-watang/casthouse/hf/stack/cems-2', 'cems'], ['xx-smelter/xx-watang/env/stack-01/_/cems-3', 'cems']);
  return out;
}

/** Both families' factories. */
export const XX_FACTORIES: DeviceFactories = { ...ALUMINIUM_FACTORIES, ...ENERGY_FACTORIES };

/** Options of {@link harnessWith}. */
export interface HarnessOptions {
  readonly seed?: number;
  readonly startMs?: number;
  /** Parameters of the `xx-watang` casthouse (initial fills, no virtual crucibles …). */
  readonly params?: AluminiumOverrides;
}

/** A harness with `layout` added (not started). */
export function harnessWith(layout: readonly (readonly [string, DeviceType])[], options: HarnessOptions = {}): DeviceHarness {
  const { seed = 42, startMs = T0, params } = options;
  const h = new DeviceHarness(XX_FACTORIES, startMs, seed);
  if (params !== undefined) h.context.shared(CASTHOUSE_SHARED_PREFIX + 'xx-watang', () => new CasthouseSite({ site: 'xx-watang', seed, startMs, params }));
  for (const [key, type] of layout) h.add(key, type);
  return h;
}

/** The `xx-watang` casthouse of a harness. */
export function casthouseOf(h: DeviceHarness): CasthouseSite {
  return h.context.shared(CASTHOUSE_SHARED_PREFIX + 'xx-watang', (): CasthouseSite => {
    throw new Error('no casthouse in this harness');
  });
}

let cmdNo = 0;

/** A command request with `value`, valid for 30 s from `nowMs`. */
export function command(value: CommandRequest['value'], nowMs: number): CommandRequest {
  cmdNo += 1;
  return { cmdId: `cmd-${cmdNo}`, ts: nowMs, expiresAt: nowMs + 30_000, user: 'spec', ...(value === undefined ? {} : { value }) };
}

/** Values (`v`) of the kept payloads of one device topic. */
export function valuesOf<V>(h: DeviceHarness, key: string, topic = 'telemetry'): V[] {
  return h.of(key, topic).map((p) => (p as { v: V }).v);
}

/** Events (`v`) of one device, optionally of one type. */
export function eventsOf(h: DeviceHarness, key: string, type?: string): Record<string, unknown>[] {
  return valuesOf<Record<string, unknown>>(h, key, 'event').filter((v) => type === undefined || v['type'] === type);
}

const PAYLOADS: Readonly<Record<string, Readonly<Record<string, z.ZodType>>>> = { ...ALUMINIUM_PAYLOADS, ...ENERGY_PAYLOADS };

/** The contract schema of a harness topic (the type's own, else the common event/state schema). */
export function schemaOf(type: DeviceType, topic: string): z.ZodType {
  const own = PAYLOADS[type]?.[topic];
  if (own !== undefined) return own;
  if (topic === 'event') return deviceEvent;
  if (topic === 'state') return deviceState;
  throw new Error(`no schema for ${type} ${topic}`);
}
