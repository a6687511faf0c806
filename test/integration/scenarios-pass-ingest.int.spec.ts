import { decode } from '@plantwatch/ingest';
import { scenarioNames } from '@plantwatch/simulators';
import { describe, expect, it } from 'vitest';
import { simulatedMessages } from '../support/pipeline-kit.js';

/**
 * The contract between the simulators and ingest, across every scenario: each message a
 * simulated device publishes (telemetry, state, meta, events, command answers) passes ingest's
 * decode stage — schema, finite numbers, and the store's field-name rules — so a running plant
 * produces no dead letters. Stepped clock, in-memory network, small scale.
 */
describe.each(scenarioNames().filter((name) => name !== 'fault-storm'))('scenario %s → ingest', (name) => {
  it('every published message decodes into a store point (no dead letters)', async () => {
    const { plant, messages, now } = await simulatedMessages(name, 3, 7);
    const refused = new Map<string, string>();
    let decoded = 0;
    for (const message of messages) {
      if (!message.topic.startsWith('uns/v1/') || message.topic.includes('/cmd/')) continue;
      let data: unknown;
      try {
        data = JSON.parse(message.payload);
      } catch {
        data = message.payload;
      }
      const result = decode(message.topic, data, Buffer.from(message.payload), now, { plant, maxPayloadBytes: 64 * 1024 });
      if (result.ok) decoded++;
      else refused.set(`${result.deadLetter.reason} ${message.topic.split('/').slice(-2).join('/')}`, result.deadLetter.detail);
    }
    expect(Object.fromEntries(refused)).toEqual({});
    expect(decoded).toBeGreaterThan(20);
  });
});
