import type { PlantModel } from '@plantwatch/domain';
import type { Secrets } from '@plantwatch/platform';
import { mqttLinkFactory, startSimulation, type SimulationPlan } from '@plantwatch/simulators';
import type { RunResult } from '../report/load-report.js';
import { countingLinks } from './counting-links.js';
import { measureStep, type Meters } from './measure-step.js';

export interface SteadyRunOptions {
  readonly scenarios: readonly string[];
  readonly brokerUrl: string;
  readonly model: PlantModel;
  readonly secrets: Secrets;
  readonly plan: SimulationPlan;
  /** Devices of the scenarios (not the synthetic fleet). */
  readonly devices: readonly string[];
  /** The plant's nominal rate [msg/s] (scenario budgets), reported as "offered". */
  readonly nominalPerS: number;
  readonly durationMs: number;
  readonly seed?: number;
  readonly progress?: (line: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * The scenarios at real rate (speed 1) for the duration, every device with its own connection
 * (or through its 5G gateway) exactly as plant-sim runs them, measured hop by hop.
 */
export async function runSteady(meters: Meters, options: SteadyRunOptions): Promise<RunResult> {
  const streams = { count: 0 };
  const step = await measureStep(meters, {
    label: `${options.scenarios.join(' + ')} at 1×`,
    offeredPerS: options.nominalPerS,
    published: () => streams.count,
    drainBoundMs: 120_000,
    ...(options.progress === undefined ? {} : { progress: options.progress }),
    publish: async () => {
      const simulation = await startSimulation({
        links: countingLinks(mqttLinkFactory({ brokerUrl: options.brokerUrl }), streams),
        model: options.model,
        secrets: options.secrets,
        seed: options.seed ?? 42,
        speed: 1,
        devices: options.devices,
        plan: options.plan,
        connectWaitMs: 60_000,
      });
      options.progress?.(`steady: ${simulation.devices.length} devices connected; running ${Math.round(options.durationMs / 1000)} s`);
      await sleep(options.durationMs, options.signal);
      await simulation.stop();
    },
  });
  return { name: 'steady', kind: 'steady', target: 'pipeline', load: options.scenarios.join(' + '), steps: [step] };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
