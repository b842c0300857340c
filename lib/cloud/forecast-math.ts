// Issue 13: the month-end forecast's arithmetic, pure so it can be unit-tested: the engine's
// own expectation for each day still to come (weekly pattern and level, lib/detection), plus
// the monthly charges that recur on the same day of the month, summed with a band that adds
// the days' uncertainties as independent noise (like the provider band in hierarchy.ts).
import { detectSeries } from "@/lib/detection";
import { addDays, dayStart } from "@/lib/time";

/** A charge counts as recurring when it appeared on that day of the month in this many of the last months... */
export const RECURRING_MONTHS = 3;
export const RECURRING_MIN_MONTHS = 2;

export interface DailyTotals {
  days: string[];
  /** Per day, the provider's spend (null: no data that day). */
  total: (number | null)[];
}

export interface ForecastFigures {
  spentToDate: number;
  forecastTotal: number;
  lower: number;
  upper: number;
  recurringToCome: number;
  lastMonthTotal: number;
}

const sumOf = (values: number[]) => values.reduce((s, v) => s + v, 0);

/** The first day of `day`'s month and the last. */
export function monthBounds(day: string): { first: string; last: string } {
  const first = `${day.slice(0, 7)}-01`;
  const next = dayStart(first);
  next.setUTCMonth(next.getUTCMonth() + 1);
  return { first, last: addDays(next.toISOString().slice(0, 10), -1) };
}

function shiftMonths(day: string, months: number): string | null {
  const d = dayStart(day);
  const dom = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const candidate = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), dom));
  // The 31st has no counterpart in a 30-day month: no evidence either way.
  return candidate.getUTCDate() === dom ? candidate.toISOString().slice(0, 10) : null;
}

/**
 * The charge expected on `day` beyond its weekly pattern: on each of the last months' same
 * day, the spend above the mean of the same weekday a week before and after; recurring when
 * at least RECURRING_MIN_MONTHS months show it above `floor`, then the smallest of them
 * (a charge that grew is not assumed to grow again).
 */
export function recurringChargeOn(day: string, valueOf: (day: string) => number | null, floor: number): number {
  const excesses: number[] = [];
  for (let m = 1; m <= RECURRING_MONTHS; m++) {
    const past = shiftMonths(day, -m);
    if (!past) continue;
    const x = valueOf(past);
    const before = valueOf(addDays(past, -7));
    const after = valueOf(addDays(past, 7));
    if (x === null || before === null || after === null) continue;
    const excess = x - (before + after) / 2;
    if (excess > floor) excesses.push(excess);
  }
  return excesses.length >= RECURRING_MIN_MONTHS ? Math.min(...excesses) : 0;
}

/** The engine's expectation for each day in `future` (appended as gaps after the history). */
function engineExpectations(series: DailyTotals, future: string[], floor: number) {
  const days = [...series.days, ...future];
  const values = [...series.total, ...future.map(() => null)];
  const verdicts = detectSeries(days.map((d) => dayStart(d).getTime()), values, { kind: "amount", direction: "up", seasonalPeriods: [7], minAbsoluteDelta: floor });
  const recent = series.total.filter((v): v is number => v !== null).slice(-7);
  // Too little history for a model: the last week's mean, with its spread as the band.
  const fallback = recent.length ? sumOf(recent) / recent.length : 0;
  const spread = recent.length ? Math.max(...recent) - Math.min(...recent) : 0;
  return future.map((_, i) => {
    const v = verdicts[series.days.length + i];
    const expected = Math.max(0, v?.expected ?? fallback);
    return { expected, below: Math.max(0, expected - Math.max(0, v?.lower ?? expected - spread)), above: Math.max(0, (v?.upper ?? expected + spread) - expected) };
  });
}

/**
 * The month of `today`: what was spent up to the last day with data, and what the rest of
 * the month (every day after it, to the month's end) should add.
 */
export function forecastMonth(series: DailyTotals, today: string, floor: number): ForecastFigures {
  const { first, last } = monthBounds(today);
  const valueByDay = new Map(series.days.map((d, i) => [d, series.total[i]]));
  const valueOf = (day: string) => valueByDay.get(day) ?? null;
  const upToToday = series.days.filter((d, i) => d <= today && series.total[i] !== null);
  const lastData = upToToday.length ? upToToday[upToToday.length - 1] : null;
  const spentDays = upToToday.filter((d) => d >= first);
  const spentToDate = sumOf(spentDays.map((d) => valueOf(d) ?? 0));
  const historyEnd = lastData && lastData >= addDays(first, -1) ? lastData : addDays(first, -1);
  const future: string[] = [];
  for (let d = addDays(historyEnd, 1); d <= last; d = addDays(d, 1)) future.push(d);
  const known = series.days.findIndex((d) => d > historyEnd);
  const history: DailyTotals = known < 0 ? series : { days: series.days.slice(0, known), total: series.total.slice(0, known) };
  const expectations = engineExpectations(history, future, floor);
  const recurring = future.map((d) => recurringChargeOn(d, valueOf, floor));
  const expectedRest = sumOf(expectations.map((e) => e.expected)) + sumOf(recurring);
  const forecastTotal = spentToDate + expectedRest;
  const below = Math.sqrt(sumOf(expectations.map((e) => e.below ** 2)));
  const above = Math.sqrt(sumOf(expectations.map((e) => e.above ** 2)));
  const previous = monthBounds(addDays(first, -1));
  const lastMonthTotal = sumOf(series.days.filter((d) => d >= previous.first && d <= previous.last).map((d) => valueOf(d) ?? 0));
  return { spentToDate, forecastTotal, lower: Math.max(spentToDate, forecastTotal - below), upper: forecastTotal + above, recurringToCome: sumOf(recurring), lastMonthTotal };
}
