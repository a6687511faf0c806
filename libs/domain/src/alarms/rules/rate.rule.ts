import type { RateRule } from '@plantwatch/contracts';
import { elementsAt, numberOf } from '../signal-path.js';
import { beyond, type RuleInput, type RuleState, type Verdict } from './rule-evaluator.js';

type Sample = readonly [ts: number, value: number];

/**
 * Rate of change over a sliding window (per minute, from source timestamps): active when the
 * value rises faster than `maxRisePerMin` or falls faster than `maxFallPerMin`
 * (domain.md §2.1.9 over-temperature "rising 1–5 °C/min"). No verdict until the window holds
 * half its length of samples, so one noisy step never decides.
 */
export function evaluateRate(rule: RateRule, input: RuleInput, state: RuleState): Verdict[] {
  const windowMs = (rule.windowS ?? 60) * 1000;
  const verdicts: Verdict[] = [];
  for (const { key, value } of elementsAt(input.v, rule.field)) {
    const reading = numberOf(value);
    if (reading === undefined || input.bad) continue;
    const samples = windowSamples(state, key, [input.ts, reading], windowMs);
    const first = samples[0];
    if (first === undefined || input.ts - first[0] < windowMs / 2) continue;
    const perMin = ((reading - first[1]) * 60_000) / (input.ts - first[0]);
    verdicts.push(rateVerdict(rule, key, perMin, state.wasActive(key)));
  }
  return verdicts;
}

function windowSamples(state: RuleState, key: string, sample: Sample, windowMs: number): Sample[] {
  const samples = (state.memory.get(key) as Sample[] | undefined) ?? [];
  const last = samples[samples.length - 1];
  if (last !== undefined && sample[0] <= last[0]) return samples; // late or duplicate: ignore
  samples.push(sample);
  while (samples.length > 2 && sample[0] - (samples[1]?.[0] ?? sample[0]) >= windowMs) samples.shift();
  state.memory.set(key, samples);
  return samples;
}

function rateVerdict(rule: RateRule, key: string, perMin: number, wasActive: boolean): Verdict {
  const deadband = rule.deadband ?? 0;
  const rising = rule.maxRisePerMin !== undefined && beyond(perMin, rule.maxRisePerMin, true, wasActive, deadband);
  const falling = rule.maxFallPerMin !== undefined && beyond(-perMin, rule.maxFallPerMin, true, wasActive, deadband);
  const lim = rising ? (rule.maxRisePerMin ?? null) : falling ? -(rule.maxFallPerMin ?? 0) : null;
  return { key, active: rising || falling, val: Math.round(perMin * 100) / 100, lim };
}
