import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { RetainedIndex } from './retained-index.js';

// aedes' own topic matcher, as the reference (qlobber ships no typings).
type Matcher = { add(filter: string): void; test(topic: string): boolean };
const { QlobberTrue } = createRequire(import.meta.url)('qlobber') as { QlobberTrue: new (options: object) => Matcher };

const LEVELS = ['a', 'b', 'c', '', 'kiln-1', '$SYS'];

/** A deterministic pseudo-random source (the test must fail the same way twice). */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function randomTopic(random: () => number, wildcards: boolean): string {
  const depth = 1 + Math.floor(random() * 4);
  const levels: string[] = [];
  for (let i = 0; i < depth; i++) {
    const r = random();
    if (wildcards && r < 0.15) levels.push('+');
    else if (wildcards && r < 0.25 && i === depth - 1) levels.push('#');
    else levels.push(LEVELS[Math.floor(random() * LEVELS.length)] ?? 'a');
  }
  return levels.join('/');
}

describe('RetainedIndex', () => {
  it('matches exactly the topics aedes’ own matcher (qlobber) matches, for 2,000 random filters', () => {
    const random = lcg(7);
    const index = new RetainedIndex<string>();
    const topics = new Set<string>();
    for (let i = 0; i < 300; i++) topics.add(randomTopic(random, false));
    for (const topic of topics) index.set(topic, topic);
    for (let i = 0; i < 2_000; i++) {
      const filter = randomTopic(random, true);
      const reference = new QlobberTrue({ wildcard_one: '+', wildcard_some: '#', separator: '/' });
      reference.add(filter);
      const expected = [...topics].filter((topic) => reference.test(topic)).sort();
      expect([...index.match(filter)].sort(), filter).toEqual(expected);
    }
  });

  it('matches the parent level with # and replaces, deletes and prunes', () => {
    const index = new RetainedIndex<number>();
    index.set('site/kiln', 1);
    index.set('site/kiln/zone-1', 2);
    index.set('site/kiln/zone-1', 3);
    expect(index.size).toBe(2);
    expect([...index.match('site/kiln/#')].sort()).toEqual([1, 3]);
    expect([...index.match('site/+')]).toEqual([1]);
    index.delete('site/kiln/zone-1');
    index.delete('site/never');
    expect(index.size).toBe(1);
    expect([...index.match('#')]).toEqual([1]);
    index.delete('site/kiln');
    expect([...index.match('#')]).toEqual([]);
    expect(index.size).toBe(0);
  });
});
