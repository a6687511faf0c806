import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { z } from 'zod';

/**
 * The scenario data-file format (simulators/scenarios/*.yaml, documented in docs/simulators.md):
 * knobs (domain.md §5 assumptions), lookup tables, device groups expanded from key templates,
 * 5G gateways with the devices they serve, publish-period overrides, a fault timeline (§4.5) and
 * random MTBF/MTTR faults. Counts and msg/s budgets per group come from domain.md §4.
 */
const scalar = z.union([z.number(), z.string(), z.boolean()]);
/** A count: a number, `$knob`, or `{field}` of the row being iterated. */
const count = z.union([z.number().int().min(0), z.string().regex(/^(\$[A-Za-z]\w*|\{[A-Za-z]\w*\}|\d+)$/)]);
/** `[English, Chinese]` display names (templates), or English only. */
const names = z.union([z.string(), z.tuple([z.string(), z.string()])]);
const duration = z.string().regex(/^\d+(\.\d+)?(ms|s|m|h|d)$/);

const groupFields = {
  /** Lets later groups iterate this group's devices with `for`. */
  id: z.string().optional(),
  /** The domain.md §4 table row this group stands for. */
  label: z.string(),
  type: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
  /** Iterate the rows of a table, or the devices of an earlier group, once per row. */
  for: z.string().optional(),
  count: count.default(1),
  /** Device key template: `{n}` index (1-based), `{n:3}` zero-padded, `{n+30}`, `{c}` cell block, row fields. */
  key: z.string(),
  name: names,
  /** Steady msg/s per device: the budget the rate test checks (domain.md §4). */
  msgPerS: z.number().min(0),
  /** Devices per cell block for `{c}` (default: all in one). */
  cellSize: z.number().int().positive().optional(),
  params: z.record(z.string(), scalar).optional(),
  /** Display names of hierarchy nodes created by this group, by node-key template. */
  nodes: z.record(z.string(), names).optional(),
  /** Whether the `scale` knob multiplies this group's count. Default true. */
  scales: z.boolean().default(true),
};

export const scenarioGroup = z.strictObject(groupFields);

export const gatewayGroup = z.strictObject({
  ...groupFields,
  /** The devices these gateways publish for (§2.4.2: 1–40 each), split into consecutive runs. */
  serve: z.strictObject({ match: z.string(), min: count, max: count }).optional(),
  cells: count.default(8),
  band: z.enum(['n79', 'n41', 'n78']).default('n79'),
  /** Share of gateways in difficult spots (near induction furnaces, §4.2 Radio). */
  difficultShare: z.number().min(0).max(1).default(0.05),
  /** Range of P_site − PL(d) [dBm] (§2.4.4). */
  rsrp: z.tuple([z.number(), z.number()]).default([-95, -70]),
});

const selector = z.strictObject({
  device: z.string().optional(),
  type: z.string().optional(),
  match: z.string().optional(),
  params: z.record(z.string(), z.union([scalar, z.array(scalar)])).optional(),
  count: z.number().int().positive().optional(),
  pick: z.enum(['first', 'random']).optional(),
});

const timelineEntry = z.strictObject({
  at: duration,
  /** Absent for a row the backend drives (e.g. §4.5 t = 12 min commands): kept as a note. */
  fault: z.string().regex(/^[A-Z][A-Z0-9_]*$/).optional(),
  select: selector.optional(),
  options: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  for: duration.optional(),
  note: z.string().optional(),
});

const mtbfEntry = z.strictObject({
  type: z.string(),
  fault: z.string().regex(/^[A-Z][A-Z0-9_]*$/),
  mtbfH: z.number().positive(),
  mttrMin: z.tuple([z.number().positive(), z.number().positive()]),
  options: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
});

export const scenarioFile = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/),
  description: z.string(),
  /** domain.md section the scenario implements. */
  section: z.string(),
  /** Scenarios this one runs on top of (fault-storm = 4.1 + 4.2 + 4.3). */
  include: z.array(z.string()).default([]),
  knobs: z.record(z.string(), scalar).default({}),
  expect: z
    .strictObject({
      /** Steady msg/s of domain.md §4: a value (checked ±10 %) or a [low, high] range. */
      msgPerS: z.union([z.number(), z.tuple([z.number(), z.number()])]),
      note: z.string().optional(),
    })
    .optional(),
  tables: z.record(z.string(), z.array(z.record(z.string(), scalar))).default({}),
  nodes: z.record(z.string(), names).default({}),
  groups: z.array(scenarioGroup).default([]),
  gateways: z.array(gatewayGroup).default([]),
  /** Publish-period overrides [ms] by device type, then `class[/sub]`. */
  periods: z.record(z.string(), z.record(z.string(), z.number().int().positive())).default({}),
  timeline: z.array(timelineEntry).default([]),
  mtbf: z.array(mtbfEntry).default([]),
});

export type ScenarioFile = z.infer<typeof scenarioFile>;
export type ScenarioGroup = z.infer<typeof scenarioGroup>;
export type GatewayGroup = z.infer<typeof gatewayGroup>;
export type TimelineRow = z.infer<typeof timelineEntry>;

/** Reads and validates one scenario data file; errors name the file and the first problems. */
export function loadScenarioFile(file: string): ScenarioFile {
  const raw: unknown = YAML.parse(readFileSync(file, 'utf8'));
  const result = scenarioFile.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`scenario file ${file} is invalid: ${problems.join('; ')}`);
  }
  return result.data;
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `4m`, `1.5h` → ms (the data files' duration syntax). */
export function durationMs(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text);
  if (match === null) throw new RangeError(`not a duration: ${JSON.stringify(text)}`);
  return Math.round(Number(match[1]) * (UNIT_MS[match[2] as string] ?? 1));
}
