/**
 * Plant time (domain.md conventions): Asia/Shanghai, UTC+8 without daylight saving; three 8-h
 * shifts changing at 00:00, 08:00 and 16:00 local (§4: shared shift calendar).
 */
export const LOCAL_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** Local hour of day [0, 24). */
export function localHour(nowMs: number): number {
  const ms = (((nowMs + LOCAL_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return ms / 3_600_000;
}

/** Local day number since the epoch (changes at local midnight). */
export function localDay(nowMs: number): number {
  return Math.floor((nowMs + LOCAL_OFFSET_MS) / DAY_MS);
}

/** Day of week, 0 = Sunday, in local time. */
export function localWeekday(nowMs: number): number {
  return (localDay(nowMs) + 4) % 7; // 1970-01-01 was a Thursday
}

/** Load shape of a standalone meter: share of its rated load by shift [E]. */
export interface ShiftProfile {
  /** Night (00–08), day (08–16), evening (16–24) shares. */
  readonly shifts: readonly [number, number, number];
  /** Dip at each changeover [min] and its depth (share of the shift load). */
  readonly changeoverMin: number;
  readonly changeoverShare: number;
  /** Sunday share (maintenance day of a continuous plant). */
  readonly sundayShare: number;
}

/** Continuous-process plant: lower at night, a short dip as crews hand over [E]. */
export const DEFAULT_SHIFT_PROFILE: ShiftProfile = { shifts: [0.72, 1, 0.9], changeoverMin: 20, changeoverShare: 0.8, sundayShare: 0.85 };

/** Share of rated load at `nowMs` under `profile`, in (0, 1]. */
export function shiftLoad(nowMs: number, profile: ShiftProfile = DEFAULT_SHIFT_PROFILE): number {
  const hour = localHour(nowMs);
  const shift = Math.min(2, Math.floor(hour / 8));
  const intoShiftMin = (hour - shift * 8) * 60;
  let share = profile.shifts[shift] ?? 1;
  if (intoShiftMin < profile.changeoverMin) share *= profile.changeoverShare;
  if (localWeekday(nowMs) === 0) share *= profile.sundayShare;
  return share;
}
