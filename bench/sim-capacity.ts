/**
 * plant-sim capacity benchmark (not a test): how many devices one process simulates in real time
 * on one core at domain.md §4 rates, and the CPU share of the full huaxiang-5g-factory scenario.
 * Publishes into a counting in-process sink (no broker), on a stepped clock, so the figure is
 * the simulator's own cost; bounded in time, stops by itself.
 *
 *   npm run build && node --import @swc-node/register/esm-register bench/sim-capacity.ts [maxSeconds]
 */
import { cpuUsage } from 'node:process';
import { generatePlant, MemoryNetwork, startSimulation, VirtualClock } from '../simulators/src/index.js';

const SIM_SECONDS = 60;
const WARM_UP_MS = 10_000;
const budgetS = Number(process.argv[2] ?? 120);

interface Sample {
  readonly scale: number;
  readonly devices: number;
  readonly msgPerSimS: number;
  /** CPU seconds spent per simulated second. */
  readonly cpuPerSimS: number;
}

async function sample(scale: number): Promise<Sample> {
  const plant = generatePlant('huaxiang-5g-factory', { set: { scale } });
  const network = new MemoryNetwork({ record: false });
  const clock = new VirtualClock(Date.UTC(2024, 5, 10));
  const simulation = await startSimulation({ links: network.factory, model: plant.model, secrets: plant.secrets, clock, seed: 1, plan: plant.runtime.plan });
  clock.advance(WARM_UP_MS);
  const before = network.count;
  const cpu = cpuUsage();
  for (let s = 0; s < SIM_SECONDS; s++) clock.advance(1_000);
  const used = cpuUsage(cpu);
  const msgs = network.count - before;
  await simulation.stop();
  return { scale, devices: simulation.devices.length, msgPerSimS: msgs / SIM_SECONDS, cpuPerSimS: (used.user + used.system) / 1e6 / SIM_SECONDS };
}

const started = performance.now();
const samples: Sample[] = [];
for (const scale of [0.25, 0.5, 1, 2, 4, 8]) {
  if ((performance.now() - started) / 1000 > budgetS) break;
  const s = await sample(scale);
  samples.push(s);
  console.log(`scale ${scale}: ${s.devices} devices, ${s.msgPerSimS.toFixed(0)} msg/s simulated, ${(s.cpuPerSimS * 100).toFixed(1)} % of one core in real time`);
  if (s.cpuPerSimS > 1) break; // the scheduler can no longer keep up with real time
}
const full = samples.find((s) => s.scale === 1);
const best = samples[samples.length - 1] as Sample; // the largest plant measured: extrapolated linearly to one full core
console.log('---');
if (full !== undefined) console.log(`huaxiang-5g-factory (${full.devices} devices, ${full.msgPerSimS.toFixed(0)} msg/s): ${(full.cpuPerSimS * 100).toFixed(1)} % of one core at 1×`);
console.log(`capacity at domain rates: ≈ ${Math.floor(best.devices / best.cpuPerSimS).toLocaleString('en')} devices (≈ ${Math.floor(best.msgPerSimS / best.cpuPerSimS).toLocaleString('en')} msg/s) in real time on one core`);
