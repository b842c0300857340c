// UTC calendar days as "YYYY-MM-DD" strings: identical in SQLite and PostgreSQL,
// sortable as text, and free of timezone surprises.
import { setting } from "@/lib/config";

const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

export function dayOf(date: Date | number): string {
  return new Date(date).toISOString().slice(0, 10);
}

export function todayUtc(now: Date = new Date()): string {
  return dayOf(now);
}

export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The instant a day ends (midnight of the next day, UTC). */
export function dayEnd(day: string): Date {
  return new Date(dayStart(day).getTime() + DAY_MS);
}

export function addDays(day: string, n: number): string {
  return dayOf(dayStart(day).getTime() + n * DAY_MS);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((dayStart(to).getTime() - dayStart(from).getTime()) / DAY_MS);
}

/** Every day from `from` to `to`, both included. */
export function dayRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** A real calendar day "YYYY-MM-DD"; false (never a throw) for "2026-13-45" and the like. */
export function isValidDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const start = dayStart(day);
  return !Number.isNaN(start.getTime()) && dayOf(start) === day;
}

export interface DayBounds {
  /** First accepted day (inclusive). */
  min: string;
  /** Last accepted day (inclusive). */
  max: string;
}

/**
 * The days data may carry. Detection builds a gap-free grid from a series' first to its
 * last day, so one row dated 0001 or 9999 would cost millions of grid days: every input
 * path checks against these bounds (BANDWATCH_MIN_DATA_DAY, BANDWATCH_MAX_FUTURE_DAYS).
 */
export function dataDayBounds(now: Date = new Date()): DayBounds {
  return { min: setting("BANDWATCH_MIN_DATA_DAY"), max: addDays(todayUtc(now), setting("BANDWATCH_MAX_FUTURE_DAYS")) };
}

/** Why a day is not accepted as data (null when it is): not a date, or outside the bounds. */
export function dataDayProblem(day: string, now: Date = new Date()): string | null {
  if (!isValidDay(day)) return "is not a real calendar date";
  const { min, max } = dataDayBounds(now);
  if (day < min || day > max) return `must be a day between ${min} and ${max}`;
  return null;
}

/** Same check for an instant (epoch ms); its UTC day must be within the bounds. */
export function dataInstantProblem(ms: number, now: Date = new Date()): string | null {
  if (!Number.isFinite(ms)) return "is not a valid time";
  const { min, max } = dataDayBounds(now);
  // Compared as instants: years past 9999 do not format as "YYYY-MM-DD".
  if (ms < dayStart(min).getTime() || ms >= dayEnd(max).getTime()) return `must be within ${min} and ${max} (UTC)`;
  return null;
}

export function startOfHour(date: Date | number): Date {
  const t = new Date(date).getTime();
  return new Date(t - (t % HOUR_MS));
}
