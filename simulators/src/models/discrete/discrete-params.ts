import { parseDeviceKey, type DevicePath } from '@plantwatch/contracts';
import type { PlantDevice } from '@plantwatch/domain';
import type { DeviceContext } from '../device-factory.js';

/** Per-device knobs of the discrete models (domain.md §5: make assumptions configurable). */
export type DiscreteParams = Readonly<Record<string, string | number | boolean>>;

/** A plant device that may carry its own params (tests; a plant model that grows `params`). */
export type ParamDevice = PlantDevice & { readonly params?: DiscreteParams };

/**
 * The device's params: the scenario's (`DeviceContext.deviceParams`) over any the device carries
 * itself; models fall back to their key-slug conventions and defaults for the rest.
 */
export function paramsOf(device: PlantDevice, context?: Pick<DeviceContext, 'deviceParams'>): DiscreteParams {
  const own = (device as ParamDevice).params;
  const scenario = context?.deviceParams?.(device.key);
  return { ...(own !== undefined && typeof own === 'object' ? own : {}), ...scenario };
}

/**
 * A kind for a device when neither params nor slugs name one: spread by a hash of the key over
 * `shares` (e.g. 50 % compressors), so an unlabelled fleet still has the §4.2 variety.
 */
export function kindByHash<T extends string>(key: string, shares: readonly (readonly [T, number])[], hash: (s: string) => number): T {
  const total = shares.reduce((sum, [, w]) => sum + w, 0);
  let pick = (hash(key) % 10_000) / 10_000 * total;
  for (const [kind, weight] of shares) if ((pick -= weight) < 0) return kind;
  return shares[shares.length - 1]?.[0] as T;
}

/** A numeric param, or `fallback` when absent or not a finite number. */
export function num(params: DiscreteParams, key: string, fallback: number): number {
  const value = params[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/**
 * A device's own MTBF [h]: param `mtbfH` (≤ 0 turns its random failures off, e.g. when the
 * scenario injects them instead), doubled with `digitalised: true` (§4.2 H7: failure rate −50 %).
 */
export function mtbfOf(params: DiscreteParams, fallbackH: number): number {
  return num(params, 'mtbfH', fallbackH) * (flag(params, 'digitalised', false) ? 2 : 1);
}

/** A boolean param, or `fallback`. */
export function flag(params: DiscreteParams, key: string, fallback: boolean): boolean {
  const value = params[key];
  return typeof value === 'boolean' ? value : fallback;
}

/** A string param when it is one of `allowed` (or an alias of one), else `fallback`. */
export function oneOf<T extends string>(params: DiscreteParams, key: string, allowed: readonly T[], fallback: T, aliases: Readonly<Record<string, T>> = {}): T {
  const raw = params[key];
  const value = typeof raw === 'string' ? (aliases[raw] ?? raw) : undefined;
  return value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Fault options are strings or numbers (CLI/YAML timeline); a number option or `fallback`. */
export function optNum(options: Readonly<Record<string, number | string>> | undefined, key: string, fallback: number): number {
  const raw = options?.[key];
  const value = typeof raw === 'string' ? Number(raw) : raw;
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

/** A string fault option restricted to `allowed`, or `fallback`. */
export function optOneOf<T extends string>(options: Readonly<Record<string, number | string>> | undefined, key: string, allowed: readonly T[], fallback: T): T {
  const raw = options?.[key];
  return typeof raw === 'string' && (allowed as readonly string[]).includes(raw) ? (raw as T) : fallback;
}

/** The device path of a plant device. */
export function pathOf(device: PlantDevice): DevicePath {
  return parseDeviceKey(device.key);
}

/**
 * The first of `kinds` whose slug patterns match the device's cell or device slug (e.g. a
 * foundry unit in cell `moulding` or named `if-03`), else `fallback`. Patterns are matched as
 * substrings, in order.
 */
export function kindFromSlugs<T extends string>(path: DevicePath, patterns: readonly (readonly [T, readonly string[]])[], fallback: T): T {
  const slugs = `${path.cell}/${path.device}`;
  for (const [kind, needles] of patterns) if (needles.some((n) => slugs.includes(n))) return kind;
  return fallback;
}

/** Key of the model shared by every station of one line (domain.md §4.4: 12 stations pass parts along). */
export function lineKeyOf(path: DevicePath): string {
  return `discrete/line/${path.enterprise}/${path.site}/${path.area}/${path.line}`;
}

/**
 * Key of a casting supply (§2.5.7 LINE_STOP starves machining downstream): `feeder` is a moulding
 * line's device slug (`ml-03`) or line slug (`mould-l3`; shared by every moulding line under it).
 */
export function castingSupplyKey(path: Pick<DevicePath, 'enterprise' | 'site'>, feeder: string): string {
  return `discrete/castings/${path.enterprise}/${path.site}/${feeder}`;
}

/** A stagger [ms] in [0, period) from the device key, so thousands of devices do not publish together. */
export function staggerMs(hash: number, periodMs: number): number {
  return hash % periodMs;
}
