import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { notFound } from "@/lib/http/errors";
import { addDays, todayUtc } from "@/lib/time";
import type { ProviderKind } from "@/lib/vocabulary";

export type { ProviderKind } from "@/lib/vocabulary";

export interface ProviderJson {
  id: number;
  kind: ProviderKind;
  name: string;
  account_id: string | null;
  currency: string;
  budget: number | null;
  /** Issue 14: days after which a day's bill is settled (lib/cloud/provisional.ts). */
  settlement_days: number;
}

type ProviderRow = { id: number; kind: ProviderKind; name: string; accountId: string | null; currency: string; budget: number | null; settlementDays: number };

export function toProviderJson(p: ProviderRow): ProviderJson {
  return { id: p.id, kind: p.kind, name: p.name, account_id: p.accountId, currency: p.currency, budget: p.budget, settlement_days: p.settlementDays };
}

/**
 * Whether a provider's daily data is arriving: `ok`, `missing` when its last day with data is
 * older than MISSING_AFTER_DAYS before today (exports lag about a day; this is a broken export
 * or a stopped feed, shown as such rather than as a storm of "spend fell to zero" alarms), or
 * `no_data` when nothing was ever received.
 */
export type DataStatus = "ok" | "missing" | "no_data";
export const MISSING_AFTER_DAYS = 2;

export interface ProviderListItem extends ProviderJson {
  data_status: DataStatus;
  last_data_date: string | null;
}

export function dataStatusFor(lastDay: string | null, now: Date): DataStatus {
  if (lastDay === null) return "no_data";
  return lastDay < addDays(todayUtc(now), -MISSING_AFTER_DAYS) ? "missing" : "ok";
}

/** Last day with cost or metric data per provider of the organization. */
async function lastDataDays(orgId: string): Promise<Map<number, string>> {
  const [costs, metrics] = await Promise.all([
    db().costDaily.groupBy({ by: ["providerId"], where: { orgId }, _max: { day: true } }),
    db().metricDaily.groupBy({ by: ["providerId"], where: { orgId }, _max: { day: true } }),
  ]);
  const last = new Map<number, string>();
  for (const row of [...costs, ...metrics]) {
    const day = row._max.day;
    if (day !== null && day > (last.get(row.providerId) ?? "")) last.set(row.providerId, day);
  }
  return last;
}

export async function listProviders(org: Pick<OrgRef, "id">, now = new Date()): Promise<ProviderListItem[]> {
  const [rows, last] = await Promise.all([db().provider.findMany({ where: { orgId: org.id }, orderBy: { id: "asc" } }), lastDataDays(org.id)]);
  return rows.map((row) => {
    const lastDay = last.get(row.id) ?? null;
    return { ...toProviderJson(row), data_status: dataStatusFor(lastDay, now), last_data_date: lastDay };
  });
}

export async function getProvider(org: Pick<OrgRef, "id">, id: number): Promise<ProviderJson> {
  const row = await db().provider.findFirst({ where: { id, orgId: org.id } });
  if (!row) throw notFound("Provider");
  return toProviderJson(row);
}

export async function createProvider(
  org: Pick<OrgRef, "id">,
  input: { kind: ProviderKind; name: string; accountId?: string | null; currency?: string },
): Promise<ProviderJson> {
  const row = await db().provider.create({
    data: { orgId: org.id, kind: input.kind, name: input.name, accountId: input.accountId ?? null, currency: input.currency ?? "USD" },
  });
  return toProviderJson(row);
}

export async function renameProvider(org: Pick<OrgRef, "id">, id: number, name: string): Promise<ProviderJson> {
  const result = await db().provider.updateMany({ where: { id, orgId: org.id }, data: { name } });
  if (result.count === 0) throw notFound("Provider");
  return getProvider(org, id);
}

export async function deleteProvider(org: Pick<OrgRef, "id">, id: number): Promise<void> {
  const result = await db().provider.deleteMany({ where: { id, orgId: org.id } });
  if (result.count === 0) throw notFound("Provider");
}
