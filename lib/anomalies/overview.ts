// The overview page's figures, computed from the anomalies table scoped by organization.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { addDays, dayRange, todayUtc } from "@/lib/time";
import type { AnomalyType, Severity } from "@/lib/vocabulary";

export const OVERVIEW_PERIOD_DAYS = 30;
export const TIMELINE_DAYS = 90;

export interface LatestAnomaly {
  id: number;
  type: AnomalyType;
  metric: string;
  day: string;
  severity: string;
  status: string;
  deviationPercent: number;
  detectedAt: string;
  href: string;
  source: string;
}

export interface Overview {
  periodDays: number;
  activeTotal: number;
  active: Record<AnomalyType, Record<Severity, number>>;
  unexplainedSpend: number;
  timeline: Array<{ day: string; cost: number; performance: number; web: number }>;
  latest: LatestAnomaly[];
}

function emptyCounts(): Record<Severity, number> {
  return { critical: 0, warning: 0, info: 0 };
}

export async function loadOverview(org: Pick<OrgRef, "id">, now = new Date()): Promise<Overview> {
  const today = todayUtc(now);
  const timelineStart = addDays(today, -(TIMELINE_DAYS - 1));
  const periodStart = addDays(today, -OVERVIEW_PERIOD_DAYS);
  const [rows, providers, websites] = await Promise.all([
    db().anomaly.findMany({
      where: { orgId: org.id, day: { gte: timelineStart }, withdrawnAt: null },
      select: {
        id: true,
        type: true,
        metric: true,
        day: true,
        severity: true,
        status: true,
        isResolved: true,
        actual: true,
        expected: true,
        impact: true,
        deviationPercent: true,
        detectedAt: true,
        providerId: true,
        websiteId: true,
        publicId: true,
      },
      orderBy: [{ detectedAt: "desc" }, { id: "desc" }],
    }),
    db().provider.findMany({ where: { orgId: org.id }, select: { id: true, name: true } }),
    db().website.findMany({ where: { orgId: org.id }, select: { id: true, name: true } }),
  ]);
  const providerName = new Map(providers.map((p) => [p.id, p.name]));
  const websiteName = new Map(websites.map((w) => [w.id, w.name]));

  const active: Overview["active"] = { cost: emptyCounts(), performance: emptyCounts(), web: emptyCounts() };
  let activeTotal = 0;
  let unexplainedSpend = 0;
  const perDay = new Map(dayRange(timelineStart, today).map((day) => [day, { day, cost: 0, performance: 0, web: 0 }]));
  for (const row of rows) {
    const bucket = perDay.get(row.day);
    if (bucket) bucket[row.type] += 1;
    // "Active" = still needs a look: not dismissed by a person, not resolved by the data.
    if (row.day >= periodStart && row.status === "active" && !row.isResolved) {
      active[row.type][row.severity] += 1;
      activeTotal += 1;
      // A cost incident's impact covers all its days (the first day's excess alone undercounts a lasting one).
      if (row.type === "cost") unexplainedSpend += Math.max(0, row.impact > 0 ? row.impact : row.actual - row.expected);
    }
  }
  const latest = rows.slice(0, 8).map((row): LatestAnomaly => {
    const isWeb = row.type === "web";
    return {
      id: row.id,
      type: row.type,
      metric: row.metric,
      day: row.day,
      severity: row.severity,
      status: row.isResolved ? "resolved" : row.status,
      deviationPercent: row.deviationPercent,
      detectedAt: row.detectedAt.toISOString(),
      href: isWeb ? `/websites/${row.websiteId}/anomalies/anom_${row.publicId}` : `/anomalies/${row.id}`,
      source: isWeb ? (websiteName.get(row.websiteId ?? "") ?? "Website") : (providerName.get(row.providerId ?? 0) ?? "Provider"),
    };
  });
  return {
    periodDays: OVERVIEW_PERIOD_DAYS,
    activeTotal,
    active,
    unexplainedSpend: Math.round(unexplainedSpend * 100) / 100,
    timeline: [...perDay.values()],
    latest,
  };
}
