import type { CommandCreateRequest } from '@plantwatch/contracts';

/** What a device's `meta.cmds[name]` may say about a command (others' fields are ignored). */
interface CommandSpec {
  readonly min?: unknown;
  readonly max?: unknown;
  readonly targets?: unknown;
  readonly maxRampPerMin?: unknown;
  /** The simulator's form: `{default, max}` [°C/min]. */
  readonly rampPerMin?: unknown;
  readonly length?: unknown;
}

/** Built-in sanity limits for kiln setpoints (domain.md §2.1.2: nothing fires above 1,800 °C). */
const BUILT_IN: Readonly<Record<string, { min: number; max: number }>> = {
  'set-zone-sp': { min: 0, max: 1_800 },
  'set-curve': { min: 0, max: 1_800 },
};

/**
 * Why the api refuses to send a command, or undefined to send it. The device validates again
 * (and answers `rejected` with a code); this check gives the operator an immediate answer from
 * the limits the device published in its retained `meta.cmds`.
 */
export function commandProblem(request: CommandCreateRequest, cmds: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const spec = cmds === undefined ? undefined : (cmds[request.name] as CommandSpec | undefined);
  if (cmds !== undefined && spec === undefined) return `the device does not accept ${request.name} (its meta lists ${Object.keys(cmds).join(', ') || 'no commands'})`;
  const builtIn = BUILT_IN[request.name];
  const min = typeof spec?.min === 'number' ? spec.min : builtIn?.min;
  const max = typeof spec?.max === 'number' ? spec.max : builtIn?.max;
  const values = Array.isArray(request.value) ? request.value : typeof request.value === 'number' ? [request.value] : [];
  for (const value of values) {
    if (min !== undefined && value < min) return `value ${value} is below the limit ${min}`;
    if (max !== undefined && value > max) return `value ${value} is above the limit ${max}`;
  }
  if (typeof spec?.length === 'number' && Array.isArray(request.value) && request.value.length !== spec.length) return `value needs ${spec.length} entries`;
  if (Array.isArray(spec?.targets) && request.target !== undefined && !spec.targets.includes(request.target)) return `unknown target ${request.target}`;
  const maxRamp = typeof spec?.maxRampPerMin === 'number' ? spec.maxRampPerMin : (spec?.rampPerMin as { max?: unknown } | undefined)?.max;
  if (typeof maxRamp === 'number' && request.rampPerMin !== undefined && request.rampPerMin > maxRamp) return `ramp ${request.rampPerMin}/min is above the limit ${maxRamp}`;
  return undefined;
}
