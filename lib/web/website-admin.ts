// Rename and remove a website from settings (adding uses lib/web/websites.ts
// createWebsite). Kept here until the websites service grows these verbs.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import type { WebsiteJson } from "@/lib/web/schemas";
import { findWebsite, toWebsiteJson } from "@/lib/web/websites";
import { forgetSite } from "@/lib/web/collect";
import { settingsObject } from "@/lib/web/collect-guard";

export async function renameWebsite(org: Pick<OrgRef, "id">, websiteId: string, name: string): Promise<WebsiteJson> {
  await findWebsite(org, websiteId);
  await db().website.updateMany({ where: { id: websiteId, orgId: org.id }, data: { name } });
  return toWebsiteJson(await findWebsite(org, websiteId));
}

/** Removes the website with its events, metrics and anomalies (cascade). */
export async function deleteWebsite(org: Pick<OrgRef, "id">, websiteId: string): Promise<void> {
  await findWebsite(org, websiteId);
  await db().website.deleteMany({ where: { id: websiteId, orgId: org.id } });
  // This instance stops accepting its events at once (others within the cache's TTL, and the
  // collector answers 404 if a write races the delete).
  forgetSite(websiteId);
}

/** Sets the origins whose pages may send events (empty: any origin). */
export async function setAllowedOrigins(org: Pick<OrgRef, "id">, websiteId: string, origins: string[]): Promise<WebsiteJson> {
  const site = await findWebsite(org, websiteId);
  const next = { ...settingsObject(site.settings), allowed_origins: origins.map((o) => new URL(o).origin) };
  await db().website.updateMany({ where: { id: websiteId, orgId: org.id }, data: { settings: JSON.stringify(next) } });
  forgetSite(websiteId);
  return toWebsiteJson(await findWebsite(org, websiteId));
}
