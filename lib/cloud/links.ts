// Links between a provider and the websites whose traffic drives its spend (issue 14):
// `POST/GET/DELETE /api/v1/providers/{id}/links`. A link may name some of the provider's
// services; without any, the provider's whole usage spend is compared with the traffic.
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { notFound } from "@/lib/http/errors";
import { readStored } from "@/lib/vocabulary";

type Org = Pick<OrgRef, "id">;

export const MAX_LINK_SERVICES = 100;
export const MAX_SERVICE_NAME = 200;

const storedServices = z.array(z.string());

/** The services a stored link names (empty: the whole provider). */
export function readLinkServices(row: { services: unknown }): string[] {
  return readStored("ProviderWebsiteLink.services", storedServices, row.services);
}

export interface ProviderLinkJson {
  provider_id: number;
  website_id: string;
  services: string[];
  created_at: string;
}

type LinkRow = { providerId: number; websiteId: string; services: unknown; createdAt: Date };

function toLinkJson(row: LinkRow): ProviderLinkJson {
  return { provider_id: row.providerId, website_id: row.websiteId, services: readLinkServices(row), created_at: row.createdAt.toISOString() };
}

/** The caller's provider, or 404 (another organization's provider is not found either). */
export async function findOrgProvider(org: Org, providerId: number): Promise<{ id: number; orgId: string; settlementDays: number }> {
  const provider = await db().provider.findFirst({ where: { id: providerId, orgId: org.id }, select: { id: true, orgId: true, settlementDays: true } });
  if (!provider) throw notFound("Provider");
  return provider;
}

async function assertOrgWebsite(org: Org, websiteId: string): Promise<void> {
  const website = await db().website.findFirst({ where: { id: websiteId, orgId: org.id }, select: { id: true } });
  if (!website) throw notFound("Website");
}

export async function listProviderLinks(org: Org, providerId: number): Promise<ProviderLinkJson[]> {
  await findOrgProvider(org, providerId);
  const rows = await db().providerWebsiteLink.findMany({ where: { orgId: org.id, providerId }, orderBy: { id: "asc" } });
  return rows.map(toLinkJson);
}

/** Creates the link, or replaces the services of an existing one (a provider links a website once). */
export async function linkWebsite(org: Org, providerId: number, input: { website_id: string; services?: string[] }): Promise<ProviderLinkJson> {
  await findOrgProvider(org, providerId);
  await assertOrgWebsite(org, input.website_id);
  const services = [...new Set(input.services ?? [])].sort();
  const row = await db().providerWebsiteLink.upsert({
    where: { providerId_websiteId: { providerId, websiteId: input.website_id } },
    create: { orgId: org.id, providerId, websiteId: input.website_id, services },
    update: { services },
  });
  return toLinkJson(row);
}

export async function unlinkWebsite(org: Org, providerId: number, websiteId: string): Promise<void> {
  await findOrgProvider(org, providerId);
  const removed = await db().providerWebsiteLink.deleteMany({ where: { orgId: org.id, providerId, websiteId } });
  if (removed.count === 0) throw notFound("Link");
}

/** Every link of an organization, for the detection pass. */
export async function linksOfOrg(orgId: string): Promise<Array<{ providerId: number; websiteId: string; services: string[] }>> {
  const rows = await db().providerWebsiteLink.findMany({ where: { orgId }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ providerId: r.providerId, websiteId: r.websiteId, services: readLinkServices(r) }));
}
