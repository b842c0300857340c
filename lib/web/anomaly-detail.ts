// One web anomaly (issue 15): its page's figures (the hourly series with the expected band
// around the incident, the denominators behind a rate, extent, resolution, history) and the
// people's verbs on it, dismiss and reopen, each recorded in its history and the audit log.
// Every query is scoped by the caller's organization; another organization's anomaly is a 404.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { notFound } from "@/lib/http/errors";
import { config } from "@/lib/config";
import { HOUR_MS } from "@/lib/time";
import { recordAnomalyEvents } from "@/lib/anomalies/history";
import { historyFieldsOf } from "@/lib/anomalies/history-view";
import { recordAudit } from "@/lib/org/audit";
import type { WebAnomalyDetailJson } from "@/lib/web/schemas";
import { toWebAnomalyJson } from "./anomalies";
import { verdictsFor, type HourlySeries } from "./detect";
import { DENOMINATOR_LABELS, isWebMetric, type SeriesMetric } from "./metrics";
import { loadSegmentSeries, segmentMetric } from "./segments";
import { loadWebSeries } from "./series";
import { SEGMENT_DEFAULTS } from "./settings";

type Org = Pick<OrgRef, "id">;
type AnomalyRow = Awaited<ReturnType<ReturnType<typeof db>["anomaly"]["findFirstOrThrow"]>>;

/** The chart's window around the incident: two days before it, one day after it. */
export const DETAIL_HOURS_BEFORE = 48;
export const DETAIL_HOURS_AFTER = 24;

const round = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);
const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export async function findWebAnomaly(org: Org, publicId: string): Promise<AnomalyRow> {
  const row = await db().anomaly.findFirst({ where: { publicId, orgId: org.id, type: "web" } });
  if (!row) throw notFound("Anomaly");
  return row;
}

/** The series the anomaly was found in (a site metric or its segment), loaded as of `asOf`. */
async function seriesOf(row: AnomalyRow, asOf: Date): Promise<{ metric: SeriesMetric; series: HourlySeries } | null> {
  if (!row.websiteId) return null;
  if (row.segmentDimension && row.segmentValue !== null) {
    const segment = { dimension: row.segmentDimension, value: row.segmentValue };
    const [found] = await loadSegmentSeries(row.websiteId, asOf, SEGMENT_DEFAULTS, segment);
    return found ? { metric: segmentMetric(row.segmentDimension), series: found.series } : null;
  }
  if (!isWebMetric(row.metric)) return null;
  const series = (await loadWebSeries(row.websiteId, asOf)).get(row.metric);
  return series ? { metric: row.metric, series } : null;
}

async function chartAround(row: AnomalyRow, now: Date): Promise<WebAnomalyDetailJson["series"]> {
  const from = row.periodStart.getTime() - DETAIL_HOURS_BEFORE * HOUR_MS;
  const until = row.periodEnd.getTime() + DETAIL_HOURS_AFTER * HOUR_MS;
  const found = await seriesOf(row, new Date(Math.min(now.getTime(), until)));
  if (!found) return [];
  const verdicts = verdictsFor(found.series, found.metric, config.sensitivity);
  const points: WebAnomalyDetailJson["series"] = [];
  found.series.hours.forEach((hour, i) => {
    if (hour < from || hour >= until) return;
    const v = verdicts[i];
    points.push({
      hour: new Date(hour).toISOString(),
      actual: round(found.series.values[i]),
      expected: round(v.expected),
      lower: round(v.lower),
      upper: round(v.upper),
      denominator: found.series.denominators[i],
    });
  });
  return points;
}

export async function toWebAnomalyDetail(row: AnomalyRow, now = new Date()): Promise<WebAnomalyDetailJson> {
  const [series, { history, feedback }] = await Promise.all([chartAround(row, now), historyFieldsOf(row)]);
  return {
    ...toWebAnomalyJson(row),
    website_id: row.websiteId ?? "",
    direction: row.direction,
    expected_lower: Math.round(row.expectedLower * 100) / 100,
    expected_upper: Math.round(row.expectedUpper * 100) / 100,
    period_start: row.periodStart.toISOString(),
    period_end: row.periodEnd.toISOString(),
    hours: Math.max(1, Math.round((row.periodEnd.getTime() - row.periodStart.getTime()) / HOUR_MS)),
    peak_at: row.peakAt.toISOString(),
    resolved_at: iso(row.resolvedAt),
    withdrawn_at: iso(row.withdrawnAt),
    dismissal:
      row.status === "dismissed" && row.dismissedAt
        ? { reason: row.dismissReason, dismissed_by: row.dismissedBy, dismissed_at: row.dismissedAt.toISOString() }
        : null,
    denominator_label: !row.segmentDimension && isWebMetric(row.metric) ? (DENOMINATOR_LABELS[row.metric] ?? null) : null,
    series,
    history,
    feedback,
  };
}

export async function getWebAnomalyDetail(org: Org, publicId: string, now = new Date()): Promise<WebAnomalyDetailJson> {
  return toWebAnomalyDetail(await findWebAnomaly(org, publicId), now);
}

/** Idempotent like the cloud dismiss: dismissing again keeps the first dismissal, and its reason unless a new one is given. */
export async function dismissWebAnomaly(org: Org, publicId: string, reason: string | null | undefined, actor: string): Promise<WebAnomalyDetailJson> {
  const row = await findWebAnomaly(org, publicId);
  const trimmed = reason?.trim() ? reason.trim() : null;
  if (row.status === "dismissed") {
    if (trimmed !== null && trimmed !== row.dismissReason) {
      await db().anomaly.updateMany({ where: { id: row.id, orgId: org.id }, data: { dismissReason: trimmed } });
    }
  } else {
    const at = new Date();
    await db().$transaction(async (tx) => {
      await tx.anomaly.updateMany({ where: { id: row.id, orgId: org.id }, data: { status: "dismissed", dismissReason: trimmed, dismissedBy: actor, dismissedAt: at } });
      await recordAnomalyEvents([{ orgId: org.id, anomalyId: row.id, action: "dismissed", by: actor, at, reason: trimmed }], tx);
      await recordAudit({ orgId: org.id, actor, action: "anomaly.dismiss", targetType: "anomaly", targetId: `anom_${row.publicId}`, details: { reason: trimmed }, at }, tx);
    });
  }
  return getWebAnomalyDetail(org, publicId);
}

/** Undoes a dismissal (the anomaly is active again and alerts as before); reopening an active anomaly changes nothing. */
export async function reopenWebAnomaly(org: Org, publicId: string, actor: string): Promise<WebAnomalyDetailJson> {
  const row = await findWebAnomaly(org, publicId);
  if (row.status === "dismissed") {
    const at = new Date();
    await db().$transaction(async (tx) => {
      await tx.anomaly.updateMany({ where: { id: row.id, orgId: org.id }, data: { status: "active", dismissReason: null, dismissedBy: null, dismissedAt: null } });
      // The history keeps what the dismissal said.
      await recordAnomalyEvents([{ orgId: org.id, anomalyId: row.id, action: "reopened", by: actor, at, details: { dismissed_by: row.dismissedBy, reason: row.dismissReason } }], tx);
      await recordAudit({ orgId: org.id, actor, action: "anomaly.reopen", targetType: "anomaly", targetId: `anom_${row.publicId}`, at }, tx);
    });
  }
  return getWebAnomalyDetail(org, publicId);
}
