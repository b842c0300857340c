import { TIME } from "./interval";

/**
 * Months back at which the same distance from the month end is compared. 2 was added in
 * business round 8: after a quarter-end, the month before holds the quarter's batch, not
 * the month's, so a month-end batch first recurs visibly two months back.
 */
export const FROM_END_MONTHS = [1, 2, 3];

/**
 * How far back (days) calendarLagSlots reaches: three months back, the same day or the same
 * distance from the end, is at most the length of three consecutive months (92 days: no three
 * consecutive months have 31 days). The resumable detector keeps this much recurrence memory.
 */
export const CALENDAR_LOOKBACK_DAYS = 92;

function daysInMonthUtc(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * Grid slots of the same calendar moment in the previous months: same day of month
 * (1, 2 and 3 months back) and, near a month end, the same distance from the end
 * (1, 2 and 3 months back). These are where monthly invoices, quarter-end runs and
 * month-end batch jobs recur; weekly and daily cycles are handled by the baseline.
 */
export function calendarLagSlots(t: number, t0: number, intervalMs: number): number[] {
  if (!(intervalMs > 0) || intervalMs > 1.05 * TIME.DAY) return [];
  const d = new Date(t);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const dom = d.getUTCDate();
  const timeOfDay = t - Date.UTC(y, m, dom);
  const out: number[] = [];
  const push = (ms: number) => {
    const s = Math.round((ms - t0) / intervalMs);
    if (s >= 0 && !out.includes(s)) out.push(s);
  };
  for (const back of [1, 2, 3]) {
    const target = new Date(Date.UTC(y, m - back, 1));
    const ty = target.getUTCFullYear();
    const tm = target.getUTCMonth();
    if (dom <= daysInMonthUtc(ty, tm)) push(Date.UTC(ty, tm, dom) + timeOfDay);
  }
  const fromEnd = daysInMonthUtc(y, m) - dom;
  if (fromEnd < 7) {
    for (const back of FROM_END_MONTHS) {
      const target = new Date(Date.UTC(y, m - back, 1));
      const ty = target.getUTCFullYear();
      const tm = target.getUTCMonth();
      push(Date.UTC(ty, tm, daysInMonthUtc(ty, tm) - fromEnd) + timeOfDay);
    }
  }
  return out;
}
