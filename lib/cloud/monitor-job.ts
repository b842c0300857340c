// The cost monitors' detection pass (issue 13): the services monitor is the provider series of
// job.ts (this module only attaches its id and root causes); accounts and tag monitors judge
// each linked account or tag value as its own series, so a spike in one account is not hidden
// by a dip in another.
import { db } from "@/lib/db/client";
import { addSyncResult, emptySyncResult, noLease, syncAnomalies, type AnomalyDraft, type AssertLease, type SyncResult } from "@/lib/anomalies/store";
import { assemble, detectionWindow, type ServiceDaily } from "./series";
import { draftsForSeries } from "./job";
import { explainCostDrafts } from "./root-causes";
import { readMonitorValues } from "./monitors";

/** Series one monitor judges per provider at most (the busiest values first): bounds a run's work. */
export const MAX_SERIES_PER_MONITOR = 200;

export function monitorSeriesKey(monitorId: number, providerId: number, value: string): string {
  return `monitor:${monitorId}:${providerId}:${value}`;
}

type DimensionRow = { day: string; dim: string; service: string; value: number };

/** Groups rows by dimension value, busiest first, keeping at most MAX_SERIES_PER_MONITOR values. */
function seriesByValue(rows: DimensionRow[], only: string[]): Map<string, ServiceDaily> {
  const wanted = only.length ? new Set(only) : null;
  const byValue = new Map<string, { spend: number; rows: DimensionRow[] }>();
  for (const r of rows) {
    if (wanted && !wanted.has(r.dim)) continue;
    let group = byValue.get(r.dim);
    if (!group) byValue.set(r.dim, (group = { spend: 0, rows: [] }));
    group.spend += Math.abs(r.value);
    group.rows.push(r);
  }
  const busiest = [...byValue].sort((a, b) => b[1].spend - a[1].spend).slice(0, MAX_SERIES_PER_MONITOR);
  return new Map(busiest.map(([value, group]) => [value, assemble(group.rows, "sum")]));
}

async function accountRows(orgId: string, providerId: number, fromDay: string, untilDay: string): Promise<DimensionRow[]> {
  const rows = await db().costEntry.groupBy({
    by: ["day", "subAccount", "service"],
    where: { orgId, providerId, chargeCategory: "usage", day: { gte: fromDay, lte: untilDay }, subAccount: { not: "" } },
    _sum: { amount: true },
  });
  return rows.map((r) => ({ day: r.day, dim: r.subAccount, service: r.service, value: r._sum.amount ?? 0 }));
}

async function tagRows(orgId: string, providerId: number, key: string, fromDay: string, untilDay: string): Promise<DimensionRow[]> {
  const rows = await db().costEntryTag.groupBy({
    by: ["day", "value", "service"],
    where: { orgId, providerId, key, day: { gte: fromDay, lte: untilDay } },
    _sum: { amount: true },
  });
  return rows.map((r) => ({ day: r.day, dim: r.value, service: r.service, value: r._sum.amount ?? 0 }));
}

type MonitorRow = Awaited<ReturnType<ReturnType<typeof db>["costMonitor"]["findFirstOrThrow"]>>;

async function detectMonitorOnProvider(orgId: string, monitor: MonitorRow, providerId: number, now: Date): Promise<{ series: number; sync: SyncResult }> {
  const window = detectionWindow(now);
  const only = readMonitorValues(monitor);
  const isTag = monitor.kind === "tag";
  const rows = isTag ? await tagRows(orgId, providerId, monitor.tagKey ?? "", window.fromDay, window.untilDay) : await accountRows(orgId, providerId, window.fromDay, window.untilDay);
  const drafts: AnomalyDraft[] = [];
  const keys = new Set<string>();
  for (const [value, series] of seriesByValue(rows, only)) {
    const key = monitorSeriesKey(monitor.id, providerId, value);
    keys.add(key);
    const dimension = { monitorId: monitor.id, dimensionKey: isTag ? (monitor.tagKey ?? "") : "account_id", dimensionValue: value };
    // Tag values have no account/region/usage-type breakdown; an account's causes are its own combinations.
    drafts.push(...(await explainCostDrafts(orgId, providerId, draftsForSeries(series, "cost", "cost", providerId, key), { ...dimension, account: isTag ? null : value, withCauses: !isTag })));
  }
  // Series of this monitor that no longer qualify (values changed) are withdrawn with the rest.
  const stored = await db().anomaly.findMany({ where: { orgId, monitorId: monitor.id, providerId }, select: { seriesKey: true }, distinct: ["seriesKey"] });
  const series = keys.size;
  for (const s of stored) keys.add(s.seriesKey);
  return { series, sync: await syncAnomalies(orgId, [...keys], drafts, now, { removeStale: true }) };
}

/** Runs every live accounts and tag monitor of the organization (a detector of lib/jobs/run-detection.ts, after the cloud one). */
export async function detectMonitorsForOrg(orgId: string, now: Date, assertLease: AssertLease = noLease): Promise<{ series: number; sync: SyncResult }> {
  const stats = { series: 0, sync: emptySyncResult() };
  const monitors = await db().costMonitor.findMany({ where: { orgId, deletedAt: null, kind: { in: ["accounts", "tag"] } }, orderBy: { id: "asc" } });
  if (monitors.length === 0) return stats;
  const providers = await db().provider.findMany({ where: { orgId }, select: { id: true }, orderBy: { id: "asc" } });
  for (const monitor of monitors) {
    for (const provider of providers) {
      if (monitor.providerId !== null && monitor.providerId !== provider.id) continue;
      await assertLease();
      const { series, sync } = await detectMonitorOnProvider(orgId, monitor, provider.id, now);
      stats.series += series;
      addSyncResult(stats.sync, sync);
    }
  }
  return stats;
}
