// Website anomalies for the external API (/api/external/v1) and the dashboard.
// Every query is scoped by the caller's organization.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { config } from "@/lib/config";
import { RANGE_HOURS, type ListWebAnomaliesQuery, type SegmentFilter, type WebAnomaliesPage, type WebAnomalyJson, type WebsiteJson } from "@/lib/web/schemas";
import { HOUR_MS } from "@/lib/time";
import { verdictsFor } from "@/lib/web/detect";
import type { WebMetric } from "@/lib/web/metrics";
import { loadWebSeries } from "@/lib/web/series";
import type { AnomalyType } from "@/lib/vocabulary";
import { findWebsite, listWebsiteRecords, toWebsiteJson } from "./websites";

type Org = Pick<OrgRef, "id">;
const WEB: AnomalyType = "web";
type AnomalyRow = Awaited<ReturnType<ReturnType<typeof db>["anomaly"]["findFirstOrThrow"]>>;

/** Values keep two decimals (850, 42.5, 0.8, 1.23); the deviation one, as the spec shows. */
const value = (n: number) => Math.round(n * 100) / 100;
const pct = (n: number) => Math.round(n * 10) / 10;

type ListedRow = Pick<AnomalyRow, "publicId" | "metric" | "expected" | "actual" | "deviationPercent" | "severity" | "detectedAt" | "isResolved" | "segmentDimension" | "segmentValue" | "status">;

export function toWebAnomalyJson(a: ListedRow): WebAnomalyJson {
  return {
    id: `anom_${a.publicId}`,
    metric_name: a.metric,
    expected_value: value(a.expected),
    actual_value: value(a.actual),
    deviation_percentage: pct(a.deviationPercent),
    severity: a.severity,
    detected_at: a.detectedAt.toISOString(),
    is_resolved: a.isResolved,
    segment: a.segmentDimension && a.segmentValue !== null ? { dimension: a.segmentDimension, value: a.segmentValue } : null,
    status: a.status,
  };
}

function segmentWhere(filter: SegmentFilter | undefined) {
  if (!filter) return {};
  if (filter.kind === "site") return { segmentDimension: null };
  if (filter.kind === "dimension") return { segmentDimension: filter.dimension };
  return { segmentDimension: filter.dimension, segmentValue: filter.value };
}

export async function listWebsites(org: Org): Promise<WebsiteJson[]> {
  return (await listWebsiteRecords(org)).map(toWebsiteJson);
}

export async function getWebsite(org: Org, websiteId: string): Promise<WebsiteJson> {
  return toWebsiteJson(await findWebsite(org, websiteId));
}

function anomalyWhere(org: Org, websiteId: string, filters: ListWebAnomaliesQuery, now: Date) {
  return {
    orgId: org.id,
    type: WEB,
    websiteId,
    // Incidents a later run no longer supports are kept (with their alerts) but not listed.
    withdrawnAt: null,
    detectedAt: { gte: new Date(now.getTime() - RANGE_HOURS[filters.range] * HOUR_MS) },
    ...(filters.severity ? { severity: filters.severity } : {}),
    ...(filters.metric ? { metric: filters.metric } : {}),
    ...(filters.resolved !== undefined ? { isResolved: filters.resolved } : {}),
    ...segmentWhere(filters.segment),
  };
}

/** The spec's `data` object: anomalies detected within `range`, newest first, paginated. */
export async function listWebAnomalies(org: Org, websiteId: string, filters: ListWebAnomaliesQuery, now = new Date()): Promise<WebAnomaliesPage> {
  await findWebsite(org, websiteId);
  const where = anomalyWhere(org, websiteId, filters, now);
  const [total, rows] = await Promise.all([
    db().anomaly.count({ where }),
    db().anomaly.findMany({ where, orderBy: [{ detectedAt: "desc" }, { id: "desc" }], skip: filters.offset, take: filters.limit }),
  ]);
  return {
    anomalies: rows.map(toWebAnomalyJson),
    pagination: { total, limit: filters.limit, offset: filters.offset, has_more: filters.offset + rows.length < total },
  };
}

export interface WebMetricPoint {
  hour: string;
  actual: number | null;
  expected: number | null;
  lower: number | null;
  upper: number | null;
}

/** A metric's last `hours` hours with the detector's expected value and band, for charts. */
export async function getWebMetricSeries(org: Org, websiteId: string, metric: WebMetric, opts: { hours: number }, now = new Date()): Promise<WebMetricPoint[]> {
  await findWebsite(org, websiteId);
  const series = (await loadWebSeries(websiteId, now)).get(metric);
  if (!series) return [];
  const verdicts = verdictsFor(series, metric, config.sensitivity);
  const from = Math.max(0, series.hours.length - Math.max(1, opts.hours));
  const r = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);
  const out: WebMetricPoint[] = [];
  for (let i = from; i < series.hours.length; i++) {
    const v = verdicts[i];
    out.push({ hour: new Date(series.hours[i]).toISOString(), actual: r(series.values[i]), expected: r(v.expected), lower: r(v.lower), upper: r(v.upper) });
  }
  return out;
}
