// Web analytics detection for one organization's websites: each metric's hourly series
// through the shared engine, incidents stored in the shared anomaly table.
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { dayOf, HOUR_MS } from "@/lib/time";
import { addSyncResult, detectedAtFor, emptySyncResult, noLease, syncAnomalies, withdrawAnomalies, type AnomalyDraft, type AssertLease, type SyncResult } from "@/lib/anomalies/store";
import { findWebIncidents, type WebIncident } from "@/lib/web/detect";
import { webSeriesKey, type WebMetric } from "@/lib/web/metrics";
import { loadWebSeries, WEB_WARMUP_HOURS } from "@/lib/web/series";
import { thresholdsFor } from "@/lib/web/settings";
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

export async function detectWebForOrg(orgId: string, now: Date, assertLease: AssertLease = noLease): Promise<{ series: number; sync: SyncResult }> {
  const stats = { series: 0, sync: emptySyncResult() };
  const websites = await db().website.findMany({ where: { orgId }, select: { id: true, settings: true }, orderBy: { createdAt: "asc" } });
  for (const website of websites) {
    // Events whose rollup was still pending (e.g. the server stopped before its debounce ran).
    await assertLease();
    await rollupPendingHours(website.id);
    const seriesSet = await loadWebSeries(website.id, now);
    for (const [metric, series] of seriesSet) {
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
      if (sync.createdIds.length) {
        // detected_at is when the incident's FIRST hour ended (backfilled data reads as
        // its data time, live data as now); syncAnomalies would use the incident's end.
        const created = await db().anomaly.findMany({ where: { id: { in: sync.createdIds } }, select: { id: true, periodStart: true } });
        for (const row of created) {
          await db().anomaly.update({ where: { id: row.id }, data: { detectedAt: detectedAtFor(new Date(row.periodStart.getTime() + HOUR_MS), now) } });
        }
      }
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
  }
  return stats;
}
