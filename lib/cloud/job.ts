// Cost and performance detection for one organization's providers.
import { costSeverity, deviationPercent, severityForDeviation, symmetricDeviationPercent, type TotalVerdict } from "@/lib/detection";
import { db } from "@/lib/db/client";
import { dayEnd, dayStart } from "@/lib/time";
import { detectionWindow, loadCostSeries, loadPerformanceSeries, type ServiceDaily } from "@/lib/cloud/series";
import { evaluateSeries, topServicesOn, type DetectionOverrides, type Evaluation } from "@/lib/cloud/evaluation";
import { saveSeriesBands } from "@/lib/cloud/bands";
import type { CloudAnomalyType } from "@/lib/vocabulary";
import { explainServiceDrafts } from "@/lib/cloud/root-causes";
import { lowerExplainedDrafts } from "@/lib/cloud/unit-costs";
import { addSyncResult, emptySyncResult, noLease, syncAnomalies, type AnomalyDraft, type AssertLease, type SyncResult } from "@/lib/anomalies/store";

export function costSeriesKey(providerId: number): string {
  return `cost:${providerId}`;
}

export function performanceSeriesKey(providerId: number, metric: string): string {
  return `performance:${providerId}:${metric}`;
}

/** Severity of a performance anomaly: the website table's bands, with anything below 50 % as info. */
export function cloudSeverity(deviation: number): AnomalyDraft["severity"] {
  return severityForDeviation(Math.abs(deviation)) ?? "info";
}

/** In-band days (with data) after which a cloud incident is resolved. */
export const RESOLVE_DAYS = 2;

/** One incident: its first out-of-band day carries the anomaly; later ones extend it. */
export interface DailyIncident {
  start: number;
  last: number;
  direction: "up" | "down";
  /** Sum of actual − expected over its out-of-band days (negative for a drop). */
  impact: number;
  /** Index of the day that resolved it (the RESOLVE_DAYS-th in-band day), or null while open. */
  resolvedAt: number | null;
}

/**
 * Groups out-of-band days into incidents: a run of out-of-band days (in one direction)
 * separated by fewer than RESOLVE_DAYS in-band days is one incident. Days without data
 * neither extend nor resolve.
 */
export function findDailyIncidents(total: (number | null)[], verdicts: TotalVerdict[], resolveDays = RESOLVE_DAYS): DailyIncident[] {
  const incidents: DailyIncident[] = [];
  let open: DailyIncident | null = null;
  let inBand = 0;
  for (let i = 0; i < verdicts.length; i++) {
    const v = verdicts[i];
    const actual = total[i];
    if (actual === null || v.expected === null) continue;
    if (v.outOfBand && v.direction) {
      if (open && open.direction !== v.direction) {
        open.resolvedAt = i; // the series turned the other way: that incident is over
        open = null;
      }
      if (!open) incidents.push((open = { start: i, last: i, direction: v.direction, impact: 0, resolvedAt: null }));
      open.last = i;
      open.impact += actual - v.expected;
      inBand = 0;
    } else if (open && ++inBand >= resolveDays) {
      open.resolvedAt = i;
      open = null;
    }
  }
  return incidents;
}

function severityFor(type: CloudAnomalyType, actual: number, expected: number, impact: number): AnomalyDraft["severity"] {
  if (type === "cost") return costSeverity(symmetricDeviationPercent(actual, expected), impact);
  return cloudSeverity(symmetricDeviationPercent(actual, expected));
}

export function draftsForSeries(
  series: ServiceDaily,
  type: CloudAnomalyType,
  metric: string,
  providerId: number,
  seriesKey: string,
  /** Pass the evaluation when it is already computed; `overrides` replay other settings (the simulator). */
  evaluation?: Evaluation,
  overrides?: DetectionOverrides,
): AnomalyDraft[] {
  evaluation ??= evaluateSeries(series, type, metric, overrides);
  return findDailyIncidents(series.total, evaluation.total).map((incident) => {
    const i = incident.start;
    const verdict = evaluation.total[i];
    const actual = series.total[i] ?? 0;
    const expected = verdict.expected ?? 0;
    const day = series.days[i];
    const lastDay = series.days[incident.last];
    return {
      type,
      providerId,
      metric,
      seriesKey,
      day,
      periodStart: dayStart(day),
      periodEnd: dayEnd(lastDay),
      alarmEnd: dayEnd(day),
      peakAt: dayStart(day),
      actual,
      expected,
      expectedLower: verdict.lower ?? expected,
      expectedUpper: verdict.upper ?? expected,
      deviationPercent: deviationPercent(actual, expected),
      severity: severityFor(type, actual, expected, incident.impact),
      direction: incident.direction,
      score: verdict.score,
      topServices: topServicesOn(series, evaluation, i, type, metric),
      lastDay,
      days: incident.last - incident.start + 1,
      impact: incident.impact,
      isResolved: incident.resolvedAt !== null,
      resolvedAt: incident.resolvedAt === null ? null : dayEnd(series.days[incident.resolvedAt]),
    };
  });
}

export interface CloudDetectionStats {
  series: number;
  sync: SyncResult;
}


/**
 * Judges one series, syncs its anomalies and stores its bands (lib/cloud/bands.ts) for the
 * detail and the charts; the evaluation is computed once for both.
 */
async function detectSeriesOf(
  orgId: string,
  providerId: number,
  seriesKey: string,
  series: ServiceDaily,
  type: CloudAnomalyType,
  metric: string,
  now: Date,
  untilDay: string,
  refine: (drafts: AnomalyDraft[]) => Promise<AnomalyDraft[]> = async (drafts) => drafts,
): Promise<SyncResult> {
  const evaluation = evaluateSeries(series, type, metric);
  const drafts = await refine(draftsForSeries(series, type, metric, providerId, seriesKey, evaluation));
  const sync = await syncAnomalies(orgId, [seriesKey], drafts, now, { removeStale: true });
  await saveSeriesBands({ orgId, providerId, seriesKey }, series, evaluation, now, untilDay);
  return sync;
}

/**
 * What the cost engine's drafts learn from data beyond the series: the cost entries' root
 * causes, and the linked websites' traffic that explains a rise (lib/cloud/unit-costs.ts).
 */
async function refineCostDrafts(orgId: string, providerId: number, drafts: AnomalyDraft[], now: Date): Promise<AnomalyDraft[]> {
  return lowerExplainedDrafts(orgId, providerId, await explainServiceDrafts(orgId, providerId, drafts), now);
}

export async function detectCloudForOrg(orgId: string, now: Date, assertLease: AssertLease = noLease): Promise<CloudDetectionStats> {
  const stats: CloudDetectionStats = { series: 0, sync: emptySyncResult() };
  const providers = await db().provider.findMany({ where: { orgId }, select: { id: true }, orderBy: { id: "asc" } });
  const window = detectionWindow(now);
  for (const provider of providers) {
    const cost = await loadCostSeries(orgId, provider.id, window.untilDay, window.fromDay);
    stats.series += 1 + cost.services.size;
    await assertLease();
    addSyncResult(stats.sync, await detectSeriesOf(orgId, provider.id, costSeriesKey(provider.id), cost, "cost", "cost", now, window.untilDay, (drafts) => refineCostDrafts(orgId, provider.id, drafts, now)));

    const performance = await loadPerformanceSeries(orgId, provider.id, window.untilDay, window.fromDay);
    for (const [metric, series] of performance) {
      stats.series += 1 + series.services.size;
      await assertLease();
      addSyncResult(stats.sync, await detectSeriesOf(orgId, provider.id, performanceSeriesKey(provider.id, metric), series, "performance", metric, now, window.untilDay));
    }
  }
  return stats;
}
