// Reads the daily rollups that detection and the anomaly detail work on.
import { db } from "@/lib/db/client";
import { addDays, dayRange, isValidDay, todayUtc } from "@/lib/time";

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

/**
 * Daily grid of a provider's rows: every day from the first (or the window's first) to the last,
 * services in name order (so every run, full or incremental, on either database, lists them alike).
 */
export function assemble(input: Array<{ day: string; service: string; value: number }>, combine: "sum" | "mean", window?: WindowStart): ServiceDaily {
  // A day that is not a calendar date (a corrupt row) has no place on the grid.
  // Checked once per distinct day: a load has millions of rows but only hundreds of days.
  const valid = new Map<string, boolean>();
  const validDay = (day: string) => {
    let ok = valid.get(day);
    if (ok === undefined) valid.set(day, (ok = isValidDay(day)));
    return ok;
  };
  const rows = input.filter((r) => validDay(r.day) && Number.isFinite(r.value) && (!window || r.day >= window.fromDay));
  if (rows.length === 0) return { days: [], total: [], services: new Map() };
  let first = window?.fromDay ?? rows[0].day;
  let last = rows[0].day;
  for (const r of rows) {
    if (r.day < first) first = r.day;
    if (r.day > last) last = r.day;
  }
  const days = dayRange(first, last);
  const index = new Map(days.map((d, i) => [d, i]));
  const present = new Array<boolean>(days.length).fill(false);
  const names = new Set<string>(window?.knownServices);
  for (const r of rows) names.add(r.service);
  const services = new Map<string, (number | null)[]>([...names].sort().map((name) => [name, new Array<number | null>(days.length).fill(null)]));
  for (const r of rows) {
    const i = index.get(r.day)!;
    present[i] = true;
    const values = services.get(r.service)!;
    values[i] = (values[i] ?? 0) + r.value;
  }
  const total = days.map((_, i) => (present[i] ? combineDay(services, i, combine) : null));
  if (combine === "sum") {
    // Spend: a service missing on a day the provider reported spent nothing that day, but
    // only once it exists; before its first day it has no history (warming up), not zeros.
    const known = new Set(window?.knownServices);
    for (const [name, values] of services) {
      const first = known.has(name) ? 0 : values.findIndex((v) => v !== null);
      if (first < 0) continue;
      for (let i = first; i < days.length; i++) if (present[i] && values[i] === null) values[i] = 0;
    }
  }
  return { days, total, services };
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
  const rows = await db().$queryRaw<Array<{ day: string; service: string; value: number }>>`
    SELECT day, service, amount AS value FROM "CostDaily"
    WHERE "orgId" = ${orgId} AND "providerId" = ${providerId} AND day >= ${fromDay} AND day <= ${untilDay}`;
  return assemble(rows, "sum", window);
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
  const rows = await db().$queryRaw<Array<{ providerId: number; day: string; service: string; value: number }>>`
    SELECT "providerId", day, service, amount AS value FROM "CostDaily"
    WHERE "orgId" = ${orgId} AND day >= ${fromDay} AND day <= ${untilDay}`;
  const byProvider = new Map<number, Array<{ day: string; service: string; value: number }>>();
  for (const r of rows) {
    // The driver may hand back a bigint or a number for an integer column.
    const providerId = Number(r.providerId);
    if (!windows.has(providerId)) continue;
    let list = byProvider.get(providerId);
    if (!list) byProvider.set(providerId, (list = []));
    list.push({ day: r.day, service: r.service, value: r.value });
  }
  for (const [providerId, window] of windows) out.set(providerId, assemble(byProvider.get(providerId) ?? [], "sum", window));
  return out;
}

/** The providers with any performance rows in [fromDay, untilDay]: the others need no metric load at all. */
export async function providersWithMetrics(orgId: string, fromDay: string, untilDay: string): Promise<Set<number>> {
  const rows = await db().$queryRaw<Array<{ providerId: number }>>`
    SELECT DISTINCT "providerId" FROM "MetricDaily" WHERE "orgId" = ${orgId} AND day >= ${fromDay} AND day <= ${untilDay}`;
  return new Set(rows.map((r) => Number(r.providerId)));
}
