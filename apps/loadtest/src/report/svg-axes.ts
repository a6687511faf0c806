/**
 * Scales, ticks and number formatting for the report's SVG charts. Everything here returns
 * finite numbers for any input (empty, zero, one point, NaN), so no chart ever prints `NaN`.
 */

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** A number as an SVG coordinate: finite, one decimal. */
export function coord(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 10) / 10) : '0';
}

/** Short human form for tick labels and tables: `0.5`, `12`, `1.5k`, `2M`. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  const trim = (n: number, digits: number): string => String(Number(n.toFixed(digits)));
  if (abs >= 1e6) return `${trim(value / 1e6, 1)}M`;
  if (abs >= 1e4) return `${trim(value / 1e3, 0)}k`;
  if (abs >= 1e3) return `${trim(value / 1e3, 1)}k`;
  if (abs >= 10) return trim(value, 0);
  if (abs >= 1) return trim(value, 1);
  return trim(value, 2);
}

/** A value → pixel mapping with its tick values. */
export interface Scale {
  readonly map: (value: number) => number;
  readonly ticks: readonly number[];
  readonly log: boolean;
}

const finite = (values: readonly number[]): number[] => values.filter((v) => Number.isFinite(v));

/** 1, 2 or 5 × 10^k, at least `raw`. */
function niceStep(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / magnitude;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * magnitude;
}

/**
 * Linear scale from 0 (or the smallest value, when negative) to a rounded-up maximum, onto
 * pixels `[from, to]` (`to` may be smaller, as for a y axis). All-zero or empty data gets `[0, 1]`.
 */
export function linearScale(values: readonly number[], from: number, to: number, targetTicks = 6): Scale {
  const data = finite(values);
  const low = Math.min(0, ...data);
  let high = Math.max(0, ...data);
  if (high <= low) high = low + 1;
  const step = niceStep((high - low) / targetTicks);
  const top = Math.ceil(high / step) * step;
  const bottom = Math.floor(low / step) * step;
  const ticks: number[] = [];
  for (let t = bottom; t <= top + step / 2; t += step) ticks.push(Number(t.toPrecision(12)));
  return { map: (v) => from + ((clampFinite(v, bottom) - bottom) / (top - bottom)) * (to - from), ticks, log: false };
}

/**
 * Log10 scale over whole decades around the positive values (at least one decade), onto pixels
 * `[from, to]`. Values ≤ 0 sit on the bottom edge. Ticks at 1, 2 and 5 × 10^k.
 */
export function logScale(values: readonly number[], from: number, to: number, floor = 0.1): Scale {
  const positive = finite(values).filter((v) => v > 0);
  const lowDecade = positive.length === 0 ? 0 : Math.floor(Math.log10(Math.max(floor, Math.min(...positive))));
  let highDecade = positive.length === 0 ? 1 : Math.ceil(Math.log10(Math.max(...positive)));
  if (highDecade <= lowDecade) highDecade = lowDecade + 1;
  const ticks: number[] = [];
  for (let d = lowDecade; d <= highDecade; d++) for (const m of [1, 2, 5]) if (d < highDecade || m === 1) ticks.push(Number((m * 10 ** d).toPrecision(12)));
  const lo = 10 ** lowDecade;
  const map = (v: number): number => {
    const clamped = Math.max(lo, clampFinite(v, lo));
    return from + ((Math.log10(clamped) - lowDecade) / (highDecade - lowDecade)) * (to - from);
  };
  return { map, ticks, log: true };
}

function clampFinite(value: number, fallback: number): number {
  return Number.isFinite(value) ? value : fallback;
}

/** Colour-blind-friendly palette (Okabe–Ito), cycled. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;

export function colourAt(index: number): string {
  return PALETTE[index % PALETTE.length] ?? PALETTE[0];
}
