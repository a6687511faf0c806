import type { PlantModel } from '@plantwatch/domain';
import type { Secrets } from '@plantwatch/platform';
import { mqttLinkFactory, startSimulation, type SimulationPlan } from '@plantwatch/simulators';
import type { RunResult } from '../report/load-report.js';
import { countingLinks } from './counting-links.js';
import { measureStep, type Meters } from './measure-step.js';

/** Wall time between the devices' start and the measured window [ms]. */
const WARM_UP_MS = 60_000;

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
 * The scenarios at real rate (speed 1), every device with its own connection (or through its 5G
 * gateway) exactly as plant-sim runs them: a minute of warm-up, then `durationMs` measured hop by
 * hop (messages still in flight from the warm-up may count as delivered in the window).
 */
export async function runSteady(meters: Meters, options: SteadyRunOptions): Promise<RunResult> {
  const streams = { count: 0, backfill: 0 };
  const simulation = await startSimulation({
    links: countingLinks(mqttLinkFactory({ brokerUrl: options.brokerUrl }), streams),
    model: options.model,
    secrets: options.secrets,
    seed: options.seed ?? 42,
    speed: 1,
    devices: options.devices,
    plan: options.plan,
    connectWaitMs: 120_000,
  });
  try {
    // Not measured: connecting every device, birth certificates, the store creating its series.
    options.progress?.(`steady: ${simulation.devices.length} devices connected; warm-up ${WARM_UP_MS / 1000} s (not reported), then ${Math.round(options.durationMs / 1000)} s measured`);
    await sleep(WARM_UP_MS, options.signal);
    const step = await measureStep(meters, {
      label: `${options.scenarios.join(' + ')} at 1×`,
      offeredPerS: options.nominalPerS,
      published: () => streams.count,
      backfill: () => streams.backfill,
      drainBoundMs: 120_000,
      timeline: true,
      ...(options.progress === undefined ? {} : { progress: options.progress }),
      publish: async () => {
        await sleep(options.durationMs, options.signal);
        await simulation.stop();
      },
    });
    return { name: 'steady', kind: 'steady', target: 'pipeline', load: options.scenarios.join(' + '), steps: [step] };
  } finally {
    await simulation.stop();
  }
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
