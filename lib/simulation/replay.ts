// Replays the detection jobs over an organization's stored rollups without writing: the same
// pure parts the jobs use (draftsForSeries for cost and performance, findWebIncidents for
// websites), with optional settings in place of the configured ones.
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { dayOf, HOUR_MS } from "@/lib/time";
import { costSeriesKey, draftsForSeries, performanceSeriesKey } from "@/lib/cloud/job";
import type { DetectionOverrides } from "@/lib/cloud/evaluation";
import { detectionWindow, loadCostSeries, loadPerformanceSeries } from "@/lib/cloud/series";
import { findWebIncidents } from "@/lib/web/detect";
import { loadWebSeries, WEB_WARMUP_HOURS, type WebSeriesSet } from "@/lib/web/series";
import { thresholdsFor } from "@/lib/web/settings";
import type { AnomalyType, Severity } from "@/lib/vocabulary";

/** One anomaly the replay would have recorded. */
export interface ReplayedAnomaly {
  date: string;
  type: AnomalyType;
  providerId: number | null;
  websiteId: string | null;
  metric: string;
  severity: Severity;
  actual: number;
  expected: number;
  deviationPercent: number;
  /** Cost and performance: the incident's total excess; web: the peak hour's actual − expected. */
  impact: number;
  periodEnd: Date;
  topServices: ReadonlyArray<{ service: string }>;
}

/** The stored rollups a replay reads, loaded once so that two replays (current and simulated) share them. */
export interface ReplayInput {
  providers: Array<{ id: number; cost: Awaited<ReturnType<typeof loadCostSeries>>; performance: Awaited<ReturnType<typeof loadPerformanceSeries>> }>;
  websites: Array<{ id: string; settings: string; series: WebSeriesSet }>;
}

export async function loadReplayInput(orgId: string, now: Date): Promise<ReplayInput> {
  const window = detectionWindow(now);
  const providerRows = await db().provider.findMany({ where: { orgId }, select: { id: true }, orderBy: { id: "asc" } });
  const providers: ReplayInput["providers"] = [];
  for (const p of providerRows) {
    const cost = await loadCostSeries(orgId, p.id, window.untilDay, window.fromDay);
    const performance = await loadPerformanceSeries(orgId, p.id, window.untilDay, window.fromDay);
    providers.push({ id: p.id, cost, performance });
  }
  const websiteRows = await db().website.findMany({ where: { orgId }, select: { id: true, settings: true }, orderBy: { createdAt: "asc" } });
  const websites: ReplayInput["websites"] = [];
  for (const w of websiteRows) websites.push({ id: w.id, settings: w.settings, series: await loadWebSeries(w.id, now) });
  return { providers, websites };
}

/**
 * Lets other requests run between two series sets: a replay over a large organization takes
 * as long as a detection run, and must not hold the event loop for all of it.
 */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Cost and performance anomalies whose first day is on or after `fromDay`. */
async function replayCloud(input: ReplayInput, fromDay: string, overrides: DetectionOverrides): Promise<ReplayedAnomaly[]> {
  const out: ReplayedAnomaly[] = [];
  for (const provider of input.providers) {
    await yieldToEventLoop();
    const drafts = draftsForSeries(provider.cost, "cost", "cost", provider.id, costSeriesKey(provider.id), undefined, overrides);
    for (const [metric, series] of provider.performance) {
      drafts.push(...draftsForSeries(series, "performance", metric, provider.id, performanceSeriesKey(provider.id, metric), undefined, overrides));
    }
    for (const d of drafts) {
      if (d.day < fromDay) continue;
      out.push({
        date: d.day,
        type: d.type,
        providerId: provider.id,
        websiteId: null,
        metric: d.metric,
        severity: d.severity,
        actual: d.actual,
        expected: d.expected,
        deviationPercent: d.deviationPercent,
        impact: d.impact ?? d.actual - d.expected,
        periodEnd: d.periodEnd,
        topServices: d.topServices,
      });
    }
  }
  return out;
}

/** Web incidents past the model's warm-up whose first hour is on or after `fromDay`. */
async function replayWeb(input: ReplayInput, fromDay: string, overrides: DetectionOverrides): Promise<ReplayedAnomaly[]> {
  const out: ReplayedAnomaly[] = [];
  for (const website of input.websites) {
    for (const [metric, series] of website.series) {
      await yieldToEventLoop();
      const judgeFrom = (series.hours[0] ?? 0) + WEB_WARMUP_HOURS * HOUR_MS;
      const { incidents } = findWebIncidents(series, metric, {
        thresholds: thresholdsFor(website.settings, metric),
        resolveHours: config.webResolveHours,
        sensitivity: overrides.sensitivity ?? config.sensitivity,
      });
      for (const i of incidents) {
        const date = dayOf(i.startHour);
        if (i.startHour < judgeFrom || date < fromDay) continue;
        out.push({
          date,
          type: "web",
          providerId: null,
          websiteId: website.id,
          metric,
          severity: i.severity,
          actual: i.actual,
          expected: i.expected,
          deviationPercent: i.deviationPercent,
          impact: i.actual - i.expected,
          periodEnd: new Date(i.lastHour + HOUR_MS),
          topServices: [],
        });
      }
    }
  }
  return out;
}

/** Every anomaly detection would have recorded from `fromDay` on, newest first. */
export async function replayDetection(input: ReplayInput, fromDay: string, overrides: DetectionOverrides = {}): Promise<ReplayedAnomaly[]> {
  const all = [...(await replayCloud(input, fromDay, overrides)), ...(await replayWeb(input, fromDay, overrides))];
  return all.sort((a, b) => (a.date === b.date ? 0 : a.date < b.date ? 1 : -1));
}
