// Provisional cost days (issue 14): cloud bills settle late, so a day's spend keeps moving for
// a while after it first arrives. Each provider has `settlementDays` (default 2), learned from
// how late its imports still corrected recent days. A cost anomaly on a day that has not
// settled is `provisional`: it is alerted only when its impact is at least PROVISIONAL_ALERT_FACTOR
// times the cost floor, and once the day settles it is re-scored — escalated, confirmed or
// withdrawn, each with a history entry (never silently deleted).
import { db } from "@/lib/db/client";
import { config } from "@/lib/config";
import { addDays, dayOf, daysBetween, todayUtc } from "@/lib/time";
import { SEVERITY_RANK, type Severity } from "@/lib/vocabulary";
import { recordAnomalyEvents, SYSTEM_ACTOR, type AnomalyEventDraft } from "@/lib/anomalies/history";
import { emptySyncResult, type SyncResult } from "@/lib/anomalies/store";

export const DEFAULT_SETTLEMENT_DAYS = 2;
export const MAX_SETTLEMENT_DAYS = 7;
/** A provisional anomaly is alerted only when its impact is at least this many cost floors. */
export const PROVISIONAL_ALERT_FACTOR = 3;
/** Recent days whose totals are watched for corrections. */
const WATCH_DAYS = 14;
/** Days of correction history the lag is learned from, and how many of them it needs. */
const LEARN_DAYS = 60;
const MIN_LEARN_SAMPLES = 7;
/** The lag quantile taken: most days have settled by then. */
const LAG_QUANTILE = 0.9;
/** A change smaller than this share of the day (or than one currency unit) is rounding, not a correction. */
const MATERIAL_SHARE = 0.01;

/** Whether a day's bill may still change at `today` (its lag has not passed yet). */
export function isUnsettled(day: string, today: string, settlementDays: number): boolean {
  return daysBetween(day, today) < settlementDays;
}

/** Whether the alert gate holds this anomaly back: provisional and not big enough to alert before the day settles. */
export function heldAsProvisional(anomaly: { provisional: boolean; impact: number }, costFloor = config.costFloor): boolean {
  return anomaly.provisional && Math.abs(anomaly.impact) < PROVISIONAL_ALERT_FACTOR * costFloor;
}

/** The settlement lag from observed correction lags (days): a high quantile, bounded 0..MAX_SETTLEMENT_DAYS. */
export function learnSettlementDays(lags: number[]): number {
  if (lags.length < MIN_LEARN_SAMPLES) return DEFAULT_SETTLEMENT_DAYS;
  const sorted = [...lags].sort((a, b) => a - b);
  const q = sorted[Math.min(sorted.length - 1, Math.ceil(LAG_QUANTILE * sorted.length) - 1)];
  return Math.max(0, Math.min(MAX_SETTLEMENT_DAYS, Math.ceil(q)));
}

/** Records each recent day's total as this run sees it, noting when it changed after first arriving. */
async function observeDayTotals(providerId: number, now: Date): Promise<void> {
  const today = todayUtc(now);
  const from = addDays(today, -WATCH_DAYS);
  const totals = await db().costDaily.groupBy({ by: ["day"], where: { providerId, day: { gte: from, lte: today } }, _sum: { amount: true, otherAmount: true } });
  const known = new Map((await db().costDaySettlement.findMany({ where: { providerId, day: { gte: from } } })).map((s) => [s.day, s]));
  for (const t of totals) {
    const total = (t._sum.amount ?? 0) + (t._sum.otherAmount ?? 0);
    const seen = known.get(t.day);
    if (!seen) {
      await db().costDaySettlement.create({ data: { providerId, day: t.day, firstTotal: total, firstSeenAt: now, lastTotal: total } });
    } else if (Math.abs(total - seen.lastTotal) > Math.max(1, MATERIAL_SHARE * Math.abs(seen.lastTotal))) {
      await db().costDaySettlement.update({ where: { providerId_day: { providerId, day: t.day } }, data: { lastTotal: total, lastChangedAt: now } });
    }
  }
}

/**
 * The lag of each watched day's last correction (0 when it never changed after arriving),
 * counting only days watched for MAX_SETTLEMENT_DAYS already: a day that arrived yesterday
 * may still be corrected. Until enough days have been watched, the default holds.
 */
async function learnedSettlementDays(providerId: number, current: number, now: Date): Promise<number> {
  const watchedSince = new Date(now.getTime() - MAX_SETTLEMENT_DAYS * 86_400_000);
  const rows = await db().costDaySettlement.findMany({ where: { providerId, day: { gte: addDays(todayUtc(now), -LEARN_DAYS) }, firstSeenAt: { lte: watchedSince } } });
  if (rows.length < MIN_LEARN_SAMPLES) return current;
  return learnSettlementDays(rows.map((r) => (r.lastChangedAt ? Math.max(0, daysBetween(r.day, dayOf(r.lastChangedAt))) : 0)));
}

function settleEvent(orgId: string, a: { id: number; severity: Severity; provisionalSeverity: Severity | null; withdrawnAt: Date | null }, now: Date): AnomalyEventDraft {
  const before = a.provisionalSeverity ?? a.severity;
  const details = { severity_before: before, severity_after: a.severity };
  if (a.withdrawnAt) return { orgId, anomalyId: a.id, action: "withdrawn", by: SYSTEM_ACTOR, at: now, reason: "the day settled and its final bill is within the expected range", details };
  if (SEVERITY_RANK[a.severity] > SEVERITY_RANK[before]) return { orgId, anomalyId: a.id, action: "escalated", by: SYSTEM_ACTOR, at: now, reason: "the day settled higher than first billed", details };
  return { orgId, anomalyId: a.id, action: "confirmed", by: SYSTEM_ACTOR, at: now, reason: "the day settled and still shows the anomaly", details };
}

/** Marks cost anomalies on unsettled days provisional; re-scores those whose day settled. */
async function markAndSettle(orgId: string, providerId: number, settlementDays: number, now: Date, result: SyncResult): Promise<void> {
  const today = todayUtc(now);
  const firstUnsettled = addDays(today, -(settlementDays - 1));
  const fresh = await db().anomaly.findMany({ where: { orgId, providerId, type: "cost", provisional: false, provisionalSeverity: null, withdrawnAt: null, day: { gte: firstUnsettled } }, select: { id: true, severity: true } });
  for (const a of fresh) await db().anomaly.update({ where: { id: a.id }, data: { provisional: true, provisionalSeverity: a.severity } });

  const settled = await db().anomaly.findMany({ where: { orgId, providerId, type: "cost", provisional: true, day: { lt: firstUnsettled } } });
  if (settled.length === 0) return;
  const alerted = new Set((await db().alertDelivery.findMany({ where: { anomalyId: { in: settled.map((a) => a.id) }, event: "created" }, select: { anomalyId: true } })).map((d) => d.anomalyId));
  const events = settled.map((a) => settleEvent(orgId, a, now));
  await db().anomaly.updateMany({ where: { orgId, id: { in: settled.map((a) => a.id) } }, data: { provisional: false } });
  await recordAnomalyEvents(events);
  for (const [k, a] of settled.entries()) {
    if (a.withdrawnAt || a.status !== "active") continue;
    // Held back while provisional: alerted now that the day settled (escalations always are).
    if (events[k].action === "escalated") result.escalatedIds.push(a.id);
    else if (!alerted.has(a.id)) result.createdIds.push(a.id);
  }
}

/** The provisional-days pass over one organization's providers (after the cost job). */
export async function settleProvisionalDays(orgId: string, now: Date): Promise<SyncResult> {
  const result = emptySyncResult();
  const providers = await db().provider.findMany({ where: { orgId }, select: { id: true, settlementDays: true }, orderBy: { id: "asc" } });
  for (const provider of providers) {
    await observeDayTotals(provider.id, now);
    const learned = await learnedSettlementDays(provider.id, provider.settlementDays, now);
    if (learned !== provider.settlementDays) await db().provider.update({ where: { id: provider.id }, data: { settlementDays: learned } });
    await markAndSettle(orgId, provider.id, learned, now, result);
  }
  return result;
}
