import { compilePayloadCheck, deviceEvent, machineState, parsePayload, parseTopic, schemaFor } from '@plantwatch/contracts';
import { scenarioNames } from '@plantwatch/simulators';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { simulatedMessages } from '../support/pipeline-kit.js';

/**
 * The compiled payload checker (libs/contracts payload-check.ts) must say exactly what zod says:
 * on every payload the simulated plants publish, and on broken copies of them (a value swapped
 * for another type, out of range, a key dropped or added, an array grown), it accepts what zod
 * accepts and returns what zod returns. Seeded, so a failure replays.
 */
const HOSTILE: readonly unknown[] = [null, -1, 0, 1.5, 1e20, -1e20, 2 ** 53, 'x', '', 'a\nb', 'é'.repeat(300), true, false, [], [1], {}, { a: 1 }];

interface Sample {
  readonly schema: z.ZodType;
  readonly payload: unknown;
}

async function plantSamples(): Promise<Sample[]> {
  const seen = new Map<z.ZodType, number>();
  const samples: Sample[] = [];
  for (const name of scenarioNames().filter((n) => n !== 'fault-storm')) {
    const { plant, messages } = await simulatedMessages(name, 2, 11);
    for (const message of messages) {
      if (!message.topic.startsWith('uns/v1/')) continue;
      const topic = parseTopic(message.topic);
      const device = plant.device(topic.deviceKey);
      const schema = device && schemaFor(device.type, topic.cls, topic.sub);
      const count = schema ? (seen.get(schema) ?? 0) : 0;
      if (!schema || count >= 40) continue; // at most 40 payloads per schema: every schema, not every message
      seen.set(schema, count + 1);
      samples.push({ schema, payload: JSON.parse(message.payload) as unknown });
    }
  }
  return samples;
}

/** A tiny seeded generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every container (object or array) inside `value`, with `value` itself. */
function containers(value: unknown, out: (Record<string, unknown> | unknown[])[] = []): (Record<string, unknown> | unknown[])[] {
  if (value !== null && typeof value === 'object') {
    out.push(value as Record<string, unknown> | unknown[]);
    for (const child of Object.values(value)) containers(child, out);
  }
  return out;
}

/** A broken copy of `payload`: one change somewhere inside it. */
function mutate(payload: unknown, next: () => number): unknown {
  const copy = structuredClone(payload);
  const targets = containers(copy);
  const target = targets[Math.floor(next() * targets.length)];
  if (target === undefined) return HOSTILE[Math.floor(next() * HOSTILE.length)];
  const keys = Object.keys(target);
  const key = keys[Math.floor(next() * keys.length)];
  const kind = Math.floor(next() * 4);
  if (Array.isArray(target)) {
    if (kind === 0 || key === undefined) target.push(target[0] ?? 1);
    else if (kind === 1) target.pop();
    else target[Number(key)] = HOSTILE[Math.floor(next() * HOSTILE.length)];
  } else if (kind === 0 || key === undefined) target[`extra${Math.floor(next() * 3)}`] = 1;
  else if (kind === 1) delete target[key];
  else target[key] = HOSTILE[Math.floor(next() * HOSTILE.length)];
  return copy;
}

function expectAgreement(schema: z.ZodType, payload: unknown): boolean {
  const expected = schema.safeParse(structuredClone(payload));
  const actual = parsePayload(schema, structuredClone(payload));
  expect(actual.success, JSON.stringify(payload).slice(0, 400)).toBe(expected.success);
  if (expected.success && actual.success) expect(actual.data).toStrictEqual(expected.data);
  if (!expected.success && !actual.success) expect(actual.error.issues).toEqual(expected.error.issues);
  return expected.success;
}

describe('compiled payload checks agree with zod', () => {
  it('on every schema the simulated plants publish, and on broken copies of their payloads', async () => {
    const samples = await plantSamples();
    const schemas = new Set(samples.map((s) => s.schema));
    expect(schemas.size).toBeGreaterThan(30);
    // every one is compiled but the two with refinements (zod's alone): the common event, a machine's state
    expect(new Set([...schemas].filter((schema) => compilePayloadCheck(schema) === undefined))).toEqual(new Set([deviceEvent, machineState]));
    for (const { schema, payload } of samples) expect(expectAgreement(schema, payload)).toBe(true);

    const next = random(6);
    let refused = 0;
    let mutants = 0;
    for (const { schema, payload } of samples) {
      for (let i = 0; i < 12; i++, mutants++) if (!expectAgreement(schema, mutate(payload, next))) refused++;
    }
    // the mutations do break payloads (and some survive: a finite number for another one)
    expect(refused).toBeGreaterThan(mutants / 3);
    expect(refused).toBeLessThan(mutants);
  });
});
