// Cost explained by traffic (issue 14): for each provider ↔ website link, the daily unit cost
// "cost per 1,000 visitors" judged by the engine against its own history.
//  - GET /api/v1/providers/{id}/unit-costs answers the daily figures with the band;
//  - a cost anomaly on a day whose linked traffic rose while the unit cost stayed in band is
//    explained by that traffic: `explained_by` and one severity level lower;
//  - a unit cost above its band (spend up, traffic flat) is its own anomaly,
//    metric "cost_per_1k_visitors" (type cost, series "unit-cost:<provider>:<website>").
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { config } from "@/lib/config";
import { badParameter, notFound } from "@/lib/http/errors";
import { addDays, dayEnd, dayRange, dayStart, todayUtc } from "@/lib/time";
import { deviationPercent, detectSeries, severityForDeviation, type PointVerdict } from "@/lib/detection";
import { readStored, type Severity } from "@/lib/vocabulary";
import type { AnomalyDraft } from "@/lib/anomalies/store";
import { findOrgProvider, readLinkServices } from "./links";

type Org = Pick<OrgRef, "id">;

/** History before the asked window, so the band has weekly patterns and a level to judge against. */
export const UNIT_COST_HISTORY_DAYS = 90;
export const UNIT_COST_METRIC = "cost_per_1k_visitors";
/** Traffic has "risen in proportion" when the day's visitors are at least this far above their usual level. */
const TRAFFIC_RISE_PERCENT = 10;

export interface UnitCostDay {
  date: string;
  cost: number;
  visitors: number;
  pageviews: number;
  cost_per_1k_visitors: number | null;
  cost_per_1k_pageviews: number | null;
  expected: number | null;
  lower: number | null;
  upper: number | null;
}

export interface UnitCostSeries {
  days: string[];
  cost: number[];
  visitors: number[];
  pageviews: number[];
  unitCost: (number | null)[];
  verdicts: PointVerdict[];
  /** The visitors' own band: what "traffic rose" is measured against. */
  visitorVerdicts: PointVerdict[];
}

export const unitCostSeriesKey = (providerId: number, websiteId: string) => `unit-cost:${providerId}:${websiteId}`;

async function dailyCost(providerId: number, services: string[], fromDay: string, untilDay: string): Promise<Map<string, number>> {
  const rows = await db().costDaily.groupBy({
    by: ["day"],
    where: { providerId, day: { gte: fromDay, lte: untilDay }, ...(services.length ? { service: { in: services } } : {}) },
    _sum: { amount: true },
  });
  return new Map(rows.map((r) => [r.day, r._sum.amount ?? 0]));
}

/** Daily sums of the hourly visitors and pageviews (a visitor seen in two hours counts twice, like the hourly series). */
async function dailyTraffic(websiteId: string, fromDay: string, untilDay: string): Promise<{ visitors: Map<string, number>; pageviews: Map<string, number> }> {
  const rows = await db().webMetricHour.findMany({
    where: { websiteId, metric: { in: ["visitors", "pageviews"] }, hour: { gte: dayStart(fromDay), lt: dayEnd(untilDay) } },
    select: { metric: true, hour: true, value: true },
  });
  const visitors = new Map<string, number>();
  const pageviews = new Map<string, number>();
  for (const r of rows) {
    const into = r.metric === "visitors" ? visitors : pageviews;
    const day = r.hour.toISOString().slice(0, 10);
    into.set(day, (into.get(day) ?? 0) + r.value);
  }
  return { visitors, pageviews };
}

/** The link's daily series from `fromDay` to `untilDay`, judged by the engine. */
export async function loadUnitCostSeries(providerId: number, websiteId: string, services: string[], fromDay: string, untilDay: string): Promise<UnitCostSeries> {
  const days = dayRange(fromDay, untilDay);
  const [costs, traffic] = await Promise.all([dailyCost(providerId, services, fromDay, untilDay), dailyTraffic(websiteId, fromDay, untilDay)]);
  const cost = days.map((d) => costs.get(d) ?? 0);
  const visitors = days.map((d) => traffic.visitors.get(d) ?? 0);
  const pageviews = days.map((d) => traffic.pageviews.get(d) ?? 0);
  // A day without spend or visitors has no unit cost (not zero): nothing to judge.
  const unitCost = days.map((_, i) => (visitors[i] > 0 && (costs.has(days[i]) || cost[i] > 0) ? (cost[i] / visitors[i]) * 1000 : null));
  const timestamps = days.map((d) => dayStart(d).getTime());
  const verdicts = detectSeries(timestamps, unitCost, { kind: "duration", direction: "up", sensitivity: config.sensitivity });
  const visitorVerdicts = detectSeries(timestamps, visitors, { kind: "count", direction: "both", sensitivity: config.sensitivity });
  return { days, cost, visitors, pageviews, unitCost, verdicts, visitorVerdicts };
}

const round = (n: number | null, digits = 4) => (n === null ? null : Math.round(n * 10 ** digits) / 10 ** digits);

/** GET /api/v1/providers/{id}/unit-costs: the last `days` days of one linked website, oldest first. */
export async function getUnitCosts(org: Org, providerId: number, query: { website_id?: string; days: number }, now = new Date()): Promise<UnitCostDay[]> {
  await findOrgProvider(org, providerId);
  const links = await db().providerWebsiteLink.findMany({ where: { orgId: org.id, providerId }, orderBy: { id: "asc" } });
  if (!query.website_id && links.length > 1) throw badParameter("website_id", "required when the provider is linked to several websites");
  const link = query.website_id ? links.find((l) => l.websiteId === query.website_id) : links[0];
  if (!link) throw notFound("Link");
  const untilDay = todayUtc(now);
  const fromDay = addDays(untilDay, -(query.days - 1));
  const series = await loadUnitCostSeries(providerId, link.websiteId, readLinkServices(link), addDays(fromDay, -UNIT_COST_HISTORY_DAYS), untilDay);
  const start = series.days.indexOf(fromDay);
  return series.days.slice(start).map((date, k) => {
    const i = start + k;
    const v = series.verdicts[i];
    return {
      date,
      cost: round(series.cost[i], 2) ?? 0,
      visitors: series.visitors[i],
      pageviews: series.pageviews[i],
      cost_per_1k_visitors: round(series.unitCost[i]),
      cost_per_1k_pageviews: series.pageviews[i] > 0 ? round((series.cost[i] / series.pageviews[i]) * 1000) : null,
      expected: round(v.expected),
      lower: round(v.lower),
      upper: round(v.upper),
    };
  });
}

// ---------- what detection does with it ----------

export const explainedBySchema = z.object({ website_id: z.string(), metric: z.string(), deviation_percent: z.number() });
export type ExplainedBy = z.infer<typeof explainedBySchema>;

/** Stored when an explanation no longer holds (a JSON null needs a client-specific sentinel). */
const NOT_EXPLAINED = {};

const storedExplainedBy = z.union([explainedBySchema, z.strictObject({})]).nullable();

export function readExplainedBy(row: { explainedBy: unknown }): ExplainedBy | null {
  const stored = readStored("Anomaly.explainedBy", storedExplainedBy, row.explainedBy ?? null);
  const explanation = explainedBySchema.safeParse(stored);
  return explanation.success ? explanation.data : null;
}

const LOWER: Record<Severity, Severity> = { critical: "warning", warning: "info", info: "info" };

/** One level lower: spend that follows traffic is worth knowing, less worth waking someone for. */
export function lowerSeverity(severity: Severity): Severity {
  return LOWER[severity];
}

/**
 * Whether the link's traffic explains a rise in spend on `day`: visitors above their usual
 * level while the unit cost stays within its band. Answers the explanation, or null.
 */
export function explanationOn(series: UnitCostSeries, websiteId: string, day: string): ExplainedBy | null {
  const i = series.days.indexOf(day);
  if (i < 0) return null;
  const v = series.verdicts[i];
  const unit = series.unitCost[i];
  const traffic = series.visitorVerdicts[i];
  if (unit === null || v.upper === null || v.lower === null || traffic.expected === null || traffic.expected <= 0) return null;
  if (unit > v.upper || unit < v.lower) return null;
  const rise = deviationPercent(series.visitors[i], traffic.expected);
  if (rise < TRAFFIC_RISE_PERCENT) return null;
  return { website_id: websiteId, metric: "visitors", deviation_percent: Math.round(rise * 10) / 10 };
}

/** Unit-cost anomalies of one link: each day whose unit cost left its band upward while traffic stayed in its own band. */
export function unitCostDrafts(series: UnitCostSeries, providerId: number, websiteId: string, fromDay: string): AnomalyDraft[] {
  const drafts: AnomalyDraft[] = [];
  for (let i = 0; i < series.days.length; i++) {
    const day = series.days[i];
    const v = series.verdicts[i];
    const unit = series.unitCost[i];
    const traffic = series.visitorVerdicts[i];
    if (day < fromDay || unit === null || v.expected === null || !v.isAnomaly || unit <= (v.upper ?? Infinity)) continue;
    if (traffic.outOfBand) continue; // traffic moved too: not a unit-cost story
    const deviation = deviationPercent(unit, v.expected);
    const excessSpend = ((unit - v.expected) * series.visitors[i]) / 1000;
    if (excessSpend < config.costFloor) continue;
    drafts.push({
      type: "cost",
      providerId,
      websiteId,
      metric: UNIT_COST_METRIC,
      seriesKey: unitCostSeriesKey(providerId, websiteId),
      day,
      periodStart: dayStart(day),
      periodEnd: dayEnd(day),
      peakAt: dayStart(day),
      actual: unit,
      expected: v.expected,
      expectedLower: v.lower ?? v.expected,
      expectedUpper: v.upper ?? v.expected,
      deviationPercent: deviation,
      severity: severityForDeviation(Math.abs(deviation)) ?? "info",
      direction: "up",
      score: v.score,
      topServices: [],
      impact: excessSpend,
    });
  }
  return drafts;
}

/** Days of unit-cost history loaded per link in a detection run, and how many recent ones are judged. */
const DETECT_HISTORY_DAYS = 150;
const DETECT_JUDGED_DAYS = 60;

async function linkSeries(orgId: string, providerId: number, now: Date): Promise<Array<{ websiteId: string; series: UnitCostSeries }>> {
  const links = await db().providerWebsiteLink.findMany({ where: { orgId, providerId }, orderBy: { id: "asc" } });
  const today = todayUtc(now);
  const out = [];
  for (const link of links) {
    out.push({ websiteId: link.websiteId, series: await loadUnitCostSeries(providerId, link.websiteId, readLinkServices(link), addDays(today, -DETECT_HISTORY_DAYS), today) });
  }
  return out;
}

function firstExplanation(linked: Array<{ websiteId: string; series: UnitCostSeries }>, day: string): ExplainedBy | null {
  for (const { websiteId, series } of linked) {
    const explanation = explanationOn(series, websiteId, day);
    if (explanation) return explanation;
  }
  return null;
}

/**
 * Called by the cost job on a provider's cost drafts before they are stored: a rise in spend
 * that the linked traffic explains is one severity level lower (its `explained_by` is written
 * by `explainAndDetectUnitCosts`, from the same figures).
 */
export async function lowerExplainedDrafts(orgId: string, providerId: number, drafts: AnomalyDraft[], now: Date): Promise<AnomalyDraft[]> {
  if (!drafts.some((d) => d.direction === "up")) return drafts;
  const linked = await linkSeries(orgId, providerId, now);
  if (linked.length === 0) return drafts;
  return drafts.map((d) => (d.direction === "up" && firstExplanation(linked, d.day) ? { ...d, severity: lowerSeverity(d.severity) } : d));
}

/** After the cost job: writes `explained_by` on the provider's cost anomalies and syncs its unit-cost anomalies. */
export async function explainAndDetectUnitCosts(orgId: string, now: Date, sync: (key: string, drafts: AnomalyDraft[]) => Promise<void>): Promise<number> {
  const providers = await db().providerWebsiteLink.findMany({ where: { orgId }, select: { providerId: true }, distinct: ["providerId"] });
  let series = 0;
  for (const { providerId } of providers) {
    const linked = await linkSeries(orgId, providerId, now);
    const fromDay = addDays(todayUtc(now), -DETECT_JUDGED_DAYS);
    const anomalies = await db().anomaly.findMany({ where: { orgId, providerId, type: "cost", metric: "cost", day: { gte: addDays(fromDay, -DETECT_HISTORY_DAYS) } }, select: { id: true, day: true, direction: true, explainedBy: true } });
    for (const a of anomalies) {
      const explanation = a.direction === "up" ? firstExplanation(linked, a.day) : null;
      const stored = readExplainedBy(a);
      if (JSON.stringify(stored) === JSON.stringify(explanation)) continue;
      await db().anomaly.update({ where: { id: a.id }, data: { explainedBy: explanation ?? NOT_EXPLAINED } });
    }
    for (const { websiteId, series: s } of linked) {
      series += 1;
      await sync(unitCostSeriesKey(providerId, websiteId), unitCostDrafts(s, providerId, websiteId, fromDay));
    }
  }
  return series;
}
