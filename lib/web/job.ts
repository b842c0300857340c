// Web analytics detection for one organization's websites: each metric's hourly series
// through the shared engine, incidents stored in the shared anomaly table.
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { dayOf, HOUR_MS } from "@/lib/time";
import { addSyncResult, emptySyncResult, noLease, syncAnomalies, withdrawAnomalies, type AnomalyDraft, type AssertLease, type SyncResult } from "@/lib/anomalies/store";
import { findWebIncidents, type HourlySeries, type WebIncident } from "@/lib/web/detect";
import { webSeriesKey, type WebMetric } from "@/lib/web/metrics";
import { loadWebSeries, WEB_WARMUP_HOURS } from "@/lib/web/series";
import { detectionSettingsOf, thresholdsFor } from "@/lib/web/settings";
import { detectWebSegments, finishCreatedWebAnomalies } from "@/lib/web/segment-job";

/** The stretch over which a site's traffic is compared with its minimum (min_daily_pageviews). */
const MIN_TRAFFIC_WINDOW_HOURS = 14 * 24;
import { rollupPendingHours } from "@/lib/web/rollup";

export function draftForIncident(websiteId: string, metric: WebMetric, incident: WebIncident): AnomalyDraft {
  return {
    type: "web",
    websiteId,
    metric,
    seriesKey: webSeriesKey(websiteId, metric),
    day: dayOf(incident.startHour),
    periodStart: new Date(incident.startHour),
    periodEnd: new Date(incident.lastHour + HOUR_MS),
    peakAt: new Date(incident.peakHour),
    actual: incident.actual,
    expected: incident.expected,
    expectedLower: incident.lower,
    expectedUpper: incident.upper,
    deviationPercent: incident.deviationPercent,
    severity: incident.severity,
    direction: incident.direction,
    score: incident.score,
    topServices: [],
    isResolved: incident.resolvedAt !== null,
    resolvedAt: incident.resolvedAt === null ? null : new Date(incident.resolvedAt),
  };
}

type SiteRow = { id: string; settings: string };

async function detectWebsite(orgId: string, website: SiteRow, now: Date, assertLease: AssertLease): Promise<{ series: number; sync: SyncResult }> {
  const stats = { series: 0, sync: emptySyncResult() };
  const settings = detectionSettingsOf(website.settings);
  const seriesSet = await loadWebSeries(website.id, now);
  // Too little traffic to judge (the site's setting): nothing new is flagged, nothing is withdrawn.
  if (averageDailyPageviews(seriesSet.get("pageviews")) < settings.min_daily_pageviews) return stats;
  for (const [metric, series] of seriesSet) {
    if (!settings.watched_metrics.includes(metric)) continue;
    stats.series += 1;
    const key = webSeriesKey(website.id, metric);
    const judgeFrom = (series.hours[0] ?? 0) + WEB_WARMUP_HOURS * HOUR_MS;
    const { incidents } = findWebIncidents(series, metric, {
      thresholds: thresholdsFor(website.settings, metric),
      resolveHours: config.webResolveHours,
      sensitivity: config.sensitivity,
    });
    const drafts = incidents.filter((i) => i.startHour >= judgeFrom).map((i) => draftForIncident(website.id, metric, i));
    await assertLease();
    const sync = await syncAnomalies(orgId, [key], drafts, now, { removeStale: false });
    await finishCreatedWebAnomalies(sync.createdIds, now);
    // Incidents the current data no longer supports (within the judged window) are
    // withdrawn, never deleted; older ones and dismissed ones stay as they were.
    const keep = drafts.map((d) => d.periodStart);
    const stale = await db().anomaly.findMany({
      where: { orgId, seriesKey: key, status: "active", withdrawnAt: null, periodStart: { gte: new Date(judgeFrom), notIn: keep } },
      select: { id: true },
    });
    sync.removed += await withdrawAnomalies(orgId, stale.map((s) => s.id), now);
    addSyncResult(stats.sync, sync);
  }
  const segments = await detectWebSegments(
    { orgId, websiteId: website.id, settings: settings.segments, thresholds: thresholdsFor(website.settings, "pageviews"), toDraft: (i) => draftForIncident(website.id, "pageviews", i) },
    now,
    assertLease,
  );
  stats.series += segments.series;
  addSyncResult(stats.sync, segments.sync);
  return stats;
}

/** Average pageviews per day over the last two weeks of the series (0 without data). */
function averageDailyPageviews(series: HourlySeries | undefined): number {
  if (!series) return 0;
  const recent = series.values.slice(-MIN_TRAFFIC_WINDOW_HOURS);
  const total = recent.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  return recent.length ? (total / recent.length) * 24 : 0;
}

export async function detectWebForOrg(orgId: string, now: Date, assertLease: AssertLease = noLease): Promise<{ series: number; sync: SyncResult }> {
  const stats = { series: 0, sync: emptySyncResult() };
  const websites = await db().website.findMany({ where: { orgId }, select: { id: true, settings: true }, orderBy: { createdAt: "asc" } });
  for (const website of websites) {
    // Events whose rollup was still pending (e.g. the server stopped before its debounce ran).
    await assertLease();
    await rollupPendingHours(website.id);
    const site = await detectWebsite(orgId, website, now, assertLease);
    stats.series += site.series;
    addSyncResult(stats.sync, site.sync);
  }
  return stats;
}
