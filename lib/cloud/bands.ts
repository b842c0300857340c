// Stored bands (issue 12): the cloud job keeps, per watched series and day, what the anomaly
// detail and the charts show (the provider total's actual, expected, lower and upper, and each
// service's figure on breakdown days), so that the detail is a read instead of a detection run.
import { db } from "@/lib/db/client";
import { insertJsonRows, type ColumnSpec, type TableSpec } from "@/lib/db/json-rows";
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

const DAY_BATCH = 400;
const BAND_WRITE_TIMEOUT_MS = 60_000;
/**
 * Series points (days × services) a batch holds before it is written: a daily run's whole
 * organization fits in one batch (one read, one transaction), a rebuild writes every few
 * providers so that memory stays flat.
 */
const BATCH_POINTS = 250_000;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** One judged series waiting for its bands to be stored. */
interface PendingSeries {
  ref: SeriesRef;
  series: ServiceDaily;
  evaluation: Evaluation;
  /** First day stored for it: BAND_DAYS back, or an incremental run's window when later. */
  firstDay: string;
}

type StoredBandRow = BandRow & { seriesKey: string };

function groupBySeries<R extends { seriesKey: string }>(rows: R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) {
    let list = out.get(r.seriesKey);
    if (!list) out.set(r.seriesKey, (list = []));
    list.push(r);
  }
  return out;
}

/**
 * An organization's band writes of one detection run, batched: after each series is judged
 * (and its anomalies synced) `add` keeps it; `take` hands over the write that stores the bands
 * of every kept series with one read of their anomaly days, one read of their stored rows and one
 * transaction, instead of half a dozen statements per series (the bulk of a daily run's time). Per series the result
 * is what storing it alone gives: only days whose rows changed are rewritten, days that left
 * the window are dropped, and the state records the covered range; a reader sees the old rows
 * or the new ones.
 */
export class BandBatch {
  private pending: PendingSeries[] = [];
  private points = 0;
  private readonly fromDay: string;

  constructor(
    private readonly orgId: string,
    private readonly now: Date,
    private readonly untilDay: string,
    /** Points kept before the batch is full (tests make every provider fill one). */
    private readonly batchPoints = BATCH_POINTS,
  ) {
    this.fromDay = bandsFromDay(now);
  }

  /** Keeps a judged series (`windowFrom`: an incremental run's first day; its earlier rows stay). */
  add(ref: SeriesRef, series: ServiceDaily, evaluation: Evaluation, windowFrom?: string): void {
    const firstDay = windowFrom && windowFrom > this.fromDay ? windowFrom : this.fromDay;
    this.pending.push({ ref, series, evaluation, firstDay });
    this.points += series.days.length * (1 + series.services.size);
  }

  /** Whether the batch should be written before more series are judged (bounded memory). */
  get full(): boolean {
    return this.points >= this.batchPoints;
  }

  /**
   * Takes the kept series out of the batch at once (series added afterwards wait for the next
   * write) and answers the write that stores them (the rows written): the job goes on judging
   * while it runs. A failure propagates (the transaction leaves the old rows and states as they
   * were): the caller then writes no checkpoint for these series, so the next run judges them from
   * the first day again. Swallowing it would let a later incremental run record a state over rows
   * it never wrote.
   */
  take(): () => Promise<number> {
    const pending = this.pending;
    this.pending = [];
    this.points = 0;
    return async () => (pending.length === 0 ? 0 : this.store(pending, pending.map((p) => p.ref.seriesKey)));
  }

  private async store(pending: PendingSeries[], keys: string[]): Promise<number> {
    const orgId = this.orgId;
    const since = pending.map((p) => p.firstDay).sort()[0];
    const scope = { orgId, seriesKey: { in: keys }, day: { gte: since } };
    // Breakdowns are kept for every day that carries an anomaly of the series (also withdrawn or dismissed ones, which the detail still shows).
    const anomalyDays = groupBySeries(await db().anomaly.findMany({ where: scope, select: { seriesKey: true, day: true } }));
    const stored = groupBySeries<StoredBandRow>(
      await db().seriesBand.findMany({ where: scope, select: { seriesKey: true, day: true, service: true, actual: true, expected: true, lower: true, upper: true, breakdown: true } }),
    );
    const rewrite: Array<BandRow & SeriesRef> = [];
    const dirtyBySeries: Array<{ seriesKey: string; days: string[] }> = [];
    for (const p of pending) {
      const days = new Set((anomalyDays.get(p.ref.seriesKey) ?? []).filter((a) => a.day >= p.firstDay).map((a) => a.day));
      const wanted = bandRowsFor(p.series, p.evaluation, p.firstDay, days);
      const dirty = dirtyDays((stored.get(p.ref.seriesKey) ?? []).filter((r) => r.day >= p.firstDay), wanted);
      if (dirty.size === 0) continue;
      dirtyBySeries.push({ seriesKey: p.ref.seriesKey, days: [...dirty] });
      for (const r of wanted) if (dirty.has(r.day)) rewrite.push({ ...r, ...p.ref });
    }
    const withState = new Set((await db().seriesBandState.findMany({ where: { orgId, seriesKey: { in: keys } }, select: { seriesKey: true } })).map((s) => s.seriesKey));
    const newStates = pending.filter((p) => !withState.has(p.ref.seriesKey));
    const state = { fromDay: this.fromDay, untilDay: this.untilDay, computedAt: this.now };
    // A rebuild writes large providers' years: on a busy database that outlives Prisma's
    // default 5 s transaction timeout (seen on PostgreSQL at load 25), so it gets a minute.
    await db().$transaction(
      async (tx) => {
        await tx.seriesBand.deleteMany({ where: { orgId, seriesKey: { in: keys }, day: { lt: this.fromDay } } });
        for (const group of chunkDirty(dirtyBySeries)) {
          await tx.seriesBand.deleteMany({ where: { orgId, seriesKey: { in: group.keys }, day: { in: group.days } } });
        }
        await insertJsonRows(tx, SERIES_BAND, rewrite);
        if (withState.size) await tx.seriesBandState.updateMany({ where: { orgId, seriesKey: { in: [...withState] } }, data: state });
        if (newStates.length) await tx.seriesBandState.createMany({ data: newStates.map((p) => ({ orgId, seriesKey: p.ref.seriesKey, providerId: p.ref.providerId, ...state })) });
      },
      { timeout: BAND_WRITE_TIMEOUT_MS, maxWait: BAND_WRITE_TIMEOUT_MS },
    );
    return rewrite.length;
  }
}

/** SeriesBand's columns, for the one-parameter bulk insert (lib/db/json-rows.ts). */
const SERIES_BAND = {
  table: "SeriesBand",
  columns: { orgId: "text", providerId: "int", seriesKey: "text", day: "text", service: "text", actual: "float", expected: "float", lower: "float", upper: "float", breakdown: "bool" },
} as const satisfies TableSpec<ColumnSpec>;

/**
 * Dirty days of many series as `seriesKey IN (…) AND day IN (…)` deletes, one per distinct set of
 * days (a daily run re-judges the same days of every series: one or two statements). An OR of
 * per-series conditions would be one statement too, but SQLite does not search the primary key
 * for it (its plan: orgId only): each such delete scanned the organization's every band row.
 */
function chunkDirty(dirty: Array<{ seriesKey: string; days: string[] }>): Array<{ keys: string[]; days: string[] }> {
  const bySet = new Map<string, { keys: string[]; days: string[] }>();
  for (const d of dirty) {
    const days = [...d.days].sort();
    const id = days.join(",");
    const group = bySet.get(id);
    if (group) group.keys.push(d.seriesKey);
    else bySet.set(id, { keys: [d.seriesKey], days });
  }
  return [...bySet.values()].flatMap((g) => chunks(g.keys, DAY_BATCH).flatMap((keys) => chunks(g.days, DAY_BATCH).map((days) => ({ keys, days }))));
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
