// Segment detection for one website (issue 15): the chosen segments' hourly series through
// the same incident finder as the site-wide metrics, stored as web anomalies that carry
// their segment. Called by the web job (lib/web/job.ts) after the site's own metrics.
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { HOUR_MS } from "@/lib/time";
import { emptySyncResult, addSyncResult, detectedAtFor, syncAnomalies, withdrawAnomalies, type AnomalyDraft, type AssertLease, type SyncResult } from "@/lib/anomalies/store";
import { findWebIncidents, type SeverityThresholds, type WebIncident } from "./detect";
import { loadSegmentSeries, segmentMetric, segmentSeriesKey, type Segment } from "./segments";
import { WEB_WARMUP_HOURS } from "./series";
import type { SegmentSettings } from "./settings";

export interface SegmentJobInput {
  orgId: string;
  websiteId: string;
  settings: SegmentSettings;
  thresholds: SeverityThresholds;
  /** Turns an incident into the draft a site-wide metric would store (lib/web/job.ts). */
  toDraft: (incident: WebIncident) => AnomalyDraft;
}

/**
 * Finishes anomalies a sync just created: detected_at is when the incident's FIRST hour ended
 * (backfilled data reads as its data time, live data as now; syncAnomalies would use the
 * incident's end), and a segment anomaly gets its segment (the shared store knows none).
 */
export async function finishCreatedWebAnomalies(ids: number[], now: Date, segment: Segment | null = null): Promise<void> {
  if (ids.length === 0) return;
  const created = await db().anomaly.findMany({ where: { id: { in: ids } }, select: { id: true, periodStart: true } });
  for (const row of created) {
    const detectedAt = detectedAtFor(new Date(row.periodStart.getTime() + HOUR_MS), now);
    await db().anomaly.update({ where: { id: row.id }, data: { detectedAt, ...(segment ? { segmentDimension: segment.dimension, segmentValue: segment.value } : {}) } });
  }
}

export async function detectWebSegments(input: SegmentJobInput, now: Date, assertLease: AssertLease): Promise<{ series: number; sync: SyncResult }> {
  const stats = { series: 0, sync: emptySyncResult() };
  if (!input.settings.enabled) return stats;
  for (const s of await loadSegmentSeries(input.websiteId, now, input.settings)) {
    stats.series += 1;
    const metric = segmentMetric(s.dimension);
    const key = segmentSeriesKey(input.websiteId, s);
    const judgeFrom = (s.series.hours[0] ?? 0) + WEB_WARMUP_HOURS * HOUR_MS;
    const { incidents } = findWebIncidents(s.series, metric, { thresholds: input.thresholds, resolveHours: config.webResolveHours, sensitivity: config.sensitivity });
    const drafts = incidents.filter((i) => i.startHour >= judgeFrom).map((i) => ({ ...input.toDraft(i), metric, seriesKey: key }));
    await assertLease();
    const sync = await syncAnomalies(input.orgId, [key], drafts, now, { removeStale: false });
    await finishCreatedWebAnomalies(sync.createdIds, now, { dimension: s.dimension, value: s.value });
    const keep = drafts.map((d) => d.periodStart);
    const stale = await db().anomaly.findMany({
      where: { orgId: input.orgId, seriesKey: key, status: "active", withdrawnAt: null, periodStart: { gte: new Date(judgeFrom), notIn: keep } },
      select: { id: true },
    });
    sync.removed += await withdrawAnomalies(input.orgId, stale.map((a) => a.id), now);
    addSyncResult(stats.sync, sync);
  }
  return stats;
}
