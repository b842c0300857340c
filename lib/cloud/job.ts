// Cost and performance detection for one organization's providers.
import { costSeverity, deviationPercent, severityForDeviation, symmetricDeviationPercent } from "@/lib/detection";
import { db } from "@/lib/db/client";
import { addDays, dayEnd, daysBetween, dayStart } from "@/lib/time";
import { detectionWindow, loadCostSeries, loadCostWindows, loadPerformanceSeries, providersWithMetrics, type ServiceDaily, type WindowStart } from "@/lib/cloud/series";
import { evaluateSeries, evaluateWindow, topServicesOn, type DetectionOverrides, type Evaluation } from "@/lib/cloud/evaluation";
import { trackIncidents, type DailyIncident } from "@/lib/cloud/incidents";
import {
  canContinue,
  checkpointDayFor,
  checkpointState,
  movesCheckpoint,
  clearDataChanges,
  loadCheckpoints,
  readDataChanges,
  settingsKey,
  writeCheckpoints,
  type CheckpointWrite,
  type DataChange,
  type IncidentHead,
  type SeriesCheckpointState,
} from "@/lib/cloud/resume";
import { BandBatch } from "@/lib/cloud/bands";
import type { Anomaly } from "@/generated/sqlite/client";
import type { CloudAnomalyType } from "@/lib/vocabulary";
import { explainCostDrafts } from "@/lib/cloud/root-causes";
import { defaultMonitor } from "@/lib/cloud/monitors";
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
  org: OrgRun;
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
  const checkpointDay = !saved || (wantedDay !== null && movesCheckpoint(run.seriesKey, saved.throughDay, wantedDay)) ? wantedDay : null;
  const evaluated = evaluateWindow(saved, series, run.type, run.metric, checkpointDay);
  if (!evaluated) return null;
  const { evaluation, next } = evaluated;
  const { drafts, incidents } = windowDrafts(run, series, evaluation, checkpointDay === null ? -1 : series.days.indexOf(checkpointDay));
  const windowFrom = saved ? addDays(saved.throughDay, 1) : undefined;
  const staleFrom = saved ? staleFromOf(saved) : undefined;
  const existing = saved && staleFrom ? run.org.existing.get(run.seriesKey)?.filter((a) => a.day >= staleFrom) : undefined;
  const sync = await syncAnomalies(run.orgId, [run.seriesKey], await refine(drafts), run.now, { removeStale: true, fromDay: staleFrom, existing, beforeWrite: run.org.assertLease, seriesWithFeedback: run.org.seriesWithFeedback });
  // Bands and checkpoints are written per organization (flushOrg), after the anomalies they follow.
  const ref = { orgId: run.orgId, providerId: run.providerId, seriesKey: run.seriesKey };
  run.org.bands.add(ref, series, evaluation, windowFrom);
  if (next && lastDay !== null) {
    const base = { firstDay: saved?.firstDay ?? series.days[0], lastDay, settingsKey: settingsKey(run.type, run.metric) };
    run.org.checkpointWrites.push({ ref, state: checkpointState(next, base, incidents) });
  } else if (!saved) run.org.checkpointWrites.push({ ref, state: null });
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

/** The first day of the anomalies a run continuing `saved` re-syncs: the open incident's, else the window's. */
function staleFromOf(saved: SeriesCheckpointState): string {
  return saved.incidents.open?.startDay ?? addDays(saved.throughDay, 1);
}

/** Where a window after `saved` starts: the day after it, with the services that had started by then. */
function windowAfter(saved: SeriesCheckpointState): WindowStart {
  return { fromDay: addDays(saved.throughDay, 1), knownServices: [...saved.started] };
}

/**
 * What the cost engine's drafts learn from data beyond the series: the cost entries' root
 * causes (the services monitor's explainCostDrafts), and the linked websites' traffic that
 * explains a rise (lib/cloud/unit-costs.ts). What is the same for every provider is read once per
 * organization: the services monitor, and which providers have cost entries or website links at
 * all (without them the answer is known: no root causes, nothing lowered).
 */
async function refineCostDrafts(org: OrgRun, providerId: number, drafts: AnomalyDraft[]): Promise<AnomalyDraft[]> {
  if (drafts.length === 0) return drafts;
  org.monitor ??= org.assertLease().then(() => defaultMonitor(org.orgId));
  const monitor = await org.monitor;
  const explained = await explainCostDrafts(org.orgId, providerId, drafts, { monitorId: monitor.id, dimensionKey: null, dimensionValue: null, withCauses: org.refineSources.entries.has(providerId) });
  return org.refineSources.links.has(providerId) ? lowerExplainedDrafts(org.orgId, providerId, explained, org.now) : explained;
}

async function seriesWithFeedback(orgId: string): Promise<Set<string>> {
  const events = await db().anomalyEvent.findMany({ where: { orgId, action: "feedback" }, select: { anomaly: { select: { seriesKey: true } } } });
  return new Set(events.map((e) => e.anomaly.seriesKey));
}

/** The providers with any cost entries (root causes) and with website links (unit costs). */
async function readRefineSources(orgId: string): Promise<OrgRun["refineSources"]> {
  const entries = await db().$queryRaw<Array<{ id: number }>>`
    SELECT p.id FROM "Provider" p WHERE p."orgId" = ${orgId} AND EXISTS (SELECT 1 FROM "CostEntry" c WHERE c."providerId" = p.id)`;
  const links = await db().providerWebsiteLink.findMany({ where: { orgId }, select: { providerId: true } });
  return { entries: new Set(entries.map((r) => Number(r.id))), links: new Set(links.map((l) => l.providerId)) };
}

/** What one organization's run shares across its providers: what was read once, and the writes batched until a flush. */
interface OrgRun {
  orgId: string;
  now: Date;
  window: { fromDay: string; untilDay: string };
  assertLease: AssertLease;
  /** The organization's checkpoints, by series key. */
  checkpoints: Map<string, SeriesCheckpointState>;
  changes: Map<number, DataChange> | null;
  /** The cost windows of the providers whose cost series continue a checkpoint (read in one statement). */
  costWindows: Map<number, ServiceDaily>;
  /** The stored anomalies of the series that continue a checkpoint, from their re-synced day on (read in one statement). */
  existing: Map<string, Anomaly[]>;
  providersWithMetrics: Set<number>;
  refineSources: { entries: Set<number>; links: Set<number> };
  /** Series with feedback on any of their anomalies (only their drafts are checked against rejections). */
  seriesWithFeedback: Set<string>;
  /** The services monitor the cost drafts carry (read, or created, once per run). */
  monitor?: Promise<{ id: number }>;
  bands: BandBatch;
  checkpointWrites: CheckpointWrite[];
  /** The judged providers' changes, cleared once their results are written. */
  judgedChanges: Array<DataChange & { providerId: number }>;
}

interface ProviderRun {
  org: OrgRun;
  orgId: string;
  providerId: number;
  now: Date;
  window: { fromDay: string; untilDay: string };
  checkpoints: Map<string, SeriesCheckpointState>;
  change: DataChange | undefined;
}

function runOf(p: ProviderRun, seriesKey: string, type: CloudAnomalyType, metric: string): SeriesRun {
  const saved = p.checkpoints.get(seriesKey);
  const usable = canContinue(saved, settingsKey(type, metric), p.change, p.window) ? saved : null;
  return { org: p.org, orgId: p.orgId, providerId: p.providerId, seriesKey, type, metric, now: p.now, untilDay: p.window.untilDay, saved: usable };
}

async function detectProviderCost(p: ProviderRun, stats: CloudDetectionStats) {
  const run = runOf(p, costSeriesKey(p.providerId), "cost", "cost");
  const load = (window?: WindowStart) => loadCostSeries(p.orgId, p.providerId, p.window.untilDay, p.window.fromDay, window);
  const loaded = (run.saved && p.org.costWindows.get(p.providerId)) || (await load(run.saved ? windowAfter(run.saved) : undefined));
  await detectSeriesOf(run, loaded, () => load(), stats, (drafts) => refineCostDrafts(p.org, p.providerId, drafts));
}

/**
 * Each metric continues its own checkpoint when all of them can; a metric without one (new, or
 * its checkpoint unusable) needs its whole history, and then the provider's metrics are judged in full.
 */
async function detectProviderPerformance(p: ProviderRun, stats: CloudDetectionStats) {
  if (!p.org.providersWithMetrics.has(p.providerId)) return; // nothing to judge, nothing to load
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
    const run = resume ? runFor(metric) : { ...runFor(metric), saved: null };
    const loadFull = async () => (await loadPerformanceSeries(p.orgId, p.providerId, p.window.untilDay, p.window.fromDay)).get(metric) ?? emptySeries();
    await detectSeriesOf(run, loaded, loadFull, stats);
  }
}

const emptySeries = (): ServiceDaily => ({ days: [], total: [], services: new Map() });

/**
 * What a run reads once for the whole organization: the cost windows of the providers that
 * continue a checkpoint, and the stored anomalies those series re-sync.
 */
async function readOrgWindows(org: OrgRun, providerIds: number[]): Promise<void> {
  const costWindows = new Map<number, WindowStart>();
  const staleFrom = new Map<string, string>();
  for (const providerId of providerIds) {
    const p = providerRunOf(org, providerId);
    const cost = runOf(p, costSeriesKey(providerId), "cost", "cost").saved;
    if (cost) costWindows.set(providerId, windowAfter(cost));
    const prefix = performanceSeriesKey(providerId, "");
    const runs = [{ key: costSeriesKey(providerId), saved: cost }];
    for (const key of org.checkpoints.keys()) if (key.startsWith(prefix)) runs.push({ key, saved: runOf(p, key, "performance", key.slice(prefix.length)).saved });
    for (const run of runs) if (run.saved) staleFrom.set(run.key, staleFromOf(run.saved));
  }
  org.costWindows = await loadCostWindows(org.orgId, costWindows, org.window.untilDay);
  if (staleFrom.size === 0) return;
  const since = [...staleFrom.values()].sort()[0];
  const rows = await db().anomaly.findMany({ where: { orgId: org.orgId, seriesKey: { in: [...staleFrom.keys()] }, day: { gte: since } } });
  for (const row of rows) {
    let list = org.existing.get(row.seriesKey);
    if (!list) org.existing.set(row.seriesKey, (list = []));
    list.push(row);
  }
}

function providerRunOf(org: OrgRun, providerId: number): ProviderRun {
  return { org, orgId: org.orgId, providerId, now: org.now, window: org.window, checkpoints: org.checkpoints, change: org.changes?.get(providerId) };
}

/**
 * Writes what the judged providers left pending: their bands, their checkpoints, then clears
 * their changes. What it writes is taken at the call, so the run may judge the next providers
 * while it runs (their results wait for the next write).
 */
function flushOrg(org: OrgRun): Promise<void> {
  const storeBands = org.bands.take();
  const checkpointWrites = org.checkpointWrites;
  const judgedChanges = org.judgedChanges;
  org.checkpointWrites = [];
  org.judgedChanges = [];
  return (async () => {
    await org.assertLease();
    await storeBands();
    await writeCheckpoints(org.orgId, checkpointWrites, org.now);
    await clearDataChanges(judgedChanges);
  })();
}

/**
 * Judges the providers in order. A full batch's writes go on while the next providers are judged
 * (on PostgreSQL the database does them in its own process): one write at a time, in order, each
 * awaited before the next starts and before the run ends, so a failed write still fails the run
 * and no write outlives it.
 */
async function judgeProviders(org: OrgRun, providers: ReadonlyArray<{ id: number }>, stats: CloudDetectionStats): Promise<void> {
  let writing: Promise<void> = Promise.resolve();
  try {
    for (const provider of providers) {
      const p = providerRunOf(org, provider.id);
      await detectProviderCost(p, stats);
      await detectProviderPerformance(p, stats);
      if (p.change) org.judgedChanges.push({ providerId: provider.id, ...p.change });
      if (!org.bands.full) continue;
      await writing;
      writing = flushOrg(org);
      // Awaited below; handled now so that a failure meanwhile is not reported as unhandled.
      writing.catch(() => undefined);
    }
  } finally {
    // The run's own error (if any) wins; a write in flight is waited for either way.
    await writing.catch(() => undefined);
  }
  await writing;
  await flushOrg(org);
}

export async function detectCloudForOrg(
  orgId: string,
  now: Date,
  assertLease: AssertLease = noLease,
  /** Band points a write batch holds (default BATCH_POINTS; tests make every provider fill one). */
  bandBatchPoints?: number,
): Promise<CloudDetectionStats> {
  const stats: CloudDetectionStats = { series: 0, resumed: 0, sync: emptySyncResult() };
  const providers = await db().provider.findMany({ where: { orgId }, select: { id: true }, orderBy: { id: "asc" } });
  const window = detectionWindow(now);
  const changes = await readDataChanges(providers.map((p) => p.id));
  const org: OrgRun = {
    orgId,
    now,
    window,
    assertLease,
    // Without change tracking nothing may be continued: every series is judged in full.
    checkpoints: changes ? await loadCheckpoints(orgId) : new Map<string, SeriesCheckpointState>(),
    changes,
    costWindows: new Map(),
    existing: new Map(),
    providersWithMetrics: await providersWithMetrics(orgId, window.fromDay, window.untilDay),
    refineSources: await readRefineSources(orgId),
    seriesWithFeedback: await seriesWithFeedback(orgId),
    bands: new BandBatch(orgId, now, window.untilDay, bandBatchPoints),
    checkpointWrites: [],
    judgedChanges: [],
  };
  await readOrgWindows(org, providers.map((p) => p.id));
  await judgeProviders(org, providers, stats);
  return stats;
}
