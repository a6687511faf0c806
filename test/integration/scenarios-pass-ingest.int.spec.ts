import { PlantIndex } from '@plantwatch/domain';
import { decode } from '@plantwatch/ingest';
import { generatePlant, MemoryNetwork, scenarioNames, startSimulation, VirtualClock } from '@plantwatch/simulators';
import { describe, expect, it } from 'vitest';

/**
 * The contract between the simulators and ingest, across every scenario: each message a
 * simulated device publishes (telemetry, state, meta, events, command answers) passes ingest's
 * decode stage — schema, finite numbers, and the store's field-name rules — so a running plant
 * produces no dead letters. Stepped clock, in-memory network, small scale.
 */
const START = Date.UTC(2024, 5, 10, 2);

describe.each(scenarioNames().filter((name) => name !== 'fault-storm'))('scenario %s → ingest', (name) => {
  it('every published message decodes into a store point (no dead letters)', async () => {
    const plant = generatePlant(name, { set: { scale: 0.05 } });
    const index = new PlantIndex(plant.model);
    const network = new MemoryNetwork();
    const clock = new VirtualClock(START);
    const simulation = await startSimulation({ links: network.factory, model: plant.model, secrets: plant.secrets, clock, seed: 7, plan: plant.runtime.plan });
    for (let minute = 0; minute < 3; minute++) clock.advance(60_000);
    await simulation.stop();
    const refused = new Map<string, string>();
    let decoded = 0;
    for (const message of network.messages) {
      if (!message.topic.startsWith('uns/v1/') || message.topic.includes('/cmd/')) continue;
      let data: unknown;
      try {
        data = JSON.parse(message.payload);
      } catch {
        data = message.payload;
      }
      const result = decode(message.topic, data, Buffer.from(message.payload), clock.now(), { plant: index, maxPayloadBytes: 64 * 1024 });
      if (result.ok) decoded++;
      else refused.set(`${result.deadLetter.reason} ${message.topic.split('/').slice(-2).join('/')}`, result.deadLetter.detail);
    }
    expect(Object.fromEntries(refused)).toEqual({});
    expect(decoded).toBeGreaterThan(20);
  });
});
