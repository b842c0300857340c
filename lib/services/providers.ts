import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { notFound } from "@/lib/http/errors";

export type ProviderKind = "aws" | "gcp" | "azure" | "other";

export interface ProviderJson {
  id: number;
  kind: ProviderKind;
  name: string;
  account_id: string | null;
  currency: string;
}

type ProviderRow = { id: number; kind: string; name: string; accountId: string | null; currency: string };

export function toProviderJson(p: ProviderRow): ProviderJson {
  return { id: p.id, kind: p.kind as ProviderKind, name: p.name, account_id: p.accountId, currency: p.currency };
}

export async function listProviders(org: Pick<OrgRef, "id">): Promise<ProviderJson[]> {
  const rows = await db().provider.findMany({ where: { orgId: org.id }, orderBy: { id: "asc" } });
  return rows.map(toProviderJson);
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
