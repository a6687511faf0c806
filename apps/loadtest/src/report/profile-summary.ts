import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ProfileSummary } from './load-report.js';

/** How many functions {@link summarizeCpuProfile} keeps, by self time. */
export const TOP_FUNCTIONS = 15;

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isNumberArray = (value: unknown): value is number[] => Array.isArray(value) && value.every((n) => typeof n === 'number');

/** Checks the shape `node --cpu-prof` writes; throws a message naming what is missing. */
function asCpuProfile(profile: unknown): CpuProfile {
  if (!isRecord(profile)) throw new Error('not a JSON object');
  const { nodes, samples, timeDeltas, startTime, endTime } = profile;
  if (!Array.isArray(nodes)) throw new Error('no nodes array');
  for (const node of nodes as unknown[]) {
    if (!isRecord(node) || typeof node['id'] !== 'number' || !isRecord(node['callFrame'])) throw new Error('a node without id or callFrame');
    const frame = node['callFrame'];
    if (typeof frame['functionName'] !== 'string' || typeof frame['url'] !== 'string') throw new Error(`node ${String(node['id'])}: callFrame without functionName or url`);
  }
  if (!isNumberArray(samples) || !isNumberArray(timeDeltas)) throw new Error('no samples/timeDeltas arrays');
  if (samples.length !== timeDeltas.length) throw new Error(`samples (${samples.length}) and timeDeltas (${timeDeltas.length}) differ in length`);
  if (typeof startTime !== 'number' || typeof endTime !== 'number') throw new Error('no startTime/endTime');
  return {
    nodes: (nodes as Record<string, unknown>[]).map((node) => {
      const frame = node['callFrame'] as Record<string, unknown>;
      const lineNumber = typeof frame['lineNumber'] === 'number' ? frame['lineNumber'] : -1;
      return { id: node['id'] as number, callFrame: { functionName: frame['functionName'] as string, url: frame['url'] as string, lineNumber } };
    }),
    samples,
    timeDeltas,
    startTime,
    endTime,
  };
}

/** The package a `node_modules` path belongs to (the innermost one; `@scope/pkg` kept whole). */
function packageOf(url: string): string | undefined {
  const at = url.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const parts = url.slice(at + 'node_modules/'.length).split('/');
  const [first, second] = parts;
  if (first === undefined || first === '') return undefined;
  return first.startsWith('@') && second !== undefined ? `${first}/${second}` : first;
}

/**
 * Where a frame's self time goes: `gc`, `program`, `native` (no url), a package name
 * (`aedes`, `@nestjs/core`), `node: <module>` for Node's own code (`node:internal/streams/readable`
 * → `node: streams`), `ours: apps/<x>` / `ours: libs/<x>` / `ours: simulators`, else `other`.
 */
export function categoryOf(frame: { readonly functionName: string; readonly url: string }): string {
  if (frame.functionName === '(garbage collector)') return 'gc';
  if (frame.functionName === '(program)') return 'program';
  const { url } = frame;
  if (url === '') return 'native';
  const pkg = packageOf(url);
  if (pkg !== undefined) return pkg;
  if (url.startsWith('node:')) {
    const module = url.slice('node:'.length).replace(/^internal\//, '').split('/')[0] ?? '';
    return `node: ${module}`;
  }
  const ours = /\/(apps|libs)\/([^/]+)\//.exec(url);
  if (ours) return `ours: ${ours[1]}/${ours[2]}`;
  if (url.includes('/simulators/')) return 'ours: simulators';
  return 'other';
}

/** A frame's location for humans: the path from `node_modules/`, `apps/`, `libs/` or `simulators/` on, 1-based line. */
function whereOf(frame: CallFrame): string {
  if (frame.url === '') return '(native)';
  const path = frame.url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  const ours = /(apps|libs)\/[^/]+\/.*|simulators\/.*/.exec(path);
  const short = modules >= 0 ? path.slice(modules) : ours ? ours[0] : path;
  return frame.lineNumber >= 0 ? `${short}:${frame.lineNumber + 1}` : short;
}

const roundMs = (us: number): number => Math.round(us / 100) / 10;
const percent = (part: number, whole: number): number => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/**
 * Self time per category and the top functions of one V8 CPU profile (`node --cpu-prof`).
 * A sample stands for the time until the next sample (`timeDeltas[i + 1]`; the last one until
 * `endTime`), as Chrome DevTools counts it; negative deltas count as 0. `(idle)` is left out of
 * everything, so percentages are of the busy time. Throws when `profile` is not a CPU profile.
 */
export function summarizeCpuProfile(process: string, file: string, profile: unknown): ProfileSummary {
  const { nodes, samples, timeDeltas, startTime, endTime } = asCpuProfile(profile);
  const selfUs = new Map<number, number>();
  let at = startTime;
  samples.forEach((node, i) => {
    at += timeDeltas[i] ?? 0;
    const lasted = i + 1 < samples.length ? (timeDeltas[i + 1] ?? 0) : endTime - at;
    selfUs.set(node, (selfUs.get(node) ?? 0) + Math.max(0, lasted));
  });
  const byCategory = new Map<string, number>();
  const byFunction = new Map<string, { fn: string; where: string; us: number }>();
  let busyUs = 0;
  for (const node of nodes) {
    const us = selfUs.get(node.id) ?? 0;
    if (us === 0 || node.callFrame.functionName === '(idle)') continue;
    busyUs += us;
    const category = categoryOf(node.callFrame);
    byCategory.set(category, (byCategory.get(category) ?? 0) + us);
    const fn = node.callFrame.functionName === '' ? '(anonymous)' : node.callFrame.functionName;
    const where = whereOf(node.callFrame);
    const key = `${fn}\u0000${where}`;
    const entry = byFunction.get(key) ?? { fn, where, us: 0 };
    entry.us += us;
    byFunction.set(key, entry);
  }
  return {
    process,
    file,
    busyMs: roundMs(busyUs),
    byCategory: [...byCategory.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([category, us]) => ({ category, selfMs: roundMs(us), pct: percent(us, busyUs) })),
    topFunctions: [...byFunction.values()]
      .sort((a, b) => b.us - a.us || a.fn.localeCompare(b.fn))
      .slice(0, TOP_FUNCTIONS)
      .map(({ fn, where, us }) => ({ fn, where, selfMs: roundMs(us), pct: percent(us, busyUs) })),
  };
}

/** The process a profile file belongs to: its name up to the first `.` or `-` (`ingest-4711.cpuprofile` → `ingest`). */
export function processNameOf(file: string): string {
  return basename(file).split(/[.-]/)[0] ?? basename(file);
}

/**
 * Summarises every `*.cpuprofile` in `dir` (sorted by name). A file that cannot be read or parsed
 * (e.g. truncated because the process was killed mid-write) yields an empty summary with a
 * `warning` instead of failing the whole report.
 */
export async function summarizeProfileDir(dir: string): Promise<ProfileSummary[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.cpuprofile')).sort();
  const summaries: ProfileSummary[] = [];
  for (const name of files) {
    const file = join(dir, name);
    const process = processNameOf(name);
    try {
      summaries.push(summarizeCpuProfile(process, file, JSON.parse(await readFile(file, 'utf8')) as unknown));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      summaries.push({ process, file, busyMs: 0, byCategory: [], topFunctions: [], warning: `skipped ${name}: ${reason}` });
    }
  }
  return summaries;
}
