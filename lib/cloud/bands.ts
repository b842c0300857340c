// Stored bands (issue 12): the cloud job keeps, per watched series and day, what the anomaly
// detail and the charts show (the provider total's actual, expected, lower and upper, and each
// service's figure on breakdown days), so that the detail is a read instead of a detection run.
import { db } from "@/lib/db/client";
import { addDays, todayUtc } from "@/lib/time";
import type { ServiceDaily } from "./series";
import { serviceFiguresOn, type DayServiceFigure, type Evaluation } from "./evaluation";

/**
 * Days of bands kept per series, counted back from the run's today: a year of charts plus
 * the detail's month before an anomaly; older anomalies fall back to computing (bounded table).
 */
export const BAND_DAYS = 400;

/** The provider total's rows carry this as their service. */
export const TOTAL_SERVICE = "";

export interface BandRow {
  day: string;
  service: string;
  actual: number | null;
  expected: number | null;
  lower: number | null;
  upper: number | null;
  breakdown: boolean;
}

/** One day of the detail's chart, unrounded. */
export type BandDay = Omit<BandRow, "service" | "breakdown">;

export interface SeriesRef {
  orgId: string;
  providerId: number;
  seriesKey: string;
}

/** First day a run at `now` stores. */
export function bandsFromDay(now: Date): string {
  return addDays(todayUtc(now), -BAND_DAYS);
}

/**
 * The rows a series' evaluation yields from `fromDay` on: every day's total band, and on
 * breakdown days (out of band, or the day of an anomaly) every service's figure as the
 * detail shows it (serviceFiguresOn: expected 0 for a service without history).
 */
export function bandRowsFor(series: ServiceDaily, evaluation: Evaluation, fromDay: string, anomalyDays: ReadonlySet<string>): BandRow[] {
  const rows: BandRow[] = [];
  series.days.forEach((day, i) => {
    if (day < fromDay) return;
    const v = evaluation.total[i];
    const breakdown = v.outOfBand || anomalyDays.has(day);
    rows.push({ day, service: TOTAL_SERVICE, actual: series.total[i], expected: v.expected, lower: v.lower, upper: v.upper, breakdown });
    if (!breakdown) return;
    for (const f of serviceFiguresOn(series, evaluation, i)) {
      rows.push({ day, service: f.service, actual: f.amount, expected: f.expected, lower: null, upper: null, breakdown: false });
    }
  });
  return rows;
}

const rowKey = (r: Pick<BandRow, "day" | "service">) => `${r.day}\u0000${r.service}`;

/**
 * Equal as stored: a float comes back from the database with 15 significant digits (the driver
 * adapters), so an unchanged day compared exactly would be rewritten on every run.
 */
function sameFigure(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));
}

function sameRow(a: BandRow, b: BandRow): boolean {
  return sameFigure(a.actual, b.actual) && sameFigure(a.expected, b.expected) && sameFigure(a.lower, b.lower) && sameFigure(a.upper, b.upper) && a.breakdown === b.breakdown;
}

/** Days whose stored rows differ from the wanted ones (a changed, new or vanished row). */
export function dirtyDays(stored: BandRow[], wanted: BandRow[]): Set<string> {
  const before = new Map(stored.map((r) => [rowKey(r), r]));
  const dirty = new Set<string>();
  for (const r of wanted) {
    const old = before.get(rowKey(r));
    if (!old || !sameRow(old, r)) dirty.add(r.day);
    before.delete(rowKey(r));
  }
  for (const r of before.values()) dirty.add(r.day);
  return dirty;
}

/** Rows per statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const WRITE_BATCH = 2000;
const DAY_BATCH = 400;
const BAND_WRITE_TIMEOUT_MS = 60_000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Replaces a series' stored bands by `wanted` with upsert semantics per day: only days whose
 * rows changed are rewritten (a daily run touches a few days, not the year), days that left
 * the window are dropped, and the state records the covered range. One transaction, so a
 * reader sees the old rows or the new ones. `windowFrom` (an incremental run): `wanted`
 * covers only the days from it on; earlier rows stay unless older than `fromDay`.
 */
export async function storeBands(ref: SeriesRef, wanted: BandRow[], fromDay: string, untilDay: string, now: Date, windowFrom?: string): Promise<number> {
  const scope = { orgId: ref.orgId, seriesKey: ref.seriesKey };
  const stored = await db().seriesBand.findMany({
    where: windowFrom ? { ...scope, day: { gte: windowFrom } } : scope,
    select: { day: true, service: true, actual: true, expected: true, lower: true, upper: true, breakdown: true },
  });
  const dirty = dirtyDays(stored, wanted);
  const rewrite = wanted.filter((r) => dirty.has(r.day)).map((r) => ({ ...r, orgId: ref.orgId, providerId: ref.providerId, seriesKey: ref.seriesKey }));
  const state = { fromDay, untilDay, computedAt: now, providerId: ref.providerId };
  // A first run writes a large provider's year: on a busy database that outlives Prisma's
  // default 5 s transaction timeout (seen on PostgreSQL at load 25), so it gets a minute.
  await db().$transaction(
    async (tx) => {
      if (windowFrom) await tx.seriesBand.deleteMany({ where: { ...scope, day: { lt: fromDay } } });
      for (const days of chunks([...dirty], DAY_BATCH)) {
        await tx.seriesBand.deleteMany({ where: { orgId: ref.orgId, seriesKey: ref.seriesKey, day: { in: days } } });
      }
      for (const batch of chunks(rewrite, WRITE_BATCH)) await tx.seriesBand.createMany({ data: batch });
      await tx.seriesBandState.upsert({
        where: { orgId_seriesKey: { orgId: ref.orgId, seriesKey: ref.seriesKey } },
        create: { orgId: ref.orgId, seriesKey: ref.seriesKey, ...state },
        update: state,
      });
    },
    { timeout: BAND_WRITE_TIMEOUT_MS, maxWait: BAND_WRITE_TIMEOUT_MS },
  );
  return rewrite.length;
}

export interface StoredContext {
  days: BandDay[];
  /** Every service's figure on the anomaly's day. */
  figures: DayServiceFigure[];
}

/**
 * The detail's chart days [from, until] and the breakdown of `day`, from stored rows; null
 * when the stored bands do not cover them (detection has not run since the upgrade, or the
 * anomaly is older than BAND_DAYS): the caller then computes them as before.
 */
export async function readStoredContext(orgId: string, seriesKey: string, day: string, from: string, until: string): Promise<StoredContext | null> {
  const state = await db().seriesBandState.findUnique({ where: { orgId_seriesKey: { orgId, seriesKey } }, select: { fromDay: true } });
  if (!state || state.fromDay > from) return null;
  const rows = await db().seriesBand.findMany({
    // The chart needs the totals only; services' rows only on the anomaly's own day (other
    // out-of-band days in the window carry theirs too, which would be read and thrown away).
    where: { orgId, seriesKey, day: { gte: from, lte: until }, OR: [{ service: TOTAL_SERVICE }, { day }] },
    orderBy: [{ day: "asc" }, { service: "asc" }],
    select: { day: true, service: true, actual: true, expected: true, lower: true, upper: true, breakdown: true },
  });
  const days: BandDay[] = [];
  const figures: DayServiceFigure[] = [];
  let breakdownStored = false;
  for (const r of rows) {
    if (r.service === TOTAL_SERVICE) {
      days.push({ day: r.day, actual: r.actual, expected: r.expected, lower: r.lower, upper: r.upper });
      if (r.day === day) breakdownStored = r.breakdown;
    } else if (r.day === day && r.actual !== null) {
      figures.push({ service: r.service, amount: r.actual, expected: r.expected });
    }
  }
  // A day with data whose breakdown was not kept (not expected; never guessed): compute instead.
  if (days.some((d) => d.day === day) && !breakdownStored) return null;
  return { days, figures };
}

/**
 * After a series was judged: stores its bands from BAND_DAYS back (an incremental run: from its
 * window's first day), with the breakdown of every
 * out-of-band day and of every day that carries an anomaly of this series (also withdrawn or
 * dismissed ones, which the detail still shows).
 */
export async function saveSeriesBands(ref: SeriesRef, series: ServiceDaily, evaluation: Evaluation, now: Date, untilDay: string, windowFrom?: string): Promise<number> {
  const fromDay = bandsFromDay(now);
  const firstDay = windowFrom && windowFrom > fromDay ? windowFrom : fromDay;
  const anomalies = await db().anomaly.findMany({
    where: { orgId: ref.orgId, seriesKey: ref.seriesKey, day: { gte: firstDay } },
    select: { day: true },
  });
  const rows = bandRowsFor(series, evaluation, firstDay, new Set(anomalies.map((a) => a.day)));
  try {
    return await storeBands(ref, rows, fromDay, untilDay, now, windowFrom);
  } catch (error) {
    // The anomalies are already synced; bands are derived data. Rather than failing the run,
    // forget this series' bands so its detail is computed as before until the next run.
    console.error(`[bandwatch] storing bands of ${ref.seriesKey} failed; its detail is computed until the next run`, error);
    await db().seriesBandState.deleteMany({ where: { orgId: ref.orgId, seriesKey: ref.seriesKey } });
    return 0;
  }
}
