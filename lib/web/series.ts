// Loads a website's hourly metric series from WebMetricHour onto a gap-free hourly grid,
// the shape detection and charts read.
import { db } from "@/lib/db/client";
import { HOUR_MS, startOfHour } from "@/lib/time";
import { isWebMetric, WEB_METRICS, WEB_METRIC_PROFILES, type WebMetric } from "./metrics";
import type { HourlySeries } from "./detect";

/** How much history detection reads: the demo's 90 days plus a margin. */
export const WEB_HISTORY_DAYS = 120;
/** Incidents are only reported once the model has seen two weekly cycles of history in the window. */
export const WEB_WARMUP_HOURS = 14 * 24;

const WEEK_MS = 7 * 24 * HOUR_MS;

/** Last completed hour: the current hour is still filling and would read as a drop. */
export function lastCompleteHour(now: Date): number {
  return startOfHour(now).getTime() - HOUR_MS;
}

/**
 * Start of the window detection reads. Anchored to whole weeks so consecutive runs
 * within a week start at the same hour and give the same verdicts for the same data.
 */
export function windowStart(now: Date): number {
  const t = now.getTime() - WEB_HISTORY_DAYS * 24 * HOUR_MS;
  return t - (t % WEEK_MS);
}

export type WebSeriesSet = Map<WebMetric, HourlySeries>;

export async function loadWebSeries(websiteId: string, now: Date): Promise<WebSeriesSet> {
  const from = windowStart(now);
  const to = lastCompleteHour(now);
  const rows = await db().webMetricHour.findMany({
    where: { websiteId, hour: { gte: new Date(from), lte: new Date(to) } },
    select: { metric: true, hour: true, value: true, denominator: true },
    orderBy: { hour: "asc" },
  });
  const byMetric = new Map<string, Map<number, { value: number; denominator: number | null }>>();
  let firstTraffic = Infinity;
  for (const row of rows) {
    const t = row.hour.getTime();
    let m = byMetric.get(row.metric);
    if (!m) byMetric.set(row.metric, (m = new Map()));
    m.set(t, { value: row.value, denominator: row.denominator });
    if (isWebMetric(row.metric) && WEB_METRIC_PROFILES[row.metric].zeroWhenMissing && t < firstTraffic) firstTraffic = t;
  }
  const out: WebSeriesSet = new Map();
  for (const metric of WEB_METRICS) {
    const points = byMetric.get(metric);
    const profile = WEB_METRIC_PROFILES[metric];
    if (!points && !(profile.zeroWhenMissing && Number.isFinite(firstTraffic))) continue;
    let first = profile.zeroWhenMissing ? firstTraffic : Infinity;
    if (points) for (const t of points.keys()) if (t < first) first = t;
    if (!Number.isFinite(first) || first > to) continue;
    const series: HourlySeries = { hours: [], values: [], denominators: [] };
    for (let h = first; h <= to; h += HOUR_MS) {
      const p = points?.get(h);
      series.hours.push(h);
      // No events in an hour means no traffic (an outage or broken tracking shows as zero);
      // a rate without a denominator has no value at all.
      series.values.push(p ? p.value : profile.zeroWhenMissing ? 0 : null);
      series.denominators.push(p ? p.denominator : null);
    }
    out.set(metric, series);
  }
  return out;
}
