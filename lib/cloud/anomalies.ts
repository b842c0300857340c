// The cloud anomalies API's domain: every query is scoped by the caller's organization.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { notFound } from "@/lib/http/errors";
import { addDays, todayUtc } from "@/lib/time";
import { encodeAnomalyCursor, type CloudAnomalyDetailJson, type CloudAnomalyJson, type ListAnomaliesQuery } from "@/lib/cloud/schemas";
import { readTopServices } from "@/lib/anomalies/top-services";
import { recordAnomalyEvents } from "@/lib/anomalies/history";
import { recordAudit } from "@/lib/org/audit";
import { monitorJsonFields, monitorListWhere, rootCausesJson } from "./monitor-anomalies";
import { historyFieldsOf } from "@/lib/anomalies/history-view";
import { suppressFromDismissal, type DismissSuppression } from "@/lib/anomalies/suppressions";
import { CLOUD_ANOMALY_TYPES, isOneOf, StoredValueError, type CloudAnomalyType } from "@/lib/vocabulary";
import { loadCostSeries, loadPerformanceSeries } from "./series";
import { readExplainedBy } from "./unit-costs";
import { evaluateSeries, serviceFiguresOn } from "./evaluation";
import { readStoredContext, type StoredContext } from "./bands";

type AnomalyRow = Awaited<ReturnType<ReturnType<typeof db>["anomaly"]["findFirstOrThrow"]>>;

const CLOUD_TYPES = [...CLOUD_ANOMALY_TYPES];
const DETAIL_DAYS_BEFORE = 30;
const DETAIL_DAYS_AFTER = 7;
/**
 * History behind the chart's bands: enough for weekly patterns, monthly charges and
 * level changes to be learned, without re-running detection over years per request.
 */
const DETAIL_HISTORY_DAYS = 182;

const money = (n: number) => Math.round(n * 100) / 100;
const pct = (n: number) => Math.round(n * 10) / 10;

const isoSeconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Rows come from queries filtered to the cloud types; a web row here is a bug, not a corrupt value. */
function cloudTypeOf(a: Pick<AnomalyRow, "id" | "type">): CloudAnomalyType {
  if (!isOneOf(CLOUD_ANOMALY_TYPES, a.type)) throw new StoredValueError("Anomaly.type", `anomaly ${a.id} is a ${a.type} anomaly, not a cloud one`);
  return a.type;
}

/**
 * The columns a listed anomaly's JSON is made of. Prisma's cost is per row and column (most
 * of a 730-day list's computation: thousands of rows); the others (root causes, cause lists,
 * period bounds, history fields) would be read and thrown away.
 */
const LISTED_COLUMNS = {
  id: true,
  type: true,
  providerId: true,
  day: true,
  actual: true,
  expected: true,
  expectedUpper: true,
  expectedLower: true,
  deviationPercent: true,
  topServices: true,
  status: true,
  detectedAt: true,
  metric: true,
  severity: true,
  direction: true,
  lastDay: true,
  days: true,
  impact: true,
  isResolved: true,
  resolvedAt: true,
  withdrawnAt: true,
  monitorId: true,
  dimensionKey: true,
  dimensionValue: true,
  suppressedBy: true,
  provisional: true,
  explainedBy: true,
} as const satisfies Partial<Record<keyof AnomalyRow, true>>;

type ListedRow = Pick<AnomalyRow, keyof typeof LISTED_COLUMNS>;

export function toCloudAnomalyJson(a: ListedRow): CloudAnomalyJson {
  return {
    id: a.id,
    type: cloudTypeOf(a),
    provider_id: a.providerId ?? 0,
    date: a.day,
    actual_amount: money(a.actual),
    expected_amount: money(a.expected),
    expected_upper: money(a.expectedUpper),
    deviation_percent: pct(a.deviationPercent),
    top_services: readTopServices(a),
    status: a.status,
    detected_at: isoSeconds(a.detectedAt),
    expected_lower: money(a.expectedLower),
    metric: a.metric,
    severity: a.severity,
    direction: a.direction,
    last_date: a.lastDay ?? a.day,
    days: a.days,
    impact: money(a.impact),
    is_resolved: a.isResolved,
    resolved_at: a.resolvedAt === null ? null : isoSeconds(a.resolvedAt),
    withdrawn_at: a.withdrawnAt === null ? null : isoSeconds(a.withdrawnAt),
    ...monitorJsonFields(a),
    suppressed_by: a.suppressedBy,
    provisional: a.provisional,
    explained_by: readExplainedBy(a),
  };
}

function listWhere(org: Pick<OrgRef, "id">, filters: ListAnomaliesQuery, now: Date) {
  const since = addDays(todayUtc(now), -filters.days);
  const after = filters.cursor;
  return {
    orgId: org.id,
    type: filters.type ? filters.type : { in: CLOUD_TYPES },
    ...(filters.provider_id ? { providerId: filters.provider_id } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    // An incident that began before the window but lasted into it is in the window too.
    AND: [
      { OR: [{ day: { gte: since } }, { lastDay: { gte: since } }] },
      // The next page starts after the cursor's anomaly, in the list's order.
      ...(after ? [{ OR: [{ day: { lt: after.day } }, { day: after.day, id: { lt: after.id } }] }] : []),
    ],
    ...(filters.include_withdrawn === true ? {} : { withdrawnAt: null }),
    ...monitorListWhere(filters),
  };
}

export async function listAnomalies(org: Pick<OrgRef, "id">, filters: ListAnomaliesQuery, now = new Date()): Promise<CloudAnomalyJson[]> {
  return (await listAnomaliesPage(org, filters, now)).data;
}

/** The list, or with `limit` one page of it and the cursor of the next (null on the last page). */
export async function listAnomaliesPage(
  org: Pick<OrgRef, "id">,
  filters: ListAnomaliesQuery,
  now = new Date(),
): Promise<{ data: CloudAnomalyJson[]; next_cursor?: string | null }> {
  const rows = await db().anomaly.findMany({
    select: LISTED_COLUMNS,
    where: listWhere(org, filters, now),
    orderBy: [{ day: "desc" }, { id: "desc" }],
    // One more than the page tells whether another page follows.
    ...(filters.limit ? { take: filters.limit + 1 } : {}),
  });
  if (!filters.limit) return { data: rows.map(toCloudAnomalyJson) };
  const page = rows.slice(0, filters.limit);
  const last = page[page.length - 1];
  const more = rows.length > filters.limit && last !== undefined;
  return { data: page.map(toCloudAnomalyJson), next_cursor: more ? encodeAnomalyCursor({ day: last.day, id: last.id }) : null };
}

async function findCloudAnomaly(org: Pick<OrgRef, "id">, id: number): Promise<AnomalyRow> {
  const row = await db().anomaly.findFirst({ where: { id, orgId: org.id, type: { in: CLOUD_TYPES } } });
  if (!row) throw notFound("Anomaly");
  return row;
}

export async function getAnomaly(org: Pick<OrgRef, "id">, id: number): Promise<CloudAnomalyDetailJson> {
  const row = await findCloudAnomaly(org, id);
  return toDetail(row);
}

type DetailContext = Pick<CloudAnomalyDetailJson, "series" | "services">;

/**
 * The chart and breakdown are a read of stored bands (two indexed queries), or without them a
 * detection run over half a year of a provider's services; keep the result briefly per anomaly
 * version so a page that is opened by many people (or polled) does not redo it each time. A
 * job run that moves the bands shows in the detail within CONTEXT_TTL_MS.
 */
const CONTEXT_TTL_MS = 60_000;
const CONTEXT_CACHE_SIZE = 500;
const contextCache = new Map<string, { until: number; value: DetailContext }>();

async function detailContext(row: AnomalyRow): Promise<DetailContext> {
  const key = `${row.id}:${row.updatedAt.getTime()}`;
  const hit = contextCache.get(key);
  if (hit && hit.until > Date.now()) return hit.value;
  const value = await computeDetailContext(row);
  if (contextCache.size >= CONTEXT_CACHE_SIZE) contextCache.delete(contextCache.keys().next().value!);
  contextCache.set(key, { until: Date.now() + CONTEXT_TTL_MS, value });
  return value;
}

async function toDetail(row: AnomalyRow): Promise<CloudAnomalyDetailJson> {
  return {
    ...toCloudAnomalyJson(row),
    ...(await detailContext(row)),
    dismissal:
      row.status === "dismissed" && row.dismissedAt
        ? { reason: row.dismissReason, dismissed_by: row.dismissedBy, dismissed_at: row.dismissedAt.toISOString() }
        : null,
    root_causes: rootCausesJson(row),
    ...(await historyFieldsOf(row)),
  };
}

/**
 * The chart around the anomaly and its day's breakdown: read from the bands the job stored
 * (lib/cloud/bands.ts); computed from the rollups as before when they do not cover the
 * anomaly (detection has not run since the upgrade, or the anomaly is older than BAND_DAYS).
 */
async function computeDetailContext(row: AnomalyRow): Promise<DetailContext> {
  const until = addDays(row.day, DETAIL_DAYS_AFTER);
  const from = addDays(row.day, -DETAIL_DAYS_BEFORE);
  const stored = await readStoredContext(row.orgId, row.seriesKey, row.day, from, until);
  if (stored) return shapeDetailContext(row, stored);
  return shapeDetailContext(row, await evaluateDetailContext(row, from, until));
}

/** Today's way: detection over DETAIL_HISTORY_DAYS before the chart (tens of milliseconds, seconds on a large provider). */
async function evaluateDetailContext(row: AnomalyRow, from: string, until: string): Promise<StoredContext> {
  const historyFrom = addDays(from, -DETAIL_HISTORY_DAYS);
  const series =
    row.type === "cost"
      ? await loadCostSeries(row.orgId, row.providerId ?? 0, until, historyFrom)
      : (await loadPerformanceSeries(row.orgId, row.providerId ?? 0, until, historyFrom)).get(row.metric);
  if (!series || !series.days.length) return { days: [], figures: [] };
  const evaluation = evaluateSeries(series, cloudTypeOf(row), row.metric);
  const days: StoredContext["days"] = [];
  series.days.forEach((day, i) => {
    if (day < from || day > until) return;
    const v = evaluation.total[i];
    days.push({ day, actual: series.total[i], expected: v.expected, lower: v.lower, upper: v.upper });
  });
  const index = series.days.indexOf(row.day);
  return { days, figures: index >= 0 ? serviceFiguresOn(series, evaluation, index) : [] };
}

const moneyOrNull = (n: number | null) => (n === null ? null : money(n));

function shapeDetailContext(row: AnomalyRow, context: StoredContext): DetailContext {
  const points: CloudAnomalyDetailJson["series"] = context.days.map((d) =>
    // The anomaly's own day shows exactly what was flagged, even if a later correction moved the data.
    d.day === row.day
      ? { date: d.day, actual: money(row.actual), expected: money(row.expected), lower: money(row.expectedLower), upper: money(row.expectedUpper) }
      : { date: d.day, actual: moneyOrNull(d.actual), expected: moneyOrNull(d.expected), lower: moneyOrNull(d.lower), upper: moneyOrNull(d.upper) },
  );
  const total = context.figures.reduce((s, f) => s + f.amount, 0);
  const services = context.figures
    .map((f) => ({
      service: f.service,
      amount: money(f.amount),
      expected: moneyOrNull(f.expected),
      vs_expected: f.expected === null ? null : money(f.amount - f.expected),
      share: total > 0 && row.type === "cost" ? Math.round((f.amount / total) * 10000) / 10000 : 0,
    }))
    .sort((a, b) => b.amount - a.amount || a.service.localeCompare(b.service));
  return { series: points, services };
}

/** Idempotent: dismissing again keeps the first dismissal, and the reason unless a new one is given. */
export async function dismissAnomaly(
  org: Pick<OrgRef, "id">,
  id: number,
  reason: string | null | undefined,
  actor: string,
  suppression?: DismissSuppression,
): Promise<CloudAnomalyDetailJson> {
  const row = await findCloudAnomaly(org, id);
  const trimmed = reason?.trim() ? reason.trim() : null;
  await suppressFromDismissal(org, row, suppression, trimmed, actor);
  if (row.status === "dismissed") {
    if (trimmed !== null && trimmed !== row.dismissReason) {
      await db().anomaly.updateMany({ where: { id, orgId: org.id }, data: { dismissReason: trimmed } });
    }
  } else {
    const at = new Date();
    await db().$transaction(async (tx) => {
      await tx.anomaly.updateMany({
        where: { id, orgId: org.id },
        data: { status: "dismissed", dismissReason: trimmed, dismissedBy: actor, dismissedAt: at },
      });
      await recordAnomalyEvents([{ orgId: org.id, anomalyId: id, action: "dismissed", by: actor, at, reason: trimmed }], tx);
      await recordAudit({ orgId: org.id, actor, action: "anomaly.dismiss", targetType: "anomaly", targetId: id, details: { reason: trimmed }, at }, tx);
    });
  }
  return toDetail(await findCloudAnomaly(org, id));
}
