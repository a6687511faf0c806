import type { RunResult, StepResult, TargetName } from '../report/load-report.js';
import type { SyntheticFleet } from '../fleet/synthetic-fleet.js';
import { measureStep, type Meters } from './measure-step.js';
import { sleep } from './steady-run.js';

export interface RampOptions {
  readonly target: TargetName;
  readonly fleet: SyntheticFleet;
  readonly load: string;
  /** Offered rates [msg/s] in order; or `auto` from {@link autoRates}. */
  readonly rates: readonly number[];
  readonly stepMs: number;
  readonly p99BoundMs: number;
  /** Steps to run after the first one that did not hold ("past the knee"). Default 1. */
  readonly pastKnee?: number;
  /**
   * Refining steps right after the first step that did not hold: each runs halfway (geometrically)
   * between the highest rate that held and the lowest that did not, so the knee is found to
   * 1.5^(1/2^n) instead of the ramp's ×1.5. Default 0.
   */
  readonly refine?: number;
  /** Called after each step; returning a reason stops the ramp (a process died). */
  readonly check?: () => string | undefined;
  readonly progress?: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** Geometric rates from `from` (×1.5 per step, rounded to 2 significant digits) up to `to`. */
export function autoRates(from: number, to: number): number[] {
  const rates: number[] = [];
  for (let r = from; r <= to; r *= 1.5) rates.push(roundRate(r));
  return rates;
}

/** `rate` rounded to 2 significant digits. */
function roundRate(rate: number): number {
  const magnitude = 10 ** (Math.floor(Math.log10(rate)) - 1);
  return Math.round(rate / magnitude) * magnitude;
}

/**
 * Raises the fleet's rate step by step, draining between steps, until a step does not hold
 * (loss, publishers pushed back, or last-hop p99 over the bound), refines between the last rate
 * held and that one (`refine`), then runs `pastKnee` more steps up the ramp to show how the target
 * behaves beyond it. The knee is the highest offered rate held with every lower rate held too.
 */
export async function runRamp(meters: Meters, options: RampOptions): Promise<RunResult> {
  const steps: StepResult[] = [];
  let failures = 0;
  // Warm-up, not reported: the first writes create the store's series and JIT the hot paths.
  const first = options.rates[0];
  if (first !== undefined) {
    options.progress?.(`${options.target}: warm-up at ${first} msg/s for ${Math.round(options.stepMs / 2000)} s (not reported)`);
    await measureStep(meters, { label: 'warm-up', offeredPerS: first, published: () => options.fleet.counters().sent, publish: async () => {
      options.fleet.setRate(first);
      await sleep(options.stepMs / 2, options.signal);
      options.fleet.setRate(0);
    } });
  }
  /** Runs one step; true when a stack process died in it (the ramp ends). */
  const run = async (rate: number, label: string): Promise<boolean> => {
    const step = await measureStep(meters, {
      label,
      offeredPerS: rate,
      published: () => options.fleet.counters().sent,
      p99BoundMs: options.p99BoundMs,
      ...(options.progress === undefined ? {} : { progress: options.progress }),
      publish: async () => {
        options.fleet.setRate(rate);
        await sleep(options.stepMs, options.signal);
        options.fleet.setRate(0);
      },
    });
    const died = options.check?.();
    const result = died === undefined ? step : { ...step, held: false, reason: died, signals: [...(step.signals ?? []), died] };
    steps.push(result);
    options.progress?.(`${result.label}: ${result.held === true ? 'held' : `did not hold — ${result.reason ?? ''}`}`);
    return died !== undefined;
  };
  const aborted = (): boolean => options.signal?.aborted === true;
  let died = false;
  for (const rate of options.rates) {
    if (aborted()) break;
    died = await run(rate, `${options.target} ${rate} msg/s`);
    if (died) break;
    if (steps.at(-1)?.held === true) continue;
    // Refine at once, before the steps past the knee: their overload (a store absorbing a backlog,
    // grown heaps) would still weigh on a refining step run after them.
    if (failures++ === 0) {
      for (let i = 0; i < (options.refine ?? 0) && !died && !aborted(); i++) {
        const refined = refiningRate(steps);
        if (refined === undefined) break;
        died = await run(refined, `${options.target} ${refined} msg/s (refining)`);
      }
    }
    if (died || failures > (options.pastKnee ?? 1)) break;
  }
  steps.sort((a, b) => a.offeredPerS - b.offeredPerS);
  return { name: `ramp-${options.target}`, kind: 'ramp', target: options.target, load: options.load, steps, kneePerS: kneeOf(steps).knee };
}

/** The next refining step: halfway (geometrically) between the knee and the lowest rate missed; none when they are next to each other. */
export function refiningRate(steps: readonly StepResult[]): number | undefined {
  const { knee, missed } = kneeOf(steps);
  if (knee === null || missed === null) return undefined;
  const rate = roundRate(Math.sqrt(knee * missed));
  return rate > knee && rate < missed ? rate : undefined;
}

/** The highest rate held with every lower rate held too (the knee), and the lowest rate that did not hold. */
export function kneeOf(steps: readonly StepResult[]): { knee: number | null; missed: number | null } {
  const sorted = [...steps].sort((a, b) => a.offeredPerS - b.offeredPerS);
  const firstMiss = sorted.findIndex((s) => s.held !== true);
  const held = firstMiss === -1 ? sorted : sorted.slice(0, firstMiss);
  return { knee: held.at(-1)?.offeredPerS ?? null, missed: firstMiss === -1 ? null : (sorted[firstMiss]?.offeredPerS ?? null) };
}
