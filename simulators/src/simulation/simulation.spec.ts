import { createHash } from 'node:crypto';
import { commandAck } from '@plantwatch/contracts';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../kit/clock.js';
import { generatePlant } from '../scenarios/generate-plant.js';
import { MemoryNetwork } from './memory-link.js';
import { startSimulation } from './start-simulation.js';

const START = Date.UTC(2024, 5, 10);

/** Runs huaxiang at 5 % scale (≈ 150 devices, 8 gateways) with its random faults and a cell outage. */
async function run(seed: number, minutes: number): Promise<{ network: MemoryNetwork; digest: string }> {
  const plant = generatePlant('huaxiang-5g-factory', { set: { scale: 0.05 } });
  const network = new MemoryNetwork();
  const clock = new VirtualClock(START);
  const gateway = plant.model.devices.find((d) => d.type === 'gateway-5g')?.key ?? '';
  const timeline = [{ atMs: 60_000, fault: 'CELL_DOWN', select: { device: gateway }, forMs: 180_000 }];
  const simulation = await startSimulation({ links: network.factory, model: plant.model, secrets: plant.secrets, clock, seed, plan: { ...plant.runtime.plan, timeline } });
  for (let m = 0; m < minutes; m++) clock.advance(60_000);
  await simulation.stop();
  const hash = createHash('sha256');
  for (const message of network.messages) hash.update(`${message.topic}\n${message.payload}\n`);
  return { network, digest: hash.digest('hex') };
}

describe('simulation runtime (in-memory sink, stepped clock)', () => {
  it('is deterministic: same scenario + seed + speed → byte-identical message stream', async () => {
    const a = await run(42, 6);
    const b = await run(42, 6);
    expect(a.network.messages.length).toBeGreaterThan(10_000);
    expect(b.digest).toBe(a.digest);
    expect(b.network.messages).toEqual(a.network.messages);
    expect((await run(43, 6)).digest).not.toBe(a.digest);
  });

  it('answers commands: expired after expiresAt (handler never runs), DUPLICATE for a repeated cmdId, accepted → applied', async () => {
    const plant = generatePlant('huaxiang-5g-factory', { set: { scale: 0.05 } });
    const network = new MemoryNetwork();
    const clock = new VirtualClock(START);
    const simulation = await startSimulation({ links: network.factory, model: plant.model, secrets: plant.secrets, clock, seed: 1 });
    const gateway = plant.model.devices.find((d) => d.type === 'gateway-5g')?.key ?? '';
    const topic = `uns/v1/${gateway}/cmd/set-report-interval`;
    const body = (cmdId: string, expiresAt: number, value = 30) => JSON.stringify({ cmdId, ts: clock.now(), expiresAt, user: 'op', value });
    clock.advance(5_000);
    network.deliver(topic, body('late-1', clock.now() - 1, 99_999));
    network.deliver(topic, body('ok-1', clock.now() + 30_000));
    network.deliver(topic, body('ok-1', clock.now() + 30_000));
    network.deliver(topic, body('range-1', clock.now() + 30_000, 0));
    const acks = network.messages.filter((m) => m.topic === `${topic}/res`).map((m) => commandAck.parse(JSON.parse(m.payload)));
    expect(acks.map((a) => [a.cmdId, a.status, a.code])).toEqual([
      ['late-1', 'expired', undefined],
      ['ok-1', 'accepted', undefined],
      ['ok-1', 'applied', undefined],
      ['ok-1', 'rejected', 'DUPLICATE'],
      ['range-1', 'rejected', 'OUT_OF_RANGE'],
    ]);
    expect(acks[2]?.value).toBe(30);
    clock.advance(60_000);
    const links = network.messages.filter((m) => m.topic === `uns/v1/${gateway}/telemetry/link`).map((m) => (JSON.parse(m.payload) as { ts: number }).ts);
    expect((links.at(-1) ?? 0) - (links.at(-2) ?? 0)).toBe(30_000); // the expired 99,999 s interval was never applied
    await simulation.stop();
  });

  it('injects faults from the timeline, the CLI and MTBF, and records ground truth (what, where, when)', async () => {
    const plant = generatePlant('huaxiang-5g-factory', { set: { scale: 0.05 } });
    const network = new MemoryNetwork({ record: false });
    const clock = new VirtualClock(START);
    const written: string[] = [];
    const gateways = plant.model.devices.filter((d) => d.type === 'gateway-5g').map((d) => d.key);
    const timeline = [{ atMs: 10_000, fault: 'LINK_DEGRADED', select: { type: 'gateway-5g', count: 2 }, options: { db: 20 }, forMs: 60_000 }];
    const mtbf = [{ type: 'gateway-5g', fault: 'HO_PINGPONG', mtbfH: 0.5, mttrMin: [1, 2] as [number, number] }];
    const simulation = await startSimulation({ links: network.factory, model: plant.model, secrets: plant.secrets, clock, seed: 3, plan: { timeline, mtbf }, groundTruth: { write: (event, r) => written.push(`${event}:${r.faultCode}:${r.device}`) } });
    clock.advance(20_000);
    simulation.faults.inject({ faultCode: 'GW_SESSION_DOWN', device: gateways[3] ?? '', source: 'cli' });
    expect(() => simulation.faults.inject({ faultCode: 'NOPE', device: gateways[3] ?? '', source: 'cli' })).toThrow(/no fault NOPE/);
    clock.advance(120_000);
    simulation.faults.clear('GW_SESSION_DOWN', gateways[3] ?? '');
    clock.advance(3_600_000);
    const records = simulation.faults.records();
    expect(records.slice(0, 3).map((r) => [r.faultCode, r.device, r.injectedAt - START, r.clearedAt === null ? null : r.clearedAt - START, r.source])).toEqual([
      ['LINK_DEGRADED', gateways[0], 10_000, 70_000, 'timeline'],
      ['LINK_DEGRADED', gateways[1], 10_000, 70_000, 'timeline'],
      ['GW_SESSION_DOWN', gateways[3], 20_000, 140_000, 'cli'],
    ]);
    expect(records[0]?.options).toEqual({ db: 20 });
    expect(records.filter((r) => r.source === 'random' && r.faultCode === 'HO_PINGPONG').length).toBeGreaterThan(0);
    expect(written.slice(0, 2)).toEqual([`inject:LINK_DEGRADED:${gateways[0]}`, `inject:LINK_DEGRADED:${gateways[1]}`]);
    expect(written).toContain(`clear:GW_SESSION_DOWN:${gateways[3]}`);
    await simulation.stop();
  });
});
