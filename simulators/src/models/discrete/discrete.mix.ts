import type { DeviceType } from '@plantwatch/contracts';
import type { DiscreteParams } from './discrete-params.js';

/**
 * The discrete device mixes of two scenarios, as device groups: how many of a type, the key of
 * the i-th one, and its params. A scenario can lay its plant out from these (or its own keys,
 * keeping the conventions: stations of one line share `enterprise/site/area/line` and are listed
 * in line order; a CNC's `castingsFrom` names a moulding line of its site).
 */
export interface MixGroup {
  readonly type: DeviceType;
  readonly count: number;
  keyOf(i: number): string;
  paramsOf?(i: number): DiscreteParams;
  /** Devices that share one model (a line's stations): sample whole groups of this size. */
  readonly unit?: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const HX = 'huaxiang/hongtong-qinbi';
const PRODUCTS = ['crank', 'cyl', 'bearing', 'piston'] as const;
/** A Huaxiang assembly line of 10 stations, in line order (§4.2: assembly, washing, inspection). */
const HX_STATION_ROLES = ['assembly', 'washing', 'assembly', 'assembly', 'gauge', 'assembly', 'assembly', 'inspection', 'gauge', 'marking'] as const;

/**
 * `huaxiang-5g-factory` discrete devices (domain.md §4.2 table): 1,400 CNCs (600 with spindle
 * vibration), foundry 8/16/8/20, 250 robots, 300 stations (30 lines × 10), 40 AGVs,
 * 80 utilities, 300 safety & environment sensors, 266 conveyors & misc. (10 s).
 */
export const HUAXIANG_DISCRETE_MIX: readonly MixGroup[] = [
  {
    type: 'cnc', count: 1_400,
    keyOf: (i) => `${HX}/machining/${PRODUCTS[i % 4] ?? 'crank'}-l${Math.floor(i / 80) + 1}/op${(Math.floor(i / 4) % 20) + 1}0/cnc-${pad(i + 1, 4)}`,
    paramsOf: (i) => ({ vib: i % 7 < 3, castingsFrom: `mould-l${(i % 8) + 1}` }),
  },
  { type: 'foundry-unit', count: 8, keyOf: (i) => `${HX}/foundry/mould-l${i + 1}/moulding/disa-${i + 1}`, paramsOf: () => ({ kind: 'moulding' }) },
  { type: 'foundry-unit', count: 16, keyOf: (i) => `${HX}/foundry/melt/furnaces/if-${pad(i + 1)}`, paramsOf: () => ({ kind: 'furnace' }) },
  { type: 'foundry-unit', count: 8, keyOf: (i) => `${HX}/foundry/mould-l${i + 1}/pouring/pour-${i + 1}`, paramsOf: () => ({ kind: 'pouring' }) },
  { type: 'foundry-unit', count: 20, keyOf: (i) => `${HX}/foundry/sand/plant/sand-${pad(i + 1)}`, paramsOf: () => ({ kind: 'sand' }) },
  { type: 'robot', count: 250, keyOf: (i) => `${HX}/machining/${PRODUCTS[i % 4] ?? 'crank'}-l${Math.floor(i / 15) + 1}/robots/rb-${pad(i + 1, 3)}` },
  {
    type: 'assembly-station', count: 300, unit: 10,
    keyOf: (i) => `${HX}/assembly/asm-l${Math.floor(i / 10) + 1}/st${pad((i % 10) + 1)}/st-${pad(i + 1, 3)}`,
    paramsOf: (i) => ({ role: HX_STATION_ROLES[i % 10] ?? 'assembly' }),
  },
  { type: 'agv', count: 40, keyOf: (i) => `${HX}/logistics/agv/_/agv-${pad(i + 1)}` },
  { type: 'utility', count: 40, keyOf: (i) => `${HX}/utilities/air/_/aircomp-${pad(i + 1)}`, paramsOf: () => ({ kind: 'compressor' }) },
  { type: 'utility', count: 20, keyOf: (i) => `${HX}/utilities/cooling/_/chiller-${pad(i + 1)}`, paramsOf: () => ({ kind: 'chiller' }) },
  { type: 'utility', count: 20, keyOf: (i) => `${HX}/utilities/heat-treat/_/ht-${pad(i + 1)}`, paramsOf: () => ({ kind: 'heat-treat' }) },
  { type: 'env-sensor', count: 300, keyOf: (i) => `${HX}/env/${['dust', 'noise', 'gas', 'temp'][i % 4] ?? 'dust'}/_/env-${pad(i + 1, 3)}`, paramsOf: (i) => ({ kind: ['dust', 'noise', 'gas', 'temp'][i % 4] ?? 'dust' }) },
  { type: 'equipment', count: 266, keyOf: (i) => `${HX}/machining/misc/_/conv-${pad(i + 1, 3)}`, paramsOf: (i) => ({ kind: i % 3 === 0 ? 'dust-collector' : 'conveyor', periodS: 10 }) },
];

const JW = 'jingwei/jz-yuci';
/** The 12 Jingwei stations in line order (§4.4: 2 robots, 3 press-fit, 2 fastening/greasing, 3 gauges, 1 run-in, 1 marking). */
export const JINGWEI_LINE: readonly { readonly type: DeviceType; readonly cell: string; readonly params?: DiscreteParams }[] = [
  { type: 'robot', cell: 'load' },
  { type: 'press-fit', cell: 'press-1' },
  { type: 'assembly-station', cell: 'screw-1', params: { role: 'assembly' } },
  { type: 'press-fit', cell: 'press-2' },
  { type: 'assembly-station', cell: 'grease-1', params: { role: 'assembly' } },
  { type: 'press-fit', cell: 'press-3' },
  { type: 'assembly-station', cell: 'gauge-1', params: { role: 'gauge' } },
  { type: 'assembly-station', cell: 'gauge-2', params: { role: 'gauge' } },
  { type: 'assembly-station', cell: 'gauge-3', params: { role: 'gauge' } },
  { type: 'assembly-station', cell: 'run-in', params: { role: 'run-in' } },
  { type: 'assembly-station', cell: 'marking', params: { role: 'marking' } },
  { type: 'robot', cell: 'unload' },
];

/** One Jingwei line's stations as mix groups (each a group of one, in line order). */
function jingweiLine(line: string): MixGroup[] {
  return JINGWEI_LINE.map((s, pos) => ({ type: s.type, count: 1, unit: 1, keyOf: () => `${JW}/assembly/${line}/${s.cell}/st-${pad(pos + 1)}`, paramsOf: () => ({ ...s.params, pos }) }));
}

/**
 * `jinzhong-smart-line` discrete devices (domain.md §4.4): the automated spindle-base line (8 s
 * takt) and the legacy baseline line (12 s) for the +50 % comparison, the maglev spinning frame,
 * 4 Yuci test benches and 2 Qixian glass day tanks.
 */
export const JINZHONG_DISCRETE_MIX: readonly MixGroup[] = [
  ...jingweiLine('spindle-base-l1'),
  ...jingweiLine('spindle-base-legacy'),
  { type: 'spinning-frame', count: 1, keyOf: () => `${JW}/spinning/maglev-1/_/frame-1` },
  { type: 'test-bench', count: 4, keyOf: (i) => `yuye/jz-yuci/testing/cylinders/_/tb-${i + 1}` },
  { type: 'glass-tank', count: 2, keyOf: (i) => `honghai/jz-qixian/glass/tank-${i + 1}/_/tank-${i + 1}` },
];

/**
 * Steady msg/s of the other families inside the §4.2 / §4.4 totals, from their §2.7 periods:
 * energy meters at 15 s (350 at Huaxiang, 10 at Jinzhong); the 150 gateways' own 15 msg/s are
 * outside the ≈ 660 msg/s the discrete mix is checked against.
 */
export const OTHER_FAMILY_RATES = { huaxiangEnergyMeters: 350 / 15, jinzhongEnergyMeters: 10 / 15 } as const;
