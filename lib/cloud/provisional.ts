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

type ProviderSettlement = { id: number; settlementDays: number };

function byProvider<R extends { providerId: number | null }>(rows: R[]): Map<number, R[]> {
  const out = new Map<number, R[]>();
  for (const r of rows) {
    if (r.providerId === null) continue;
    let list = out.get(r.providerId);
    if (!list) out.set(r.providerId, (list = []));
    list.push(r);
  }
  return out;
}

/**
 * Records each recent day's total as this run sees it, noting when it changed after first arriving.
 * All of the organization's providers at once: a handful of statements per run, not per provider
 * (issue 12: a daily run over a hundred providers).
 */
async function observeDayTotals(providerIds: number[], now: Date): Promise<void> {
  const today = todayUtc(now);
  const from = addDays(today, -WATCH_DAYS);
  const totals = await db().costDaily.groupBy({ by: ["providerId", "day"], where: { providerId: { in: providerIds }, day: { gte: from, lte: today } }, _sum: { amount: true, otherAmount: true } });
  const known = new Map((await db().costDaySettlement.findMany({ where: { providerId: { in: providerIds }, day: { gte: from } } })).map((s) => [`${s.providerId}|${s.day}`, s]));
  const fresh = [];
  for (const t of totals) {
    const total = (t._sum.amount ?? 0) + (t._sum.otherAmount ?? 0);
    const seen = known.get(`${t.providerId}|${t.day}`);
    if (!seen) fresh.push({ providerId: t.providerId, day: t.day, firstTotal: total, firstSeenAt: now, lastTotal: total });
    else if (Math.abs(total - seen.lastTotal) > Math.max(1, MATERIAL_SHARE * Math.abs(seen.lastTotal))) {
      await db().costDaySettlement.update({ where: { providerId_day: { providerId: t.providerId, day: t.day } }, data: { lastTotal: total, lastChangedAt: now } });
    }
  }
  if (fresh.length) await db().costDaySettlement.createMany({ data: fresh });
}

/**
 * The lag of each watched day's last correction (0 when it never changed after arriving),
 * counting only days watched for MAX_SETTLEMENT_DAYS already: a day that arrived yesterday
 * may still be corrected. Until enough days have been watched, the default holds. Per provider.
 */
async function learnedSettlementDays(providers: ProviderSettlement[], now: Date): Promise<Map<number, number>> {
  const watchedSince = new Date(now.getTime() - MAX_SETTLEMENT_DAYS * 86_400_000);
  const rows = byProvider(await db().costDaySettlement.findMany({ where: { providerId: { in: providers.map((p) => p.id) }, day: { gte: addDays(todayUtc(now), -LEARN_DAYS) }, firstSeenAt: { lte: watchedSince } } }));
  const out = new Map<number, number>();
  for (const p of providers) {
    const own = rows.get(p.id) ?? [];
    out.set(p.id, own.length < MIN_LEARN_SAMPLES ? p.settlementDays : learnSettlementDays(own.map((r) => (r.lastChangedAt ? Math.max(0, daysBetween(r.day, dayOf(r.lastChangedAt))) : 0))));
  }
  return out;
}

function settleEvent(orgId: string, a: { id: number; severity: Severity; provisionalSeverity: Severity | null; withdrawnAt: Date | null }, now: Date): AnomalyEventDraft {
  const before = a.provisionalSeverity ?? a.severity;
  const details = { severity_before: before, severity_after: a.severity };
  if (a.withdrawnAt) return { orgId, anomalyId: a.id, action: "withdrawn", by: SYSTEM_ACTOR, at: now, reason: "the day settled and its final bill is within the expected range", details };
  if (SEVERITY_RANK[a.severity] > SEVERITY_RANK[before]) return { orgId, anomalyId: a.id, action: "escalated", by: SYSTEM_ACTOR, at: now, reason: "the day settled higher than first billed", details };
  return { orgId, anomalyId: a.id, action: "confirmed", by: SYSTEM_ACTOR, at: now, reason: "the day settled and still shows the anomaly", details };
}

/** Marks cost anomalies on unsettled days provisional; re-scores those whose day settled (each provider by its own settlement days). */
async function markAndSettle(orgId: string, settlementDays: Map<number, number>, now: Date, result: SyncResult): Promise<void> {
  const today = todayUtc(now);
  const firstUnsettled = new Map([...settlementDays].map(([id, days]) => [id, addDays(today, -(days - 1))]));
  const providerIds = [...settlementDays.keys()];
  const since = [...firstUnsettled.values()].sort()[0];
  const unsettled = (a: { providerId: number | null; day: string }) => a.providerId !== null && a.day >= (firstUnsettled.get(a.providerId) ?? a.day);
  const candidates = await db().anomaly.findMany({
    where: { orgId, providerId: { in: providerIds }, type: "cost", provisional: false, provisionalSeverity: null, withdrawnAt: null, day: { gte: since } },
    select: { id: true, severity: true, providerId: true, day: true },
  });
  for (const a of candidates.filter(unsettled)) await db().anomaly.update({ where: { id: a.id }, data: { provisional: true, provisionalSeverity: a.severity } });

  const provisional = byProvider(await db().anomaly.findMany({ where: { orgId, providerId: { in: providerIds }, type: "cost", provisional: true }, orderBy: { id: "asc" } }));
  // In provider order, as a per-provider pass would list them.
  const settled = providerIds.flatMap((id) => (provisional.get(id) ?? []).filter((a) => !unsettled(a)));
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
  if (providers.length === 0) return result;
  await observeDayTotals(providers.map((p) => p.id), now);
  const learned = await learnedSettlementDays(providers, now);
  for (const p of providers) {
    const days = learned.get(p.id) ?? p.settlementDays;
    if (days !== p.settlementDays) await db().provider.update({ where: { id: p.id }, data: { settlementDays: days } });
  }
  await markAndSettle(orgId, learned, now, result);
  return result;
}
