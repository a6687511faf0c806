/**
 * Alarm detection benchmark (not a test): runs the `fault-storm` scenario (domain.md §4.5) on a
 * stepped clock into the in-memory network, feeds every published message to the alarms
 * service's core (shipped rules, as apps/alarms does), and scores the annunciated alarms against
 * the simulators' ground truth: detection table per fault type, alarms per dead gateway (root
 * cause: expect 1), flood KPIs. Bounded in time, stops by itself.
 *
 *   npm run build && node --import @swc-node/register/esm-register bench/alarm-detection.ts [--scale 0.25] [--minutes 40] [--seed 1]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeAlarmKpis, detectionTable, isActivation, isAnnunciated, PlantIndex, scoreDetections, type AlarmChange, type FaultExpectation } from '@plantwatch/domain';
import { AlarmService } from '../apps/alarms/src/alarm.service.js';
import type { Clock, ClockTimer } from '../apps/alarms/src/clock.js';
import { formatKpis, SHIPPED_EXPECTATIONS } from '../apps/alarms/src/cli/report.js';
import { loadRoster, SHIPPED_ROSTER } from '../apps/alarms/src/rules/roster-file.js';
import { RuleFiles, SHIPPED_RULES_DIR } from '../apps/alarms/src/rules/rule-files.js';
import { generatePlant, MemoryNetwork, startSimulation, VirtualClock, type GroundTruthRecord } from '../simulators/src/index.js';
import { positiveArg } from './bench-args.js';

const scale = positiveArg('scale', 0.25);
const minutes = positiveArg('minutes', 40);
const seed = positiveArg('seed', 1);
const GRACE_MS = 600_000;
const START = Date.UTC(2024, 5, 10, 6);
/** Faults that take a gateway (and everything behind it) off the air. */
const GATEWAY_DOWN = new Set(['CELL_DOWN', 'GW_OFFLINE', 'GW_SESSION_DOWN']); // not RLF: a 0.1–5 s outage, buffered and replayed
/** Alarms a dead gateway can cause by itself (the rest behind it are process alarms of their own). */
const COMMS = new Set(['GW_OFFLINE', 'GW_SESSION_DOWN', 'GW_NOT_REGISTERED', 'LINK_DEGRADED', 'CELL_CONGESTION', 'DEV_COMM_LOSS']);

const wallStart = performance.now();
const plant = generatePlant('fault-storm', { set: { scale } });
const index = new PlantIndex(plant.model);
const simClock = new VirtualClock(START);
/** The alarms service reads the simulated time; it sets no timers without a notifier. */
const clock: Clock = {
  now: () => simClock.now(),
  setTimeout: (): ClockTimer => {
    throw new Error('alarm-detection: no timers on the simulated clock');
  },
  clearTimeout: () => undefined,
};
const stateDir = mkdtempSync(join(tmpdir(), 'plantwatch-alarm-detection-'));
const service = new AlarmService({ plant: index, clock, stateDir, rules: new RuleFiles(SHIPPED_RULES_DIR, join(stateDir, 'rules')), roster: loadRoster(SHIPPED_ROSTER).roster, log: (m) => console.warn(`alarms: ${m}`) });

let messages = 0;
let feeding = true;
const network = new MemoryNetwork({
  record: false,
  tap: (m) => {
    if (!feeding) return; // stopping the simulation drops every link: its Last Wills are no fault
    messages++;
    let data: unknown;
    try {
      data = JSON.parse(m.payload);
    } catch {
      data = undefined;
    }
    service.onMessage(m.topic, data, Buffer.byteLength(m.payload));
  },
});
const truth: GroundTruthRecord[] = [];
const simulation = await startSimulation({ links: network.factory, model: plant.model, secrets: plant.secrets, clock: simClock, seed, plan: plant.runtime.plan, groundTruth: { write: () => undefined } });
const endMs = START + minutes * 60_000;
while (simClock.now() < endMs) {
  simClock.advance(1_000);
  service.tick(); // the service's 1 s clock tick (silence / no-data rules fire without a message)
}
truth.push(...simulation.faults.records().map((r) => ({ ...r })));
feeding = false;
await simulation.stop();
const to = simClock.now();
service.close();
const history: AlarmChange[] = (await import('../apps/alarms/src/persistence/history-log.js')).readHistory(stateDir, START - 60_000, to + 60_000);
rmSync(stateDir, { recursive: true, force: true });

const expectations = JSON.parse(readFileSync(SHIPPED_EXPECTATIONS, 'utf8')) as Record<string, FaultExpectation>;
delete expectations['_comment'];
const viaOf = (device: string): string | undefined => index.device(device)?.via;
const timeline = truth.filter((t) => t.source === 'timeline');
const score = scoreDetections(truth, history, { expectations, graceMs: GRACE_MS, viaOf });

const devices = plant.model.devices.length;
const wallS = (performance.now() - wallStart) / 1000;
console.log(`fault-storm at scale ${scale}, seed ${seed}: ${devices} devices, ${minutes} simulated min, ${messages.toLocaleString('en')} messages (${service.refused} refused), ${wallS.toFixed(0)} s wall`);
const bySource = (source: string): number => truth.filter((t) => t.source === source).length;
console.log(`ground truth: ${truth.length} faults (${timeline.length} from the scenario timeline, ${bySource('random')} random MTBF injections, ${bySource('model')} raised by the models themselves), all scored`);
for (const entry of plant.runtime.plan.timeline ?? []) {
  if (entry.fault === undefined || entry.atMs >= minutes * 60_000) continue;
  if (!truth.some((t) => t.faultCode === entry.fault && t.injectedAt === START + entry.atMs)) console.log(`timeline: ${entry.fault} at +${entry.atMs / 60_000} min injected nothing (${JSON.stringify(entry.select)} selects no device at this scale)`);
}
console.log('');
console.log(detectionTable(score));
if (score.missed.length > 0) {
  console.log('');
  console.log('missed:');
  for (const t of score.missed) console.log(`  ${t.faultCode} on ${t.device} at +${((t.injectedAt - START) / 60_000).toFixed(1)} min`);
}
if (score.falseAlarms.length > 0) {
  const byCode = new Map<string, number>();
  for (const a of score.falseAlarms) byCode.set(`${a.values.code} (${index.device(a.device)?.type ?? '?'})`, (byCode.get(`${a.values.code} (${index.device(a.device)?.type ?? '?'})`) ?? 0) + 1);
  console.log('');
  console.log(`false alarms by code: ${[...byCode].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ×${n}`).join(', ')}`);
  for (const a of score.falseAlarms.slice(0, Number(process.env['SHOW_FALSE'] ?? 0))) console.log(`  +${((a.ts - START) / 1000).toFixed(0)} s ${a.values.code} ${a.values.state} ${a.device}`);
}

// Root cause: per dead gateway, the annunciated raises on it and on every device behind it while it is down (+ 2 min).
const raises = history.filter((c) => c.values.event === 'raise' && (isAnnunciated(c.values.state) || c.values.state === 'shelved'));
const dead = truth.filter((t) => GATEWAY_DOWN.has(t.faultCode));
interface Dead {
  readonly faults: string[];
  readonly behind: number;
  comms: number;
  process: number;
  readonly codes: Set<string>;
}
const perGateway = new Map<string, Dead>();
for (const t of dead) {
  const entry = perGateway.get(t.device) ?? { faults: [], behind: plant.model.devices.filter((d) => d.via === t.device).length, comms: 0, process: 0, codes: new Set<string>() };
  entry.faults.push(t.faultCode);
  perGateway.set(t.device, entry);
}
for (const [gateway, entry] of perGateway) {
  const windows = dead.filter((t) => t.device === gateway).map((t) => [t.injectedAt, (t.clearedAt ?? to) + 120_000] as const);
  const mine = raises.filter((a) => (a.device === gateway || viaOf(a.device) === gateway) && windows.some(([a0, a1]) => a.ts >= a0 && a.ts <= a1));
  for (const a of mine) {
    if (COMMS.has(a.values.code)) entry.comms++;
    else entry.process++;
    entry.codes.add(`${a.values.code}@${a.device === gateway ? 'gateway' : 'device'}`);
  }
}
const counts = [...perGateway.values()].map((e) => e.comms);
console.log('');
console.log('| dead gateway | fault | devices behind | comm alarms annunciated (root cause: expect 1) | other alarms behind it in the window |');
console.log('|---|---|---:|---:|---|');
for (const [gateway, e] of perGateway) {
  const other = [...e.codes].filter((c) => !COMMS.has(c.split('@')[0] ?? ''));
  console.log(`| ${gateway} | ${e.faults.join(' + ')} | ${e.behind} | ${e.comms} | ${e.process === 0 ? '—' : `${e.process} (${other.join(', ')})`} |`);
}
console.log(`dead gateways: ${perGateway.size}; comm alarms per dead gateway: min ${Math.min(...counts)}, max ${Math.max(...counts)}; exactly 1 on ${counts.filter((n) => n === 1).length} of ${perGateway.size}`);

const kpis = computeAlarmKpis(history, START, to);
console.log('');
console.log(`flood KPIs: ${kpis.floods.length} flood episodes; peak ${kpis.peakPer10Min} alarms / 10 min; ${kpis.pctTimeInFlood} % of time in flood`);
const activations = new Map<string, number>();
for (const c of history) if (isActivation(c) && c.ts >= START && c.ts < to) activations.set(`${c.values.event} ${c.values.code}`, (activations.get(`${c.values.event} ${c.values.code}`) ?? 0) + 1);
console.log(`activations (KPI count) by event and code: ${[...activations].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ×${n}`).join(', ')}`);
console.log('');
console.log(formatKpis(kpis));
