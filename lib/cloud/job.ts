// Cost and performance detection for one organization's providers.
import { costSeverity, deviationPercent, severityForDeviation, symmetricDeviationPercent } from "@/lib/detection";
import { db } from "@/lib/db/client";
import { addDays, dayEnd, daysBetween, dayStart } from "@/lib/time";
import { detectionWindow, loadCostSeries, loadPerformanceSeries, type ServiceDaily, type WindowStart } from "@/lib/cloud/series";
import { evaluateSeries, evaluateWindow, topServicesOn, type DetectionOverrides, type Evaluation } from "@/lib/cloud/evaluation";
import { trackIncidents, type DailyIncident } from "@/lib/cloud/incidents";
import {
  canContinue,
  checkpointDayFor,
  checkpointState,
  RESUME_MARGIN_DAYS,
  clearDataChange,
  dropCheckpoint,
  loadCheckpoints,
  readDataChanges,
  saveCheckpoint,
  settingsKey,
  type DataChange,
  type IncidentHead,
  type SeriesCheckpointState,
} from "@/lib/cloud/resume";
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

export { RESOLVE_DAYS, findDailyIncidents, type DailyIncident } from "./incidents";

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
  const judged = evaluation;
  const ids = { type, metric, providerId, seriesKey };
  return trackIncidents(series.total, judged.total).incidents.map((incident) =>
    draftOf(ids, incident, series.days[incident.start], series.days[incident.last], headOf(series, judged, incident.start, type, metric), incident.resolvedAt === null ? null : series.days[incident.resolvedAt]),
  );
}

/** The figures of an anomaly's first day (the incident's onset). */
function headOf(series: ServiceDaily, evaluation: Evaluation, i: number, type: CloudAnomalyType, metric: string): IncidentHead {
  const verdict = evaluation.total[i];
  const expected = verdict.expected ?? 0;
  return {
    actual: series.total[i] ?? 0,
    expected,
    expectedLower: verdict.lower ?? expected,
    expectedUpper: verdict.upper ?? expected,
    score: verdict.score,
    topServices: topServicesOn(series, evaluation, i, type, metric),
  };
}

type SeriesIds = Pick<AnomalyDraft, "metric" | "seriesKey"> & { type: CloudAnomalyType; providerId: number };

function draftOf(ids: SeriesIds, incident: DailyIncident, day: string, lastDay: string, head: IncidentHead, resolvedDay: string | null): AnomalyDraft {
  return {
    ...ids,
    day,
    periodStart: dayStart(day),
    periodEnd: dayEnd(lastDay),
    alarmEnd: dayEnd(day),
    peakAt: dayStart(day),
    ...head,
    deviationPercent: deviationPercent(head.actual, head.expected),
    severity: severityFor(ids.type, head.actual, head.expected, incident.impact),
    direction: incident.direction,
    lastDay,
    days: daysBetween(day, lastDay) + 1,
    impact: incident.impact,
    isResolved: resolvedDay !== null,
    resolvedAt: resolvedDay === null ? null : dayEnd(resolvedDay),
  };
}

export interface CloudDetectionStats {
  series: number;
  /** Series continued from their checkpoint. */
  resumed: number;
  sync: SyncResult;
}

/** One series' run: what it is, and the checkpoint it continues (null: judged from its first day). */
interface SeriesRun {
  orgId: string;
  providerId: number;
  seriesKey: string;
  type: CloudAnomalyType;
  metric: string;
  now: Date;
  untilDay: string;
  saved: SeriesCheckpointState | null;
}

type Refine = (drafts: AnomalyDraft[]) => Promise<AnomalyDraft[]>;

/** The window's drafts: its incidents, the one carried in from the checkpoint included. */
function windowDrafts(run: SeriesRun, series: ServiceDaily, evaluation: Evaluation, checkpointIndex: number) {
  const carry = run.saved?.incidents.open ?? null;
  const tracked = trackIncidents(series.total, evaluation.total, { carry: run.saved?.incidents, snapshotAt: checkpointIndex });
  const ids = { type: run.type, metric: run.metric, providerId: run.providerId, seriesKey: run.seriesKey };
  const dayOf = (i: number, carried: string | undefined) => (i >= 0 ? series.days[i] : carried!);
  const headAt = (i: number) => (i >= 0 ? headOf(series, evaluation, i, run.type, run.metric) : carry!.head);
  const drafts = tracked.incidents.map((incident) =>
    draftOf(ids, incident, dayOf(incident.start, carry?.startDay), dayOf(incident.last, carry?.lastDay), headAt(incident.start), incident.resolvedAt === null ? null : series.days[incident.resolvedAt]),
  );
  const open = tracked.snapshot?.openIncident ?? null;
  const incidents: SeriesCheckpointState["incidents"] = {
    inBand: tracked.snapshot?.inBand ?? 0,
    open: open && { direction: open.direction, impact: open.impact, startDay: dayOf(open.start, carry?.startDay), lastDay: dayOf(open.last, carry?.lastDay), head: headAt(open.start) },
  };
  return { drafts, incidents };
}

/**
 * Judges one series (its days after the checkpoint when it continues one), syncs its
 * anomalies, stores its bands (lib/cloud/bands.ts) and its next checkpoint. Null when the
 * checkpoint cannot continue it: the caller then judges the whole series.
 */
async function judgeSeries(run: SeriesRun, series: ServiceDaily, refine: Refine = async (drafts) => drafts): Promise<SyncResult | null> {
  const lastDay = series.days.at(-1) ?? run.saved?.lastDay ?? null;
  const saved = run.saved;
  const wantedDay = lastDay === null ? null : checkpointDayFor(lastDay);
  // A checkpoint moves a week at a time: the runs in between re-judge a few more days instead of
  // rewriting every series' state each day (the write costs more than the days).
  const checkpointDay = !saved || (wantedDay !== null && daysBetween(saved.throughDay, wantedDay) >= RESUME_MARGIN_DAYS) ? wantedDay : null;
  const evaluated = evaluateWindow(saved, series, run.type, run.metric, checkpointDay);
  if (!evaluated) return null;
  const { evaluation, next } = evaluated;
  const { drafts, incidents } = windowDrafts(run, series, evaluation, checkpointDay === null ? -1 : series.days.indexOf(checkpointDay));
  const windowFrom = saved ? addDays(saved.throughDay, 1) : undefined;
  const staleFrom = saved?.incidents.open?.startDay ?? windowFrom;
  const sync = await syncAnomalies(run.orgId, [run.seriesKey], await refine(drafts), run.now, { removeStale: true, fromDay: staleFrom });
  const ref = { orgId: run.orgId, providerId: run.providerId, seriesKey: run.seriesKey };
  await saveSeriesBands(ref, series, evaluation, run.now, run.untilDay, windowFrom);
  if (next && lastDay !== null) {
    const base = { firstDay: saved?.firstDay ?? series.days[0], lastDay, settingsKey: settingsKey(run.type, run.metric) };
    await saveCheckpoint(ref, checkpointState(next, base, incidents), run.now);
  } else if (!saved) await dropCheckpoint(run.orgId, run.seriesKey);
  return sync;
}

/**
 * Judges a series from its checkpoint when it can (`loaded` is then its window), otherwise
 * from its first day (`loaded` is then the whole series; so is loadFull's answer when the
 * checkpoint turns out not to apply).
 */
async function detectSeriesOf(run: SeriesRun, loaded: ServiceDaily, loadFull: () => Promise<ServiceDaily>, stats: CloudDetectionStats, refine?: Refine): Promise<void> {
  let series = loaded;
  let sync = run.saved ? await judgeSeries(run, series, refine) : null;
  if (sync) stats.resumed += 1;
  else {
    if (run.saved) series = await loadFull();
    sync = (await judgeSeries({ ...run, saved: null }, series, refine))!;
  }
  stats.series += 1 + series.services.size;
  addSyncResult(stats.sync, sync);
}

/** Where a window after `saved` starts: the day after it, with the services that had started by then. */
function windowAfter(saved: SeriesCheckpointState): WindowStart {
  return { fromDay: addDays(saved.throughDay, 1), knownServices: [...saved.started] };
}

/**
 * What the cost engine's drafts learn from data beyond the series: the cost entries' root
 * causes, and the linked websites' traffic that explains a rise (lib/cloud/unit-costs.ts).
 */
async function refineCostDrafts(orgId: string, providerId: number, drafts: AnomalyDraft[], now: Date): Promise<AnomalyDraft[]> {
  return lowerExplainedDrafts(orgId, providerId, await explainServiceDrafts(orgId, providerId, drafts), now);
}

interface ProviderRun {
  orgId: string;
  providerId: number;
  now: Date;
  window: { fromDay: string; untilDay: string };
  /** The organization's checkpoints, by series key. */
  checkpoints: Map<string, SeriesCheckpointState>;
  change: DataChange | undefined;
}

function runOf(p: ProviderRun, seriesKey: string, type: CloudAnomalyType, metric: string): SeriesRun {
  const saved = p.checkpoints.get(seriesKey);
  const usable = canContinue(saved, settingsKey(type, metric), p.change, p.window) ? saved : null;
  return { orgId: p.orgId, providerId: p.providerId, seriesKey, type, metric, now: p.now, untilDay: p.window.untilDay, saved: usable };
}

async function detectProviderCost(p: ProviderRun, stats: CloudDetectionStats, assertLease: AssertLease) {
  await assertLease();
  const run = runOf(p, costSeriesKey(p.providerId), "cost", "cost");
  const load = (window?: WindowStart) => loadCostSeries(p.orgId, p.providerId, p.window.untilDay, p.window.fromDay, window);
  const loaded = await load(run.saved ? windowAfter(run.saved) : undefined);
  await detectSeriesOf(run, loaded, () => load(), stats, (drafts) => refineCostDrafts(p.orgId, p.providerId, drafts, p.now));
}

/**
 * Each metric continues its own checkpoint when all of them can; a metric without one (new, or
 * its checkpoint unusable) needs its whole history, and then the provider's metrics are judged in full.
 */
async function detectProviderPerformance(p: ProviderRun, stats: CloudDetectionStats, assertLease: AssertLease) {
  const prefix = performanceSeriesKey(p.providerId, "");
  const savedMetrics = [...p.checkpoints.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
  const runs = new Map<string, SeriesRun>();
  const runFor = (metric: string) => {
    let run = runs.get(metric);
    if (!run) runs.set(metric, (run = runOf(p, performanceSeriesKey(p.providerId, metric), "performance", metric)));
    return run;
  };
  let resume = savedMetrics.length > 0 && savedMetrics.every((metric) => runFor(metric).saved !== null);
  const windowOf = (metric: string) => {
    const saved = resume ? runFor(metric).saved : null;
    return saved ? windowAfter(saved) : undefined;
  };
  const load = (fromDay: string) => loadPerformanceSeries(p.orgId, p.providerId, p.window.untilDay, fromDay, windowOf);
  let performance = await load(resume ? savedMetrics.map((metric) => windowOf(metric)!.fromDay).sort()[0] : p.window.fromDay);
  if (resume && [...performance.keys()].some((metric) => runFor(metric).saved === null)) {
    resume = false;
    performance = await load(p.window.fromDay);
  }
  for (const [metric, loaded] of performance) {
    await assertLease();
    const run = resume ? runFor(metric) : { ...runFor(metric), saved: null };
    const loadFull = async () => (await loadPerformanceSeries(p.orgId, p.providerId, p.window.untilDay, p.window.fromDay)).get(metric) ?? emptySeries();
    await detectSeriesOf(run, loaded, loadFull, stats);
  }
}

const emptySeries = (): ServiceDaily => ({ days: [], total: [], services: new Map() });

export async function detectCloudForOrg(orgId: string, now: Date, assertLease: AssertLease = noLease): Promise<CloudDetectionStats> {
  const stats: CloudDetectionStats = { series: 0, resumed: 0, sync: emptySyncResult() };
  const providers = await db().provider.findMany({ where: { orgId }, select: { id: true }, orderBy: { id: "asc" } });
  const window = detectionWindow(now);
  const changes = await readDataChanges(providers.map((p) => p.id));
  // Without change tracking nothing may be continued: every series is judged in full.
  const checkpoints = changes ? await loadCheckpoints(orgId) : new Map<string, SeriesCheckpointState>();
  for (const provider of providers) {
    const change = changes?.get(provider.id);
    const p: ProviderRun = { orgId, providerId: provider.id, now, window, checkpoints, change };
    await detectProviderCost(p, stats, assertLease);
    await detectProviderPerformance(p, stats, assertLease);
    await clearDataChange(provider.id, change);
  }
  return stats;
}
