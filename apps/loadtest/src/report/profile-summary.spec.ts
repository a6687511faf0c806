import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { categoryOf, processNameOf, summarizeCpuProfile, summarizeProfileDir } from './profile-summary.js';

const frames: Record<number, { functionName: string; url: string; lineNumber: number }> = {
  1: { functionName: '(root)', url: '', lineNumber: -1 },
  2: { functionName: '(program)', url: '', lineNumber: -1 },
  3: { functionName: '(idle)', url: '', lineNumber: -1 },
  4: { functionName: '(garbage collector)', url: '', lineNumber: -1 },
  5: { functionName: 'handlePublish', url: 'file:///work/main/node_modules/aedes/lib/handlers/publish.js', lineNumber: 9 },
  6: { functionName: 'emit', url: 'file:///work/main/node_modules/@nestjs/core/hooks.js', lineNumber: 0 },
  7: { functionName: 'onStreamRead', url: 'node:net', lineNumber: 100 },
  8: { functionName: 'readableAddChunk', url: 'node:internal/streams/readable', lineNumber: 5 },
  9: { functionName: 'decode', url: 'file:///work/main/apps/ingest/dist/decode.js', lineNumber: 41 },
  10: { functionName: '', url: 'file:///work/main/libs/domain/src/validate.ts', lineNumber: 3 },
  11: { functionName: 'tick', url: 'file:///work/main/simulators/dist/run.js', lineNumber: 7 },
  12: { functionName: 'inner', url: 'file:///work/main/node_modules/a/node_modules/b/index.js', lineNumber: 0 },
  13: { functionName: 'writeUtf8String', url: '', lineNumber: -1 },
  14: { functionName: 'handlePublish', url: 'file:///work/main/node_modules/aedes/lib/handlers/publish.js', lineNumber: 9 },
};

/**
 * A `--cpu-prof` shaped profile where sample i lasts `ms` (V8/DevTools: until the next sample,
 * i.e. `timeDeltas[i + 1]`, the last one until `endTime`); times in µs.
 */
function profileOf(samples: readonly (readonly [node: number, ms: number])[]): unknown {
  const startTime = 1_000_000;
  const timeDeltas = [700, ...samples.slice(0, -1).map(([, ms]) => ms * 1000)];
  const endTime = startTime + timeDeltas.reduce((a, b) => a + b, 0) + (samples.at(-1)?.[1] ?? 0) * 1000;
  const nodes = Object.entries(frames).map(([id, callFrame]) => ({ id: Number(id), callFrame: { ...callFrame, scriptId: '0', columnNumber: 0 }, hitCount: 0 }));
  return { nodes, startTime, endTime, samples: samples.map(([node]) => node), timeDeltas };
}

const profile = profileOf([
  [5, 4],
  [3, 100], // idle: left out
  [4, 2],
  [2, 1],
  [14, 1], // same function as node 5 through another call path
  [6, 0.5],
  [7, 1.5],
  [8, 0.25],
  [9, 3],
  [10, 2],
  [11, 1],
  [12, 0.5],
  [13, 0.25],
]);

describe('summarizeCpuProfile', () => {
  it('sums self time per category without idle, highest first', () => {
    const summary = summarizeCpuProfile('ingest', 'ingest-1.cpuprofile', profile);
    expect(summary.busyMs).toBe(17);
    expect(summary.byCategory).toEqual([
      { category: 'aedes', selfMs: 5, pct: 29.4 },
      { category: 'ours: apps/ingest', selfMs: 3, pct: 17.6 },
      { category: 'gc', selfMs: 2, pct: 11.8 },
      { category: 'ours: libs/domain', selfMs: 2, pct: 11.8 },
      { category: 'node: net', selfMs: 1.5, pct: 8.8 },
      { category: 'ours: simulators', selfMs: 1, pct: 5.9 },
      { category: 'program', selfMs: 1, pct: 5.9 },
      { category: '@nestjs/core', selfMs: 0.5, pct: 2.9 },
      { category: 'b', selfMs: 0.5, pct: 2.9 },
      { category: 'native', selfMs: 0.3, pct: 1.5 },
      { category: 'node: streams', selfMs: 0.3, pct: 1.5 },
    ]);
  });

  it('ranks functions by self time, merging call paths, with short 1-based locations', () => {
    const { topFunctions } = summarizeCpuProfile('ingest', 'ingest-1.cpuprofile', profile);
    expect(topFunctions.slice(0, 3)).toEqual([
      { fn: 'handlePublish', where: 'node_modules/aedes/lib/handlers/publish.js:10', selfMs: 5, pct: 29.4 },
      { fn: 'decode', where: 'apps/ingest/dist/decode.js:42', selfMs: 3, pct: 17.6 },
      { fn: '(anonymous)', where: 'libs/domain/src/validate.ts:4', selfMs: 2, pct: 11.8 },
    ]);
    expect(topFunctions.find((f) => f.fn === 'inner')?.where).toBe('node_modules/b/index.js:1');
    expect(topFunctions.find((f) => f.fn === 'writeUtf8String')?.where).toBe('(native)');
    expect(topFunctions.some((f) => f.fn === '(idle)')).toBe(false);
    expect(topFunctions).toHaveLength(11); // 12 busy nodes, two of them the same function
  });

  it('keeps the top 15 functions', () => {
    const many = { ...(profile as object), nodes: Array.from({ length: 20 }, (_, i) => ({ id: i + 1, callFrame: { functionName: `f${i}`, url: 'node:fs', lineNumber: i } })) };
    const samples = Array.from({ length: 20 }, (_, i) => i + 1);
    const summary = summarizeCpuProfile('x', 'x.cpuprofile', { ...many, samples, timeDeltas: samples.map(() => 1000), startTime: 0, endTime: 21_000 });
    expect(summary.topFunctions).toHaveLength(15);
    expect(summary.byCategory).toEqual([{ category: 'node: fs', selfMs: 20, pct: 100 }]);
  });

  it('rejects what is not a CPU profile', () => {
    expect(() => summarizeCpuProfile('x', 'x', { nodes: [] })).toThrow(/samples/);
    expect(() => summarizeCpuProfile('x', 'x', 'nope')).toThrow(/not a JSON object/);
  });
});

describe('categoryOf and processNameOf', () => {
  it('names categories and processes', () => {
    expect(categoryOf({ functionName: 'x', url: 'file:///srv/plantwatch/apps/api/dist/main.js' })).toBe('ours: apps/api');
    expect(categoryOf({ functionName: 'x', url: 'file:///tmp/elsewhere.js' })).toBe('other');
    expect(processNameOf('/tmp/p/ingest-4711.cpuprofile')).toBe('ingest');
    expect(processNameOf('broker.4712.cpuprofile')).toBe('broker');
  });
});

describe('summarizeProfileDir', () => {
  it('summarises every .cpuprofile and turns a truncated one into a warning', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plantwatch-profiles-'));
    try {
      await writeFile(join(dir, 'ingest-12.cpuprofile'), JSON.stringify(profile));
      await writeFile(join(dir, 'api.13.cpuprofile'), JSON.stringify(profile).slice(0, 200));
      await writeFile(join(dir, 'notes.txt'), 'not a profile');
      const summaries = await summarizeProfileDir(dir);
      expect(summaries.map((s) => s.process)).toEqual(['api', 'ingest']);
      expect(summaries[0]).toMatchObject({ busyMs: 0, byCategory: [], topFunctions: [] });
      expect(summaries[0]?.warning).toMatch(/^skipped api\.13\.cpuprofile: /);
      expect(summaries[1]).toMatchObject({ busyMs: 17, file: join(dir, 'ingest-12.cpuprofile') });
      expect(summaries[1]?.warning).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
