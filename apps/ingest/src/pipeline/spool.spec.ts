import { appendFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Spool, type Batch } from './spool.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-spool-'));
  dirs.push(dir);
  return dir;
}
const batch = (n: number): Batch => ({
  points: [{ measurement: 'm', tags: { enterprise: 'e', site: 's', area: 'a', line: 'l', cell: 'c', device: 'd' }, fields: { x: n }, ts: 1_718_000_000_000 + n }],
  deadLetters: [],
});

describe('disk spool', () => {
  it('replays batches in order and forgets them only after the store took them', async () => {
    const spool = await Spool.open(await tempDir());
    for (let i = 0; i < 3; i++) await spool.append(batch(i));
    expect(spool.backlog).toBe(3);
    await expect(spool.replayOldest(() => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(spool.backlog).toBe(3);
    const seen: number[] = [];
    await spool.replayOldest(async (b) => {
      seen.push(b.points[0]?.fields['x'] as number);
    });
    expect(seen).toEqual([0, 1, 2]);
    expect(spool.backlog).toBe(0);
  });

  it('survives a restart: a new Spool on the same folder finds the backlog, and skips a torn last line', async () => {
    const dir = await tempDir();
    const first = await Spool.open(dir);
    await first.append(batch(1));
    await first.append(batch(2));
    const [file] = await readdir(dir);
    await appendFile(join(dir, file ?? ''), '{"points":[{"measu');
    const second = await Spool.open(dir);
    expect(second.backlog).toBe(2);
    const seen: number[] = [];
    await second.replayOldest(async (b) => {
      seen.push(b.points[0]?.fields['x'] as number);
    });
    expect(seen).toEqual([1, 2]);
    await second.append(batch(3));
    expect(second.backlog).toBe(1);
  });
});
