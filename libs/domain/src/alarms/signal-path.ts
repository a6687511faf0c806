/**
 * Reading rule inputs out of a payload's `v` (domain.md §3.3): a field path such as `gas`,
 * `t.17` or `t.*`. A `*` path expands to one element per array entry, each its own alarm
 * (ISA-18.2: one alarm per measured point), keyed by its index.
 */

/** One addressed value: `key` is '' for a scalar path, the element index for `*`. */
export interface Element {
  readonly key: string;
  readonly index: number;
  readonly value: unknown;
}

function step(value: unknown, part: string): unknown {
  if (value === null || value === undefined || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) return /^\d+$/.test(part) ? value[Number(part)] : undefined;
  return (value as Record<string, unknown>)[part];
}

/** The value at a path without `*` (undefined when absent). */
export function valueAt(v: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = v;
  for (const part of path.split('.')) value = step(value, part);
  return value;
}

/** The elements a path addresses: one for a plain path (when present), one per entry for `a.*`. */
export function elementsAt(v: Readonly<Record<string, unknown>>, path: string): Element[] {
  const star = path.indexOf('.*');
  if (star < 0) {
    const value = valueAt(v, path);
    return value === undefined ? [] : [{ key: '', index: -1, value }];
  }
  const array = valueAt(v, path.slice(0, star));
  if (!Array.isArray(array)) return [];
  return array.map((value: unknown, index) => ({ key: String(index), index, value }));
}

/** A finite number, or undefined (null, missing, bad). */
export function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Linear interpolation over ascending knots, held flat outside them. */
export function interpolateCurve(curve: { readonly x: readonly number[]; readonly y: readonly number[] }, x: number): number {
  const { x: xs, y: ys } = curve;
  const last = xs.length - 1;
  if (x <= (xs[0] ?? 0)) return ys[0] ?? 0;
  if (x >= (xs[last] ?? 0)) return ys[last] ?? 0;
  let i = 1;
  while (i < last && (xs[i] ?? 0) < x) i++;
  const x0 = xs[i - 1] ?? 0;
  const x1 = xs[i] ?? 0;
  const y0 = ys[i - 1] ?? 0;
  const y1 = ys[i] ?? 0;
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}
