// Hourly rollups from raw events. A touched hour is recomputed from all of its WebEvent
// rows, so late or duplicated deliveries of the rollup never drift from the events.
import { db } from "@/lib/db/client";
import { HOUR_MS } from "@/lib/time";
import type { WebMetric } from "./metrics";
import { rollupSegmentHour } from "./segments";

export interface HourFigures {
  visitors: number;
  pageviews: number;
  bouncedVisitors: number;
  pageviewVisitors: number;
  convertedVisitors: number;
  errors: number;
  loadTimeMsAvg: number | null;
  loadTimeSamples: number;
}

export type MetricRow = { metric: WebMetric; value: number; denominator: number | null };

const round = (n: number, digits = 4) => Math.round(n * 10 ** digits) / 10 ** digits;

/** The six metrics of an hour; rates and timing are left out when they have no denominator. */
export function metricsFromFigures(f: HourFigures): MetricRow[] {
  const rows: MetricRow[] = [
    { metric: "visitors", value: f.visitors, denominator: null },
    { metric: "pageviews", value: f.pageviews, denominator: null },
  ];
  if (f.pageviewVisitors > 0) rows.push({ metric: "bounce_rate", value: round((f.bouncedVisitors / f.pageviewVisitors) * 100), denominator: f.pageviewVisitors });
  if (f.visitors > 0) rows.push({ metric: "conversion_rate", value: round((f.convertedVisitors / f.visitors) * 100), denominator: f.visitors });
  if (f.pageviews > 0) rows.push({ metric: "error_rate", value: round(Math.min(100, (f.errors / f.pageviews) * 100)), denominator: f.pageviews });
  if (f.loadTimeSamples > 0 && f.loadTimeMsAvg !== null) rows.push({ metric: "page_load_time", value: round(f.loadTimeMsAvg / 1000), denominator: f.loadTimeSamples });
  return rows;
}

/** One grouped read of the hour (its events are scanned once; the load-time average comes from the timing groups). */
export async function figuresForHour(websiteId: string, hour: Date): Promise<HourFigures> {
  const groups = await db().webEvent.groupBy({
    by: ["visitorHash", "type"],
    where: { websiteId, hour },
    _count: { _all: true, loadTimeMs: true },
    _sum: { loadTimeMs: true },
  });
  const perVisitor = new Map<string, { pageviews: number; goals: number }>();
  let pageviews = 0;
  let errors = 0;
  let loadTimeSum = 0;
  let loadTimeSamples = 0;
  for (const g of groups) {
    const v = perVisitor.get(g.visitorHash) ?? { pageviews: 0, goals: 0 };
    const n = g._count._all;
    if (g.type === "pageview") {
      v.pageviews += n;
      pageviews += n;
    } else if (g.type === "event") v.goals += n;
    else if (g.type === "error") errors += n;
    else if (g.type === "timing") {
      // Counts and sums only rows with a load time, as AVG does.
      loadTimeSamples += g._count.loadTimeMs;
      loadTimeSum += g._sum.loadTimeMs ?? 0;
    }
    perVisitor.set(g.visitorHash, v);
  }
  let pageviewVisitors = 0;
  let bouncedVisitors = 0;
  let convertedVisitors = 0;
  for (const v of perVisitor.values()) {
    if (v.pageviews > 0) pageviewVisitors++;
    if (v.pageviews === 1) bouncedVisitors++;
    if (v.goals > 0) convertedVisitors++;
  }
  return {
    visitors: perVisitor.size,
    pageviews,
    bouncedVisitors,
    pageviewVisitors,
    convertedVisitors,
    errors,
    loadTimeMsAvg: loadTimeSamples > 0 ? loadTimeSum / loadTimeSamples : null,
    loadTimeSamples,
  };
}

/** Recomputes the given hours of one website from its events. */
export async function rollupHours(websiteId: string, hours: Date[]): Promise<void> {
  const unique = [...new Set(hours.map((h) => h.getTime() - (h.getTime() % HOUR_MS)))].sort((a, b) => a - b);
  for (const t of unique) {
    const hour = new Date(t);
    const rows = metricsFromFigures(await figuresForHour(websiteId, hour));
    const present = rows.map((r) => r.metric);
    await db().$transaction([
      ...rows.map((r) =>
        db().webMetricHour.upsert({
          where: { websiteId_metric_hour: { websiteId, metric: r.metric, hour } },
          update: { value: r.value, denominator: r.denominator, source: "events" },
          create: { websiteId, metric: r.metric, hour, value: r.value, denominator: r.denominator, source: "events" },
        }),
      ),
      // A metric that lost its denominator (cannot happen with append-only events, but
      // keeps recomputation exact) is removed if events produced it.
      db().webMetricHour.deleteMany({ where: { websiteId, hour, source: "events", metric: { notIn: present } } }),
    ]);
    await rollupSegmentHour(websiteId, hour);
  }
}

/**
 * Hours with events received since the last successful detection run: the safety net
 * for rollups the in-process debounce had not run yet when a server stopped.
 */
export async function rollupPendingHours(websiteId: string): Promise<number> {
  const lastRun = await db().detectionRun.findFirst({ where: { status: "succeeded" }, orderBy: { startedAt: "desc" }, select: { startedAt: true } });
  const since = new Date((lastRun?.startedAt.getTime() ?? Date.now() - 24 * HOUR_MS) - 10 * 60_000);
  const hours = await db().webEvent.groupBy({ by: ["hour"], where: { websiteId, receivedAt: { gte: since } } });
  await rollupHours(websiteId, hours.map((h) => h.hour));
  return hours.length;
}
