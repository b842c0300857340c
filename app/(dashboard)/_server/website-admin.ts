// Rename and remove a website from settings (adding uses lib/services/websites.ts
// createWebsite). Kept here until the websites service grows these verbs.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import type { WebsiteJson } from "@/lib/schemas/web";
import { findWebsite, toWebsiteJson } from "@/lib/services/websites";

export async function renameWebsite(org: Pick<OrgRef, "id">, websiteId: string, name: string): Promise<WebsiteJson> {
  await findWebsite(org, websiteId);
  await db().website.updateMany({ where: { id: websiteId, orgId: org.id }, data: { name } });
  return toWebsiteJson(await findWebsite(org, websiteId));
}

/** Removes the website with its events, metrics and anomalies (cascade). */
export async function deleteWebsite(org: Pick<OrgRef, "id">, websiteId: string): Promise<void> {
  await findWebsite(org, websiteId);
  await db().website.deleteMany({ where: { id: websiteId, orgId: org.id } });
}
