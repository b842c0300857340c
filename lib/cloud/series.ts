// Reads the daily rollups that detection and the anomaly detail work on.
import { z } from "zod";
import { db, dbProvider } from "@/lib/db/client";
import { Prisma } from "@/generated/sqlite/client";
import { addDays, dayRange, daysBetween, isValidDay, todayUtc } from "@/lib/time";

export interface ServiceDaily {
  days: string[];
  /** Per day: the provider total (null where the provider has no data at all that day). */
  total: (number | null)[];
  /** Per service, per day: its value (0 where the provider reported that day but not this service). */
  services: Map<string, (number | null)[]>;
}

/**
 * Second line of defence behind ingest validation: detection judges at most the last
 * MAX_HISTORY_DAYS of a series and ignores days more than MAX_FUTURE_DAYS after today, so a
 * corrupt date (year 0001, 2999) can never build a grid of centuries.
 */
export const MAX_HISTORY_DAYS = 3 * 366;
export const MAX_FUTURE_DAYS = 2;

/** The [from, until] days detection reads for a run at `now`. */
export function detectionWindow(now: Date): { fromDay: string; untilDay: string } {
  const today = todayUtc(now);
  return { fromDay: addDays(today, -MAX_HISTORY_DAYS), untilDay: addDays(today, MAX_FUTURE_DAYS) };
}

/**
 * Where an incremental run's window starts (lib/cloud/resume.ts): its days run from `fromDay`,
 * and the services the series had before it are present from that day on.
 */
export interface WindowStart {
  fromDay: string;
  knownServices: readonly string[];
}

/** One service's rows: its days and values, index by index. */
export interface ServiceRows {
  service: string;
  days: readonly string[];
  values: readonly number[];
}

/**
 * Daily grid of a provider's rows: every day from the first (or the window's first) to the last,
 * services in name order (so every run, full or incremental, on either database, lists them alike).
 */
export function assemble(input: Array<{ day: string; service: string; value: number }>, combine: "sum" | "mean", window?: WindowStart): ServiceDaily {
  const byService = new Map<string, { service: string; days: string[]; values: number[] }>();
  for (const r of input) {
    let group = byService.get(r.service);
    if (!group) byService.set(r.service, (group = { service: r.service, days: [], values: [] }));
    group.days.push(r.day);
    group.values.push(r.value);
  }
  return assembleServices([...byService.values()], combine, window);
}

/** As assemble, from rows already grouped by service (what the rollup reads hand over). */
export function assembleServices(groups: readonly ServiceRows[], combine: "sum" | "mean", window?: WindowStart): ServiceDaily {
  // A day that is not a calendar date (a corrupt row) has no place on the grid.
  // Checked once per distinct day: a load has millions of rows but only hundreds of days.
  const valid = new Map<string, boolean>();
  const usable = (day: string, value: number) => {
    if (!Number.isFinite(value) || (window && day < window.fromDay)) return false;
    let ok = valid.get(day);
    if (ok === undefined) valid.set(day, (ok = isValidDay(day)));
    return ok;
  };
  let first: string | null = null;
  let last: string | null = null;
  const names = new Set<string>(window?.knownServices);
  for (const g of groups) {
    let any = false;
    for (let k = 0; k < g.days.length; k++) {
      const day = g.days[k];
      if (!usable(day, g.values[k])) continue;
      any = true;
      if (first === null || day < first) first = day;
      if (last === null || day > last) last = day;
    }
    if (any) names.add(g.service);
  }
  if (first === null || last === null) return { days: [], total: [], services: new Map() };
  if (window) first = window.fromDay;
  const days = dayRange(first, last);
  const index = new Map(days.map((d, i) => [d, i]));
  const present = new Array<boolean>(days.length).fill(false);
  const services = new Map<string, (number | null)[]>([...names].sort().map((name) => [name, new Array<number | null>(days.length).fill(null)]));
  for (const g of groups) {
    const values = services.get(g.service);
    if (!values) continue; // no usable row
    for (let k = 0; k < g.days.length; k++) {
      const value = g.values[k];
      if (!usable(g.days[k], value)) continue;
      const i = index.get(g.days[k])!;
      present[i] = true;
      values[i] = (values[i] ?? 0) + value;
    }
  }
  const total = days.map((_, i) => (present[i] ? combineDay(services, i, combine) : null));
  if (combine === "sum") fillSpendGaps(services, present, window);
  return { days, total, services };
}

/**
 * Spend: a service missing on a day the provider reported spent nothing that day, but only once
 * it exists; before its first day it has no history (warming up), not zeros.
 */
function fillSpendGaps(services: Map<string, (number | null)[]>, present: readonly boolean[], window?: WindowStart): void {
  const known = new Set(window?.knownServices);
  for (const [name, values] of services) {
    const first = known.has(name) ? 0 : values.findIndex((v) => v !== null);
    if (first < 0) continue;
    for (let i = first; i < values.length; i++) if (present[i] && values[i] === null) values[i] = 0;
  }
}

function combineDay(services: Map<string, (number | null)[]>, i: number, combine: "sum" | "mean"): number | null {
  let sum = 0;
  let count = 0;
  for (const values of services.values()) {
    const v = values[i];
    if (v !== null) {
      sum += v;
      count += 1;
    }
  }
  return combine === "sum" ? sum : count ? sum / count : null;
}

// Raw selects: detection reads millions of rollup rows, and skipping the ORM's
// per-row result mapping makes loading about three times faster.
const LAST_DAY = "9999-12-31";
const FIRST_DAY = "0000-01-01";

export async function loadCostSeries(orgId: string, providerId: number, untilDay = LAST_DAY, fromDay = FIRST_DAY, window?: WindowStart): Promise<ServiceDaily> {
  if (window && window.fromDay > fromDay) fromDay = window.fromDay;
  return assembleServices((await readCostRows(orgId, fromDay, untilDay, providerId)).get(providerId) ?? [], "sum", window);
}

const dayList = z.array(z.string());

/** A range longer than this reads a provider's rows in primary-key order (see readCostRows). */
const WHOLE_HISTORY_DAYS = 400;

type CostGroup = { providerId: number | bigint; service: string; days: string; amounts: string };

/**
 * The organization's rollup rows in [fromDay, untilDay] (one provider's when given), by
 * provider. The database aggregates them, one row per provider and service (its days as a JSON
 * array, its amounts as text): a rebuild reads millions of rows, and each row's own result
 * mapping cost more than the read (issue 12: 2.5 times slower). The amounts' text keeps every
 * bit (17 significant digits; PostgreSQL writes the shortest exact form), so every reader of the
 * rollups (a full run, an incremental window, the detail's fallback) judges the same figures; a
 * value that is not a finite number (Infinity) reads as NaN, which assemble drops as before.
 */
async function readCostRows(orgId: string, fromDay: string, untilDay: string, providerId?: number): Promise<Map<number, ServiceRows[]>> {
  // A separate condition, not "(? IS NULL OR providerId = ?)": SQLite would then not search its index.
  const oneProvider = providerId === undefined ? Prisma.empty : Prisma.sql`AND "providerId" = ${providerId}`;
  // One provider's long history on SQLite (a detection run): its primary key (providerId, service,
  // day) hands the rows over in the order the aggregate wants; "+day" keeps the planner off the day
  // index, whose rows it would sort again. A short range (a forecast) keeps the day index.
  const wholeHistory = providerId !== undefined && daysBetween(fromDay, untilDay) > WHOLE_HISTORY_DAYS;
  const sqliteDay = Prisma.raw(wholeHistory ? "+day" : "day");
  const grouped =
    dbProvider() === "postgresql"
      ? await db().$queryRaw<CostGroup[]>`
          SELECT "providerId", service, json_agg(day ORDER BY day)::text AS days, string_agg(amount::text, ',' ORDER BY day) AS amounts FROM "CostDaily"
          WHERE "orgId" = ${orgId} ${oneProvider} AND day >= ${fromDay} AND day <= ${untilDay}
          GROUP BY "providerId", service`
      : await db().$queryRaw<CostGroup[]>`
          SELECT "providerId", service, json_group_array(day) AS days, group_concat(printf('%!.17g', amount)) AS amounts FROM (
            SELECT "providerId", day, service, amount FROM "CostDaily"
            WHERE "orgId" = ${orgId} ${oneProvider} AND ${sqliteDay} >= ${fromDay} AND ${sqliteDay} <= ${untilDay}
            ORDER BY "providerId", service, day
          ) GROUP BY "providerId", service`;
  const out = new Map<number, ServiceRows[]>();
  for (const g of grouped) {
    const id = Number(g.providerId);
    let services = out.get(id);
    if (!services) out.set(id, (services = []));
    const days = dayList.parse(JSON.parse(g.days));
    const values = g.amounts.split(",").map(Number);
    if (values.length !== days.length) throw new Error(`cost rows of provider ${id}, ${g.service}: ${days.length} days but ${values.length} amounts`);
    services.push({ service: g.service, days, values });
  }
  return out;
}

/** Per metric: the provider-level value is the mean over its services (latency, error rate and CPU are not additive). */
export async function loadPerformanceSeries(
  orgId: string,
  providerId: number,
  untilDay = LAST_DAY,
  fromDay = FIRST_DAY,
  /** Per metric, where an incremental run's window starts (rows before it are dropped). */
  windowOf: (metric: string) => WindowStart | undefined = () => undefined,
): Promise<Map<string, ServiceDaily>> {
  const rows = await db().$queryRaw<Array<{ day: string; service: string; metric: string; value: number }>>`
    SELECT day, service, metric, value FROM "MetricDaily"
    WHERE "orgId" = ${orgId} AND "providerId" = ${providerId} AND day >= ${fromDay} AND day <= ${untilDay}`;
  const byMetric = new Map<string, Array<{ day: string; service: string; value: number }>>();
  for (const r of rows) {
    let list = byMetric.get(r.metric);
    if (!list) byMetric.set(r.metric, (list = []));
    list.push({ day: r.day, service: r.service, value: r.value });
  }
  return new Map([...byMetric].map(([metric, list]) => [metric, assemble(list, "mean", windowOf(metric))]));
}

/**
 * The cost windows of many providers in one statement (an incremental run: each provider's days
 * after its checkpoint), each assembled as loadCostSeries would: the per-provider statement is
 * what a daily run over a hundred providers costs, not the few rows each window holds.
 */
export async function loadCostWindows(orgId: string, windows: ReadonlyMap<number, WindowStart>, untilDay: string): Promise<Map<number, ServiceDaily>> {
  const out = new Map<number, ServiceDaily>();
  if (windows.size === 0) return out;
  const fromDay = [...windows.values()].map((w) => w.fromDay).sort()[0];
  const byProvider = await readCostRows(orgId, fromDay, untilDay);
  for (const [providerId, window] of windows) out.set(providerId, assembleServices(byProvider.get(providerId) ?? [], "sum", window));
  return out;
}

/** The providers with any performance rows in [fromDay, untilDay]: the others need no metric load at all. */
export async function providersWithMetrics(orgId: string, fromDay: string, untilDay: string): Promise<Set<number>> {
  const rows = await db().$queryRaw<Array<{ providerId: number }>>`
    SELECT DISTINCT "providerId" FROM "MetricDaily" WHERE "orgId" = ${orgId} AND day >= ${fromDay} AND day <= ${untilDay}`;
  return new Set(rows.map((r) => Number(r.providerId)));
}
