import { currentLang } from './i18n.js';

/** A value's age as people read it: 3 s, 2 min, 1 h. */
export function formatAge(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const s = Math.max(0, Math.round(ms / 1000));
  const zh = currentLang() === 'zh';
  if (s < 60) return zh ? `${s}秒` : `${s} s`;
  if (s < 3_600) return zh ? `${Math.round(s / 60)}分` : `${Math.round(s / 60)} min`;
  if (s < 86_400) return zh ? `${(s / 3_600).toFixed(1)}时` : `${(s / 3_600).toFixed(1)} h`;
  return zh ? `${(s / 86_400).toFixed(1)}天` : `${(s / 86_400).toFixed(1)} d`;
}

/** A number with sensible digits, or — when missing. */
export function num(value: unknown, digits = 0): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
  return value.toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Local clock time hh:mm:ss (plant time is the browser's). */
export function clock(ts: number): string {
  return new Date(ts).toLocaleTimeString(currentLang() === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
}

/** Values older than this look stale unless the server already says so [ms]. */
export const STALE_AFTER_MS = 30_000;
