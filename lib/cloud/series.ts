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

export function assemble(input: Array<{ day: string; service: string; value: number }>, combine: "sum" | "mean"): ServiceDaily {
  // A day that is not a calendar date (a corrupt row) has no place on the grid.
  // Checked once per distinct day: a load has millions of rows but only hundreds of days.
  const valid = new Map<string, boolean>();
  const validDay = (day: string) => {
    let ok = valid.get(day);
    if (ok === undefined) valid.set(day, (ok = isValidDay(day)));
    return ok;
  };
  const rows = input.filter((r) => validDay(r.day) && Number.isFinite(r.value));
  if (rows.length === 0) return { days: [], total: [], services: new Map() };
  let first = rows[0].day;
  let last = rows[0].day;
  for (const r of rows) {
    if (r.day < first) first = r.day;
    if (r.day > last) last = r.day;
  }
  const days = dayRange(first, last);
  const index = new Map(days.map((d, i) => [d, i]));
  const present = new Array<boolean>(days.length).fill(false);
  const services = new Map<string, (number | null)[]>();
  for (const r of rows) {
    const i = index.get(r.day)!;
    present[i] = true;
    let values = services.get(r.service);
    if (!values) services.set(r.service, (values = new Array<number | null>(days.length).fill(null)));
    values[i] = (values[i] ?? 0) + r.value;
  }
  const total: (number | null)[] = days.map((_, i) => {
    if (!present[i]) return null;
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
  });
  if (combine === "sum") {
    // Spend: a service missing on a day the provider reported spent nothing that day, but
    // only once it exists; before its first day it has no history (warming up), not zeros.
    for (const values of services.values()) {
      const first = values.findIndex((v) => v !== null);
      for (let i = Math.max(0, first); i < days.length; i++) if (present[i] && values[i] === null) values[i] = 0;
    }
  }
  return { days, total, services };
}

// Raw selects: detection reads millions of rollup rows, and skipping the ORM's
// per-row result mapping makes loading about three times faster.
const LAST_DAY = "9999-12-31";
const FIRST_DAY = "0000-01-01";

export async function loadCostSeries(orgId: string, providerId: number, untilDay = LAST_DAY, fromDay = FIRST_DAY): Promise<ServiceDaily> {
  const rows = await db().$queryRaw<Array<{ day: string; service: string; value: number }>>`
    SELECT day, service, amount AS value FROM "CostDaily"
    WHERE "orgId" = ${orgId} AND "providerId" = ${providerId} AND day >= ${fromDay} AND day <= ${untilDay}`;
  return assemble(rows, "sum");
}

/** Per metric: the provider-level value is the mean over its services (latency, error rate and CPU are not additive). */
export async function loadPerformanceSeries(orgId: string, providerId: number, untilDay = LAST_DAY, fromDay = FIRST_DAY): Promise<Map<string, ServiceDaily>> {
  const rows = await db().$queryRaw<Array<{ day: string; service: string; metric: string; value: number }>>`
    SELECT day, service, metric, value FROM "MetricDaily"
    WHERE "orgId" = ${orgId} AND "providerId" = ${providerId} AND day >= ${fromDay} AND day <= ${untilDay}`;
  const byMetric = new Map<string, Array<{ day: string; service: string; value: number }>>();
  for (const r of rows) {
    let list = byMetric.get(r.metric);
    if (!list) byMetric.set(r.metric, (list = []));
    list.push({ day: r.day, service: r.service, value: r.value });
  }
  return new Map([...byMetric].map(([metric, list]) => [metric, assemble(list, "mean")]));
}
