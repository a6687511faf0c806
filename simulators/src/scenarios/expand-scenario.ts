import { parseDeviceKey } from '@plantwatch/contracts';
import type { MtbfSpec, TimelineEntry } from '../faults/fault-schedule.js';
import type { DeviceParams } from '../models/device-factory.js';
import type { PeriodRule } from '../simulation/device-runtime.js';
import { assignGateways } from './gateway-assignment.js';
import { durationMs, type GatewayGroup, type ScenarioFile, type ScenarioGroup } from './scenario-file.js';
import { fill, resolveCount, type TemplateVars } from './template.js';

type Scalar = number | string | boolean;

/** A device laid out by a data-file scenario; `type` is checked against the registry later. */
export interface ExpandedDevice {
  readonly key: string;
  readonly type: string;
  readonly name: string;
  readonly nameZh?: string;
  via?: string;
  /** Index into {@link ExpandedScenario.groups}. */
  readonly group: number;
}

/** One data-file group after expansion: what the size and rate tests check. */
export interface GroupSummary {
  readonly scenario: string;
  readonly label: string;
  readonly type: string;
  readonly devices: number;
  /** Budget per device [msg/s] (domain.md §4). */
  readonly msgPerS: number;
}

/** A scenario (with its includes) expanded into devices, parameters and run-time plan. */
export interface ExpandedScenario {
  readonly names: string[];
  readonly nodes: Record<string, { name: string; nameZh?: string }>;
  readonly devices: ExpandedDevice[];
  readonly params: Record<string, DeviceParams>;
  readonly groups: GroupSummary[];
  readonly expect: { readonly scenario: string; readonly msgPerS: number | readonly [number, number] }[];
  readonly periods: PeriodRule[];
  readonly timeline: TimelineEntry[];
  readonly notes: string[];
  readonly mtbf: MtbfSpec[];
  readonly knobs: Record<string, Scalar>;
}

/** Knob overrides and the load-test scale (domain.md §5). */
export interface ExpandOptions {
  readonly set?: Readonly<Record<string, Scalar>>;
}

export function emptyExpansion(): ExpandedScenario {
  return { names: [], nodes: {}, devices: [], params: {}, groups: [], expect: [], periods: [], timeline: [], notes: [], mtbf: [], knobs: {} };
}

function namePair(spec: string | readonly [string, string], vars: TemplateVars): { name: string; nameZh?: string } {
  return typeof spec === 'string' ? { name: fill(spec, vars) } : { name: fill(spec[0], vars), nameZh: fill(spec[1], vars) };
}

/** Rows a group iterates: a table's rows, an earlier group's devices (their path levels), or one empty row. */
function rowsOf(group: ScenarioGroup, file: ScenarioFile, byId: ReadonlyMap<string, readonly ExpandedDevice[]>): { rows: TemplateVars[]; child: boolean } {
  if (group.for === undefined) return { rows: [{}], child: false };
  const table = file.tables[group.for];
  if (table !== undefined) return { rows: table, child: false };
  const parents = byId.get(group.for);
  if (parents === undefined) throw new RangeError(`scenario ${file.name}: group ${group.label} iterates unknown table or group ${group.for}`);
  return { rows: parents.map((p, i) => ({ ...parseDeviceKey(p.key), pn: i + 1 })), child: true };
}

/** Per-row counts, scaled so the group total is round(total × scale), spread over the rows. */
function rowCounts(group: ScenarioGroup, rows: readonly TemplateVars[], knobs: TemplateVars, scaled: boolean): number[] {
  const raw = rows.map((row) => resolveCount(group.count, knobs, row));
  const scale = Number(knobs['scale'] ?? 1);
  if (!scaled || scale === 1) return raw;
  let cum = 0;
  return raw.map((n) => {
    const before = Math.round(cum * scale);
    cum += n;
    return Math.round(cum * scale) - before;
  });
}

function expandGroup(group: ScenarioGroup, file: ScenarioFile, out: ExpandedScenario, byId: Map<string, ExpandedDevice[]>): ExpandedDevice[] {
  const { rows, child } = rowsOf(group, file, byId);
  const counts = rowCounts(group, rows, out.knobs as TemplateVars, group.scales && !child);
  const index = out.groups.length;
  const made: ExpandedDevice[] = [];
  rows.forEach((row, r) => {
    for (let n = 1; n <= (counts[r] ?? 0); n++) {
      const vars: TemplateVars = { ...row, n, c: group.cellSize === undefined ? 1 : Math.floor((n - 1) / group.cellSize) + 1, r: r + 1 };
      const key = fill(group.key, vars);
      made.push({ key, type: group.type, ...namePair(group.name, vars), group: index });
      if (group.params !== undefined) out.params[key] = { ...group.params };
      for (const [nodeKey, label] of Object.entries(group.nodes ?? {})) out.nodes[fill(nodeKey, vars)] ??= namePair(label, vars);
    }
  });
  out.groups.push({ scenario: file.name, label: group.label, type: group.type, devices: made.length, msgPerS: group.msgPerS });
  out.devices.push(...made);
  if (group.id !== undefined) byId.set(group.id, made);
  return made;
}

function knobsOf(file: ScenarioFile, options: ExpandOptions): Record<string, Scalar> {
  const knobs: Record<string, Scalar> = { scale: 1, ...file.knobs };
  for (const [name, value] of Object.entries(options.set ?? {})) if (name in knobs) knobs[name] = value;
  return knobs;
}

/**
 * Expands a scenario file (and, first, the scenarios it includes) into devices with keys,
 * names, `via`, per-device parameters, node names and the run-time plan. Pure and deterministic:
 * the same file and options always give the same plant. `load` resolves included names;
 * `options.set` overrides a knob in every file that declares it.
 */
export function expandScenario(file: ScenarioFile, options: ExpandOptions, load: (name: string) => ScenarioFile, out: ExpandedScenario = emptyExpansion()): ExpandedScenario {
  for (const name of file.include) expandScenario(load(name), options, load, out);
  const knobs = knobsOf(file, options);
  const own: ExpandedScenario = { ...out, knobs };
  out.names.push(file.name);
  for (const [key, label] of Object.entries(file.nodes)) out.nodes[key] ??= namePair(label, {});
  const byId = new Map<string, ExpandedDevice[]>();
  const firstDevice = out.devices.length;
  for (const group of file.groups) expandGroup(group, file, own, byId);
  file.gateways.forEach((g: GatewayGroup, i) => {
    const gateways = expandGroup(g, file, own, byId);
    assignGateways(g, gateways, own.devices, own.params, knobs as TemplateVars, `${file.name}/${i}`);
  });
  Object.assign(out.knobs, knobs);
  if (file.expect !== undefined) out.expect.push({ scenario: file.name, msgPerS: file.expect.msgPerS });
  out.periods.push(...periodRules(file, out.devices.slice(firstDevice)));
  addTimeline(out, file);
  out.mtbf.push(...file.mtbf.map((m) => ({ type: m.type, fault: m.fault, mtbfH: m.mtbfH, mttrMin: m.mttrMin, ...(m.options === undefined ? {} : { options: m.options }) })));
  return out;
}

/** Timeline rows with a fault become injections; rows the backend drives stay as notes. */
function addTimeline(out: ExpandedScenario, file: ScenarioFile): void {
  for (const row of file.timeline) {
    if (row.fault === undefined || row.select === undefined) {
      out.notes.push(`${file.name} t=${row.at}: ${row.note ?? '(no fault)'}`);
      continue;
    }
    out.timeline.push({
      atMs: durationMs(row.at),
      fault: row.fault,
      select: row.select,
      ...(row.options === undefined ? {} : { options: row.options }),
      ...(row.for === undefined ? {} : { forMs: durationMs(row.for) }),
      ...(row.note === undefined ? {} : { note: row.note }),
    });
  }
}

/** The file's period overrides, scoped to its own enterprises so included scenarios keep theirs. */
function periodRules(file: ScenarioFile, own: readonly ExpandedDevice[]): PeriodRule[] {
  const within = [...new Set(own.map((d) => `${d.key.split('/')[0] ?? ''}/`))];
  return Object.entries(file.periods).flatMap(([type, byTopic]) => Object.entries(byTopic).map(([topic, ms]) => ({ type, topic, ms, within })));
}
