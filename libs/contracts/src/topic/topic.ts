/**
 * The one builder/parser of the plantwatch Unified Namespace (domain.md §3.1):
 * `uns/v1/{enterprise}/{site}/{area}/{line}/{cell}/{device}/{class}[/{sub}…]`.
 * Fixed depth so `+` wildcards work; lower-case slugs `[a-z0-9-]`, ≤ 32 chars; `_` marks an
 * unused area/line/cell level. Anything else is rejected with a {@link TopicError}.
 */
export const UNS_ROOT = 'uns/v1';

export const HIERARCHY_LEVELS = ['enterprise', 'site', 'area', 'line', 'cell', 'device'] as const;
export type HierarchyLevel = (typeof HIERARCHY_LEVELS)[number];

export const MESSAGE_CLASSES = ['telemetry', 'state', 'meta', 'event', 'alarm', 'cmd', 'kpi'] as const;
export type MessageClass = (typeof MESSAGE_CLASSES)[number];

/** Levels that may be `_` when they do not apply (domain.md §3.1 rules). */
const OPTIONAL_LEVELS: ReadonlySet<HierarchyLevel> = new Set(['area', 'line', 'cell']);
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
export const UNUSED_LEVEL = '_';
/** At most two sub-levels after the class: `telemetry/profile`, `cmd/set-curve/res`. */
export const MAX_SUB_LEVELS = 2;

export type DevicePath = Readonly<Record<HierarchyLevel, string>>;

export interface UnsTopic extends DevicePath {
  readonly cls: MessageClass;
  readonly sub: readonly string[];
}

/** A topic as {@link parseTopic} returns it: with its device key and series worked out once. */
export interface ParsedTopic extends UnsTopic {
  /** `enterprise/site/area/line/cell/device` (see {@link deviceKey}). */
  readonly deviceKey: string;
  /** The class and its sub-levels: `telemetry/profile`, `state`, `cmd/set-curve/res`. */
  readonly series: string;
}

export type TopicErrorCode = 'TOPIC_INVALID';

/** A topic or slug that breaks the UNS rules; `reason` says which rule, in plain words. */
export class TopicError extends Error {
  readonly code: TopicErrorCode = 'TOPIC_INVALID';
  constructor(readonly reason: string, readonly input: string) {
    super(`invalid UNS topic ${JSON.stringify(input.slice(0, 200))}: ${reason}`);
    this.name = 'TopicError';
  }
}

/** Why `value` is not a valid slug, or undefined when it is one. */
export function slugProblem(value: string, allowUnused = false): string | undefined {
  if (allowUnused && value === UNUSED_LEVEL) return undefined;
  if (value.length === 0) return 'empty level';
  if (value.length > 32) return `level longer than 32 characters (${value.length})`;
  if (!SLUG.test(value)) return `level ${JSON.stringify(value.slice(0, 40))} is not a slug [a-z0-9-] (no leading/trailing '-')`;
  return undefined;
}

export function isSlug(value: string): boolean {
  return slugProblem(value) === undefined;
}

function checkPath(path: DevicePath, input: string): void {
  for (const level of HIERARCHY_LEVELS) {
    const value = path[level];
    if (typeof value !== 'string') throw new TopicError(`${level} is missing`, input);
    const problem = slugProblem(value, OPTIONAL_LEVELS.has(level));
    if (problem) throw new TopicError(`${level}: ${problem}`, input);
  }
}

/** `enterprise/site/area/line/cell/device`: the stable id of a device everywhere in plantwatch. */
export function deviceKey(path: DevicePath): string {
  return HIERARCHY_LEVELS.map((level) => path[level]).join('/');
}

/** Parses a device key back into a validated path. */
export function parseDeviceKey(key: string): DevicePath {
  const parts = key.split('/');
  if (parts.length !== HIERARCHY_LEVELS.length) throw new TopicError('a device key has exactly 6 levels', key);
  const path = Object.fromEntries(HIERARCHY_LEVELS.map((level, i) => [level, parts[i]])) as Record<HierarchyLevel, string>;
  checkPath(path, key);
  return path;
}

/** `uns/v1/{path}/` — every topic of this device starts with it. */
export function deviceTopicPrefix(path: DevicePath): string {
  checkPath(path, deviceKey(path));
  return `${UNS_ROOT}/${deviceKey(path)}/`;
}

/** Builds a topic; throws {@link TopicError} on any level that breaks the rules. */
export function buildTopic(topic: Omit<UnsTopic, 'sub'> & { readonly sub?: readonly string[] }): string {
  const sub = topic.sub ?? [];
  const label = `${deviceKey(topic)}/${String(topic.cls)}/${sub.join('/')}`;
  checkPath(topic, label);
  if (!(MESSAGE_CLASSES as readonly string[]).includes(topic.cls)) throw new TopicError(`unknown class ${JSON.stringify(topic.cls)}`, label);
  if (sub.length > MAX_SUB_LEVELS) throw new TopicError(`more than ${MAX_SUB_LEVELS} sub-levels`, label);
  for (const s of sub) {
    const problem = slugProblem(s);
    if (problem) throw new TopicError(`sub: ${problem}`, label);
  }
  return [UNS_ROOT, deviceKey(topic), topic.cls, ...sub].join('/');
}

/** Topics parsed recently: a plant's devices publish on the same few topics again and again. */
const parsed = new Map<string, ParsedTopic>();
/** Bound on {@link parsed}; it starts over when full (a plant has far fewer stream topics). */
const MAX_PARSED = 200_000;

/**
 * Parses a concrete topic (no wildcards); throws {@link TopicError} with the rule it breaks.
 * Valid topics are remembered (frozen), so the hot path — every message in the broker's ACL,
 * ingest, alarms and the api — checks a topic's rules once, not on every message.
 */
export function parseTopic(input: string): ParsedTopic {
  const known = parsed.get(input);
  if (known !== undefined) return known;
  const topic = checkTopic(input);
  if (parsed.size >= MAX_PARSED) parsed.clear();
  const series = topic.sub.length === 0 ? topic.cls : `${topic.cls}/${topic.sub.join('/')}`;
  const result: ParsedTopic = Object.freeze({ ...topic, sub: Object.freeze(topic.sub), deviceKey: deviceKey(topic), series });
  parsed.set(input, result);
  return result;
}

function checkTopic(input: string): UnsTopic {
  if (input.length > 512) throw new TopicError('topic longer than 512 characters', input);
  const parts = input.split('/');
  if (parts[0] !== 'uns' || parts[1] !== 'v1') throw new TopicError(`must start with ${UNS_ROOT}/`, input);
  const rest = parts.slice(2);
  if (rest.length < 7) throw new TopicError('needs 6 hierarchy levels and a class', input);
  if (rest.length > 7 + MAX_SUB_LEVELS) throw new TopicError(`more than ${MAX_SUB_LEVELS} sub-levels`, input);
  const path = Object.fromEntries(HIERARCHY_LEVELS.map((level, i) => [level, rest[i] ?? ''])) as Record<HierarchyLevel, string>;
  checkPath(path, input);
  const cls = rest[6] ?? '';
  if (!(MESSAGE_CLASSES as readonly string[]).includes(cls)) throw new TopicError(`unknown class ${JSON.stringify(cls.slice(0, 40))}`, input);
  const sub = rest.slice(7);
  for (const s of sub) {
    const problem = slugProblem(s);
    if (problem) throw new TopicError(`sub: ${problem}`, input);
  }
  return { ...path, cls: cls as MessageClass, sub };
}

/** Subscription filter over every device for one class (and optional sub), e.g. `uns/v1/+/+/+/+/+/+/telemetry/#`. */
export function classFilter(cls: MessageClass, sub: 'any' | 'none' | readonly string[] = 'any'): string {
  const base = `${UNS_ROOT}/+/+/+/+/+/+/${cls}`;
  if (sub === 'none') return base;
  if (sub === 'any') return `${base}/#`;
  return [base, ...sub].join('/');
}
