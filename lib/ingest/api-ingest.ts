// JSON ingest: daily cost per service and performance points, written for one
// provider of the caller's organization.
import { db } from "@/lib/db/client";
import { HttpError, notFound } from "@/lib/http/errors";
import { rollupCostDays } from "@/lib/cloud/rollup";
import { dayOf } from "@/lib/time";
import type { CostRowInput, MetricPointInput } from "@/lib/ingest/schemas";
import { apiTagChanges, replaceCostTags } from "./tags";

export const API_SOURCE = "api";

async function providerOf(orgId: string, providerId: number) {
  const provider = await db().provider.findFirst({ where: { id: providerId, orgId }, select: { id: true, currency: true } });
  if (!provider) throw notFound("Provider");
  return provider;
}

export interface CostIngestResult {
  rowsAccepted: number;
  entriesWritten: number;
  days: string[];
}

/** Each row sets its key's amount (a re-sent day replaces, never doubles); rows sharing a key in one request are summed. */
export async function ingestCostRows(orgId: string, providerId: number, rows: CostRowInput[]): Promise<CostIngestResult> {
  const provider = await providerOf(orgId, providerId);
  const mismatched = rows.findIndex((r) => r.currency && r.currency !== provider.currency);
  if (mismatched >= 0) {
    const message = `currency ${rows[mismatched].currency} differs from the provider's currency ${provider.currency}`;
    throw new HttpError("invalid_body", `Invalid request body at '${mismatched}.currency': ${message}`, [{ field: `${mismatched}.currency`, message }]);
  }
  const merged = new Map<string, { day: string; service: string; region: string; subAccount: string; usageType: string; chargeCategory: string; amount: number }>();
  for (const r of rows) {
    const entry = { day: r.date, service: r.service, region: r.region ?? "", subAccount: r.account_id ?? "", usageType: r.usage_type ?? "", chargeCategory: r.charge_category ?? "usage" };
    const key = JSON.stringify(entry);
    const existing = merged.get(key);
    if (existing) existing.amount += r.amount;
    else merged.set(key, { ...entry, amount: r.amount });
  }
  const days = [...new Set(rows.map((r) => r.date))].sort();
  await db().$transaction(
    async (tx) => {
      for (const e of merged.values()) {
        const { amount, ...key } = e;
        await tx.costEntry.upsert({
          where: { providerId_day_service_region_subAccount_usageType_chargeCategory_source: { providerId, ...key, source: API_SOURCE } },
          update: { amount, billedAmount: amount },
          create: { orgId, providerId, ...key, amount, billedAmount: amount, currency: provider.currency, source: API_SOURCE },
        });
      }
      const tagChanges = apiTagChanges(rows, API_SOURCE);
      await replaceCostTags(orgId, providerId, tagChanges.scopes, tagChanges.rows, tx);
      await rollupCostDays(orgId, providerId, days, tx);
    },
    { timeout: 60_000, maxWait: 15_000 },
  );
  return { rowsAccepted: rows.length, entriesWritten: merged.size, days };
}

export interface MetricIngestResult {
  pointsAccepted: number;
  seriesDaysWritten: number;
  days: string[];
}

/** Points are folded into the day's running mean (MetricDaily keeps value and sample count). */
export async function ingestMetricPoints(orgId: string, providerId: number, points: MetricPointInput[]): Promise<MetricIngestResult> {
  await providerOf(orgId, providerId);
  const groups = new Map<string, { service: string; metric: string; day: string; sum: number; count: number }>();
  for (const p of points) {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(p.timestamp) ? p.timestamp : dayOf(Date.parse(p.timestamp));
    const key = `${p.service}\u001f${p.metric}\u001f${day}`;
    const g = groups.get(key);
    if (g) {
      g.sum += p.value;
      g.count += 1;
    } else groups.set(key, { service: p.service, metric: p.metric, day, sum: p.value, count: 1 });
  }
  await db().$transaction(
    async (tx) => {
      for (const g of groups.values()) {
        const id = { providerId_service_metric_day: { providerId, service: g.service, metric: g.metric, day: g.day } };
        const current = await tx.metricDaily.findUnique({ where: id, select: { value: true, samples: true } });
        const samples = (current?.samples ?? 0) + g.count;
        const value = ((current ? current.value * current.samples : 0) + g.sum) / samples;
        await tx.metricDaily.upsert({ where: id, update: { value, samples }, create: { orgId, providerId, service: g.service, metric: g.metric, day: g.day, value, samples } });
      }
    },
    { timeout: 60_000, maxWait: 15_000 },
  );
  return { pointsAccepted: points.length, seriesDaysWritten: groups.size, days: [...new Set([...groups.values()].map((g) => g.day))].sort() };
}
