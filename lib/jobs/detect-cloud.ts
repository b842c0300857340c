// Cost and performance detection for one organization's providers.
import { deviationPercent, severityForDeviation } from "@/lib/detection";
import { db } from "@/lib/db/client";
import { dayEnd, dayStart } from "@/lib/time";
import { loadCostSeries, loadPerformanceSeries, type ServiceDaily } from "@/lib/services/cloud-series";
import { evaluateSeries, topServicesOn, type CloudAnomalyType } from "@/lib/services/cloud-evaluation";
import { syncAnomalies, type AnomalyDraft, type SyncResult } from "@/lib/services/anomaly-store";

export function costSeriesKey(providerId: number): string {
  return `cost:${providerId}`;
}

export function performanceSeriesKey(providerId: number, metric: string): string {
  return `performance:${providerId}:${metric}`;
}

/** Severity of a cost or performance anomaly: the website table's bands, with anything below 100% as info. */
export function cloudSeverity(deviation: number): AnomalyDraft["severity"] {
  return severityForDeviation(Math.abs(deviation)) ?? "info";
}

export function draftsForSeries(
  series: ServiceDaily,
  type: CloudAnomalyType,
  metric: string,
  providerId: number,
  seriesKey: string,
): AnomalyDraft[] {
  const evaluation = evaluateSeries(series, type, metric);
  const drafts: AnomalyDraft[] = [];
  evaluation.total.forEach((verdict, i) => {
    const actual = series.total[i];
    if (!verdict.isAnomaly || actual === null || verdict.expected === null || verdict.upper === null) return;
    // The spec's promise: spend above expected_upper is what triggers an anomaly.
    if (actual <= verdict.upper) return;
    const day = series.days[i];
    const deviation = deviationPercent(actual, verdict.expected);
    drafts.push({
      type,
      providerId,
      metric,
      seriesKey,
      day,
      periodStart: dayStart(day),
      periodEnd: dayEnd(day),
      peakAt: dayStart(day),
      actual,
      expected: verdict.expected,
      expectedLower: verdict.lower ?? verdict.expected,
      expectedUpper: verdict.upper,
      deviationPercent: deviation,
      severity: cloudSeverity(deviation),
      direction: "up",
      score: verdict.score,
      topServices: topServicesOn(series, evaluation, i, type, metric),
    });
  });
  return drafts;
}

export interface CloudDetectionStats {
  series: number;
  sync: SyncResult;
}

function addSync(into: SyncResult, from: SyncResult) {
  into.created += from.created;
  into.updated += from.updated;
  into.removed += from.removed;
  into.createdIds.push(...from.createdIds);
  into.escalatedIds.push(...from.escalatedIds);
}

export async function detectCloudForOrg(orgId: string, now: Date): Promise<CloudDetectionStats> {
  const stats: CloudDetectionStats = { series: 0, sync: { created: 0, updated: 0, removed: 0, createdIds: [], escalatedIds: [] } };
  const providers = await db().provider.findMany({ where: { orgId }, select: { id: true }, orderBy: { id: "asc" } });
  for (const provider of providers) {
    const cost = await loadCostSeries(orgId, provider.id);
    const costKey = costSeriesKey(provider.id);
    stats.series += 1 + cost.services.size;
    addSync(stats.sync, await syncAnomalies(orgId, [costKey], draftsForSeries(cost, "cost", "cost", provider.id, costKey), now, { removeStale: true }));

    const performance = await loadPerformanceSeries(orgId, provider.id);
    for (const [metric, series] of performance) {
      const key = performanceSeriesKey(provider.id, metric);
      stats.series += 1 + series.services.size;
      addSync(stats.sync, await syncAnomalies(orgId, [key], draftsForSeries(series, "performance", metric, provider.id, key), now, { removeStale: true }));
    }
  }
  return stats;
}
