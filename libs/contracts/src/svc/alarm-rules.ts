import { z } from 'zod';
import { alarmCode, alarmPriority, ALARM_SEVERITIES } from '../payload/alarm.schemas.js';
import { plainText } from '../payload/common.schemas.js';

/**
 * Alarm rule files (one per device type): a rule is a small config that one evaluate function
 * of the alarm engine reads (STYLE.md §9, after ThingsBoard's rule-engine split). Rule types
 * follow ANSI/ISA-18.2 and EEMUA 191 ("Alarm Systems — A Guide to Design, Management and
 * Procurement"): limits with deadband and on-/off-delays, rate of change, deviation, discrete
 * state, no-data, neighbour disagreement, composite.
 */
export const RULE_TYPES = ['limit', 'rate', 'deviation', 'discrete', 'stale', 'drift', 'composite', 'clock-skew'] as const;
export type RuleType = (typeof RULE_TYPES)[number];

export const ruleId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'rule ids are slugs [a-z0-9-], ≤ 40 characters');
/** `telemetry[/sub]`, `state` or `event`. */
export const seriesName = z.string().regex(/^(?:telemetry(?:\/[a-z0-9-]{1,32}){0,2}|state|event)$/, 'series is telemetry[/sub], state or event');
/** A value path in `v`: `gas`, `t.17`, `t.*` (each element is its own alarm), `rpm.0`. */
export const fieldPath = z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,31}(?:\.(?:\d{1,3}|\*|[A-Za-z][A-Za-z0-9]{0,31})){0,3}$/, 'field paths look like gas, t.17 or t.*');
const discreteValue = z.union([z.number(), z.boolean(), z.string().max(64), z.null()]);
const modes = z.array(z.string().max(32)).max(16);
const seconds = z.number().min(0).max(7 * 86_400);
/** Interpolation knots: `x` ascending. */
const curve = z.strictObject({ x: z.array(z.number()).min(2).max(64), y: z.array(z.number()).min(2).max(64) }).refine((c) => c.x.length === c.y.length && c.x.every((v, i) => i === 0 || v > (c.x[i - 1] ?? v)), 'curve needs ascending x and as many y');

const common = {
  id: ruleId,
  code: alarmCode,
  sev: z.enum(ALARM_SEVERITIES),
  prio: alarmPriority.optional(),
  msg: plainText(200),
  msgZh: plainText(100).optional(),
  /** ISA-18.2 on-delay: the condition must hold this long before the alarm is raised. */
  onDelayS: seconds.optional(),
  /** ISA-18.2 off-delay: the condition must be gone this long before the alarm clears. */
  offDelayS: seconds.optional(),
  /** Stays active after the condition clears until an operator resets it. */
  latched: z.boolean().optional(),
  enabled: z.boolean().optional(),
  /** false: a helper condition for composite rules, never annunciated. */
  annunciate: z.boolean().optional(),
  /** Suppressed by design while the device is in one of these modes (cool-down, maintenance …). */
  suppressInModes: modes.optional(),
  /** Suppressed by design unless the device is in one of these modes (a furnace not casting). */
  onlyInModes: modes.optional(),
  /**
   * Suppression by design holds until the condition returns to normal, even when the mode changes
   * first: a burner tripped by the kiln interlock stays suppressed through its purge and relight
   * (a burner that never relights shows as its own lockout alarm). Default false.
   */
  suppressUntilNormal: z.boolean().optional(),
  /** Root cause: while active, it suppresses the other alarms of its device or of the devices behind it (a 5G gateway). */
  suppresses: z.enum(['device', 'south-devices']).optional(),
};
const signal = { series: seriesName, field: fieldPath };

export const limitRule = z.strictObject({
  ...common,
  ...signal,
  type: z.literal('limit'),
  kind: z.enum(['hi', 'hihi', 'lo', 'lolo']),
  limit: z.number(),
  /** Hysteresis: a high alarm clears only below `limit − deadband` (a low one above `limit + deadband`). */
  deadband: z.number().min(0).optional(),
  /** `alarm`: a null value or bad quality counts as the alarm (thermocouple burnout). */
  badValue: z.enum(['alarm', 'ignore']).optional(),
});
export const rateRule = z.strictObject({
  ...common,
  ...signal,
  type: z.literal('rate'),
  maxRisePerMin: z.number().positive().optional(),
  maxFallPerMin: z.number().positive().optional(),
  windowS: z.number().positive().max(86_400).optional(),
  deadband: z.number().min(0).optional(),
});
export const deviationRule = z.strictObject({
  ...common,
  ...signal,
  type: z.literal('deviation'),
  /** A moving setpoint in the same message (`sp`, or `sp` element `of[i]` for element i), or a firing curve over `positions`. */
  setpoint: z.union([
    z.strictObject({ field: fieldPath, of: z.array(z.tuple([z.int().min(0), z.int().min(0)])).max(256).optional() }),
    z.strictObject({ curve, positions: z.array(z.number()).min(1).max(256) }),
  ]),
  hi: z.number().positive().optional(),
  lo: z.number().positive().optional(),
  deadband: z.number().min(0).optional(),
});
export const discreteRule = z.strictObject({
  ...common,
  ...signal,
  type: z.literal('discrete'),
  alarmWhen: z.array(discreteValue).min(1).max(16),
  /** Values that clear it; without them any other value does (on `event`, the alarm is a pulse unless latched). */
  clearWhen: z.array(discreteValue).max(16).optional(),
});
export const staleRule = z.strictObject({
  ...common,
  type: z.literal('stale'),
  /** Which series must keep arriving; any message of the device when absent. */
  series: seriesName.optional(),
  graceS: z.number().positive().max(86_400),
  /** A retained `state {online:false}` (Last Will, gateway comm_loss) counts as silence at once. Default true. */
  offlineIsStale: z.boolean().optional(),
});
export const driftRule = z.strictObject({
  ...common,
  ...signal,
  type: z.literal('drift'),
  /** Largest |own deviation − mean of neighbours' deviations|, e.g. 15–20 °C for thermocouples (domain.md §2.1.9). */
  maxResidual: z.number().positive(),
  /** Expected profile the deviations are taken from (otherwise the raw values). */
  curve: curve.optional(),
  positions: z.array(z.number()).max(256).optional(),
  /** EMA weight of each new residual (0–1]; drift is slow, noise is not. */
  smoothing: z.number().gt(0).max(1).optional(),
  /** Neighbours whose own deviation exceeds this are not trusted (open circuit, faults). */
  plausibleDev: z.number().positive().optional(),
  deadband: z.number().min(0).optional(),
});
export const compositeRule = z.strictObject({
  ...common,
  type: z.literal('composite'),
  op: z.enum(['all', 'any', 'k-of-n']),
  k: z.int().min(1).optional(),
  of: z.array(ruleId).min(1).max(16),
});

export const clockSkewRule = z.strictObject({
  ...common,
  type: z.literal('clock-skew'),
  /** Which series is checked; any live (not replayed) message of the device when absent. */
  series: seriesName.optional(),
  /** Largest accepted |source ts − arrival time| [s]. */
  maxSkewS: z.number().positive().max(86_400),
  /** Consecutive live messages beyond the limit before the condition holds (default 3): one late packet never decides. */
  minMessages: z.int().min(1).max(1_000).optional(),
  /** Hysteresis [s]: once active, clears only when |skew| < maxSkewS − deadband. */
  deadband: z.number().min(0).optional(),
});

export const alarmRule = z.discriminatedUnion('type', [limitRule, rateRule, deviationRule, discreteRule, staleRule, driftRule, compositeRule, clockSkewRule]);

/** One rule file: the rules of one device type. */
export const alarmRuleFile = z
  .strictObject({
    deviceType: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/),
    /** Where the device's operating mode is read. Default `state` field `mode`. */
    mode: z.strictObject({ series: seriesName, field: fieldPath }).optional(),
    rules: z.array(alarmRule).max(200),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    for (const [i, rule] of file.rules.entries()) {
      if (ids.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id ${rule.id}` });
      ids.add(rule.id);
    }
    for (const [i, rule] of file.rules.entries()) {
      if (rule.type !== 'composite') continue;
      for (const ref of rule.of) if (!ids.has(ref) || ref === rule.id) ctx.addIssue({ code: 'custom', path: ['rules', i, 'of'], message: `unknown rule ${ref}` });
    }
  });

export type AlarmRule = z.infer<typeof alarmRule>;
export type AlarmRuleFile = z.infer<typeof alarmRuleFile>;
export type LimitRule = z.infer<typeof limitRule>;
export type RateRule = z.infer<typeof rateRule>;
export type DeviationRule = z.infer<typeof deviationRule>;
export type DiscreteRule = z.infer<typeof discreteRule>;
export type StaleRule = z.infer<typeof staleRule>;
export type DriftRule = z.infer<typeof driftRule>;
export type CompositeRule = z.infer<typeof compositeRule>;
export type ClockSkewRule = z.infer<typeof clockSkewRule>;
