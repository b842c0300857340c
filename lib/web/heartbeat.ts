// Tracking heartbeat (issue 14): each website learns how many pageviews it normally receives
// in each hour of the week; a site that has received nothing for hours in which silence is
// nearly impossible (Poisson with the learned rates: P(no event) below SILENCE_PROBABILITY)
// gets one critical anomaly with metric "tracking" — the tracker (or the site) stopped, which
// is a different story from a traffic drop that still has some events. It resolves when
// events resume. Runs as its own pass after the web job (lib/jobs/completeness.ts).
import { db } from "@/lib/db/client";
import { HOUR_MS, dayOf, startOfHour } from "@/lib/time";
import { syncAnomalies, type AnomalyDraft, type SyncResult, emptySyncResult, addSyncResult } from "@/lib/anomalies/store";
import { recordAnomalyEvents, SYSTEM_ACTOR } from "@/lib/anomalies/history";

export const TRACKING_METRIC = "tracking";
/** Weeks of history the hour-of-week rates are learned from. */
export const HEARTBEAT_LEARN_WEEKS = 8;
/** Less history than this and the site's rhythm is not known well enough to call silence broken. */
const MIN_HISTORY_HOURS = 14 * 24;
/** At least this many silent hours: one empty hour happens to any small site. */
export const MIN_SILENT_HOURS = 2;
/** Silence this improbable under the learned rates is a broken tracker, not a quiet spell. */
export const SILENCE_PROBABILITY = 1e-6;
/** A silence that began longer ago than this is a retired site, not news: it is not raised any more. */
const MAX_NEW_SILENCE_HOURS = 7 * 24;
const HOURS_PER_WEEK = 168;

export const trackingSeriesKey = (websiteId: string) => `web:${websiteId}:${TRACKING_METRIC}`;

/** 0..167: Monday 00:00 UTC is 0 (any fixed origin works; it only has to be the same for all hours). */
const hourOfWeek = (ms: number) => (Math.floor(ms / HOUR_MS) + 72) % HOURS_PER_WEEK;

export interface Silence {
  /** First hour without events (epoch ms). */
  start: number;
  hours: number;
  /** Events the learned rates expected over the silent hours. */
  expected: number;
  /** Probability of seeing none of them by chance. */
  probability: number;
}

/**
 * The open silence at the end of `counts` (hour → events, absent = 0) up to `endHour`
 * (exclusive), judged against hour-of-week rates learned from the hours before it.
 * Null when the last hour had events or the history is too short to know the rhythm.
 */
export function openSilence(counts: Map<number, number>, firstHour: number, endHour: number): Silence | null {
  let start = endHour;
  while (start - HOUR_MS >= firstHour && (counts.get(start - HOUR_MS) ?? 0) === 0) start -= HOUR_MS;
  if (start === endHour || start - firstHour < MIN_HISTORY_HOURS * HOUR_MS) return null;
  const sums = new Array<number>(HOURS_PER_WEEK).fill(0);
  const seen = new Array<number>(HOURS_PER_WEEK).fill(0);
  for (let h = firstHour; h < start; h += HOUR_MS) {
    sums[hourOfWeek(h)] += counts.get(h) ?? 0;
    seen[hourOfWeek(h)] += 1;
  }
  let expected = 0;
  for (let h = start; h < endHour; h += HOUR_MS) {
    const slot = hourOfWeek(h);
    expected += seen[slot] ? sums[slot] / seen[slot] : 0;
  }
  const hours = (endHour - start) / HOUR_MS;
  return { start, hours, expected, probability: Math.exp(-expected) };
}

export function isTrackingOutage(silence: Silence): boolean {
  return silence.hours >= MIN_SILENT_HOURS && silence.probability < SILENCE_PROBABILITY;
}

function draftFor(websiteId: string, silence: Silence, endHour: number): AnomalyDraft {
  return {
    type: "web",
    websiteId,
    metric: TRACKING_METRIC,
    seriesKey: trackingSeriesKey(websiteId),
    day: dayOf(silence.start),
    periodStart: new Date(silence.start),
    periodEnd: new Date(endHour),
    peakAt: new Date(silence.start),
    actual: 0,
    expected: Math.round(silence.expected * 100) / 100,
    expectedLower: 0,
    expectedUpper: Math.round(silence.expected * 100) / 100,
    deviationPercent: -100,
    severity: "critical",
    direction: "down",
    score: 1 - silence.probability,
    topServices: [],
  };
}

/** Open tracking anomalies whose silence ended: resolved at the first hour that had events again. */
async function resolveEnded(orgId: string, websiteId: string, counts: Map<number, number>, openStart: number | null, endHour: number, now: Date): Promise<void> {
  const open = await db().anomaly.findMany({
    where: { orgId, websiteId, seriesKey: trackingSeriesKey(websiteId), isResolved: false, withdrawnAt: null },
    select: { id: true, periodStart: true },
  });
  for (const anomaly of open) {
    if (anomaly.periodStart.getTime() === openStart) continue;
    let back = anomaly.periodStart.getTime();
    while (back < endHour && (counts.get(back) ?? 0) === 0) back += HOUR_MS;
    const resolvedAt = new Date(Math.min(back, endHour));
    await db().anomaly.update({ where: { id: anomaly.id }, data: { isResolved: true, resolvedAt, periodEnd: resolvedAt } });
    await recordAnomalyEvents([{ orgId, anomalyId: anomaly.id, action: "resolved", by: SYSTEM_ACTOR, at: now, reason: "events arrived again" }]);
  }
}

/** The heartbeat of one website at `now`: raises, extends or resolves its tracking anomaly. */
export async function checkWebsiteHeartbeat(orgId: string, websiteId: string, now: Date): Promise<SyncResult> {
  const endHour = startOfHour(now).getTime();
  const from = new Date(endHour - HEARTBEAT_LEARN_WEEKS * HOURS_PER_WEEK * HOUR_MS);
  const rows = await db().webMetricHour.findMany({
    where: { websiteId, metric: "pageviews", hour: { gte: from, lt: new Date(endHour) } },
    select: { hour: true, value: true },
    orderBy: { hour: "asc" },
  });
  if (rows.length === 0) return emptySyncResult();
  const counts = new Map(rows.map((r) => [r.hour.getTime(), r.value]));
  const silence = openSilence(counts, rows[0].hour.getTime(), endHour);
  const raise = silence !== null && isTrackingOutage(silence);
  const existing = raise ? await db().anomaly.findFirst({ where: { orgId, seriesKey: trackingSeriesKey(websiteId), periodStart: new Date(silence.start) }, select: { id: true } }) : null;
  const result = emptySyncResult();
  if (raise && (existing || endHour - silence.start <= MAX_NEW_SILENCE_HOURS * HOUR_MS)) {
    addSyncResult(result, await syncAnomalies(orgId, [trackingSeriesKey(websiteId)], [draftFor(websiteId, silence, endHour)], now, { removeStale: false }));
  }
  await resolveEnded(orgId, websiteId, counts, raise ? silence.start : null, endHour, now);
  return result;
}

/** Every website of the organization. */
export async function checkHeartbeats(orgId: string, now: Date): Promise<{ series: number; sync: SyncResult }> {
  const websites = await db().website.findMany({ where: { orgId }, select: { id: true }, orderBy: { createdAt: "asc" } });
  const sync = emptySyncResult();
  for (const website of websites) addSyncResult(sync, await checkWebsiteHeartbeat(orgId, website.id, now));
  return { series: websites.length, sync };
}
