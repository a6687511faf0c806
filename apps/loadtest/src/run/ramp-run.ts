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
  /** Called after each step; returning a reason stops the ramp (a process died). */
  readonly check?: () => string | undefined;
  readonly progress?: (line: string) => void;
  readonly signal?: AbortSignal;
}

/** Geometric rates from `from` (×1.5 per step, rounded to 2 significant digits) up to `to`. */
export function autoRates(from: number, to: number): number[] {
  const rates: number[] = [];
  for (let r = from; r <= to; r *= 1.5) {
    const magnitude = 10 ** (Math.floor(Math.log10(r)) - 1);
    rates.push(Math.round(r / magnitude) * magnitude);
  }
  return rates;
}

/**
 * Raises the fleet's rate step by step, draining between steps, until a step does not hold
 * (loss, publishers pushed back, or last-hop p99 over the bound), then runs `pastKnee` more steps
 * to show how the target behaves beyond it. The knee is the highest offered rate that held.
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
  for (const rate of options.rates) {
    if (options.signal?.aborted === true) break;
    const step = await measureStep(meters, {
      label: `${options.target} ${rate} msg/s`,
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
    if (died !== undefined) break;
    if (result.held !== true && ++failures > (options.pastKnee ?? 1)) break;
  }
  const held = steps.filter((s, i) => s.held === true && steps.slice(0, i).every((p) => p.held === true));
  return { name: `ramp-${options.target}`, kind: 'ramp', target: options.target, load: options.load, steps, kneePerS: held.at(-1)?.offeredPerS ?? null };
}
