// UTC calendar days as "YYYY-MM-DD" strings: identical in SQLite and PostgreSQL,
// sortable as text, and free of timezone surprises.
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

export function isValidDay(day: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && dayOf(dayStart(day)) === day;
}

export function startOfHour(date: Date | number): Date {
  const t = new Date(date).getTime();
  return new Date(t - (t % HOUR_MS));
}
