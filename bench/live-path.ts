/**
 * Live-path benchmark (not a test): what the api's live view and the alarm service cost per
 * message, and what one roll-up tick costs, on recorded plant traffic — the two consumers the
 * load run's profiles name (docs/load.md). Records `--minutes` of the scenarios' messages on a
 * stepped clock, then replays them `--rounds` times through the api's telemetry consumer (JSON
 * parse, validation, live hub, device book) and through the alarm service's core, and builds
 * the plant's roll-ups `--ticks` times. Bounded, stops by itself, prints µs per message.
 *
 *   npm run build && node --import @swc-node/register/esm-register bench/live-path.ts [--minutes 2] [--rounds 3] [--ticks 50]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MqttContext } from '@nestjs/microservices';
import { PlantIndex } from '@plantwatch/domain';
import { AlarmService } from '../apps/alarms/src/alarm.service.js';
import type { Clock, ClockTimer } from '../apps/alarms/src/clock.js';
import { RuleFiles, SHIPPED_RULES_DIR } from '../apps/alarms/src/rules/rule-files.js';
import { LiveHub } from '../apps/api/src/live/live.hub.js';
import { LiveRollups } from '../apps/api/src/live/live.rollups.js';
import { TelemetryConsumer } from '../apps/api/src/live/telemetry.consumer.js';
import { generatePlant, MemoryNetwork, startSimulation, VirtualClock } from '../simulators/src/index.js';
import { positiveArg } from './bench-args.js';

const minutes = positiveArg('minutes', 2);
const rounds = positiveArg('rounds', 3);
const ticks = positiveArg('ticks', 50);
const START = Date.UTC(2024, 5, 10, 6);
const SCENARIOS = ['huaxiang-5g-factory', 'yangquan-refractory-town'];

const plant = generatePlant(SCENARIOS, {});
const index = new PlantIndex(plant.model);
const simClock = new VirtualClock(START);
const recorded: { topic: string; payload: Buffer; at: number }[] = [];
const network = new MemoryNetwork({ record: false, tap: (m) => recorded.push({ topic: m.topic, payload: Buffer.from(m.payload), at: simClock.now() }) });
const simulation = await startSimulation({ links: network.factory, model: plant.model, secrets: plant.secrets, clock: simClock, seed: 42, plan: plant.runtime.plan, groundTruth: { write: () => undefined } });
while (simClock.now() < START + minutes * 60_000) simClock.advance(1_000);
const messages = recorded.splice(0);
await simulation.stop();
const stream = messages.filter((m) => !m.topic.endsWith('/alarm'));
console.log(`${SCENARIOS.join(' + ')}: ${plant.model.devices.length.toLocaleString('en')} devices, ${minutes} simulated min, ${stream.length.toLocaleString('en')} device messages`);

/** Runs `fn` over every message `rounds` times; µs per message of the fastest round. */
function perMessage(label: string, fn: (m: (typeof stream)[number], data: unknown) => void): void {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (const m of stream) fn(m, JSON.parse(m.payload.toString()));
    best = Math.min(best, performance.now() - t0);
  }
  console.log(`${label.padEnd(40)} ${((best * 1000) / stream.length).toFixed(2)} µs/message (JSON.parse included)`);
}

perMessage('JSON.parse alone', () => undefined);

const hub = new LiveHub(index);
const rollups = new LiveRollups(index, hub);
const consumer = new TelemetryConsumer(hub, rollups, index);
perMessage('api live view (telemetry consumer)', (m, data) => {
  const ctx = new MqttContext([m.topic, { payload: m.payload } as never]);
  const cls = m.topic.split('/')[8];
  if (cls === 'telemetry') consumer.onTelemetry(data, ctx);
  else if (cls === 'state') consumer.onState(data, ctx);
  else if (cls === 'event') consumer.onEvent(data, ctx);
  else consumer.onMeta(data, ctx);
});

const stateDir = mkdtempSync(join(tmpdir(), 'plantwatch-live-path-'));
let now = START;
const clock: Clock = {
  now: () => now,
  setTimeout: (): ClockTimer => {
    throw new Error('live-path: no timers');
  },
  clearTimeout: () => undefined,
};
const alarms = new AlarmService({ plant: index, clock, stateDir, rules: new RuleFiles(SHIPPED_RULES_DIR, join(stateDir, 'rules')), log: () => undefined });
perMessage('alarm service (validation + engine)', (m, data) => {
  now = m.at;
  alarms.onMessage(m.topic, data, m.payload.length);
});
alarms.close();
rmSync(stateDir, { recursive: true, force: true });

rollups.refresh();
const t0 = performance.now();
for (let i = 0; i < ticks; i++) rollups.refresh();
console.log(`${'roll-up tick'.padEnd(40)} ${((performance.now() - t0) / ticks).toFixed(2)} ms per tick (${plant.model.devices.length.toLocaleString('en')} devices)`);
