// The per-website settings page's domain (issue 15): read and change a site's time zone,
// severity thresholds, watched metrics, minimum traffic and segment choice. Every change is
// written to the audit log.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { HttpError } from "@/lib/http/errors";
import { recordAudit } from "@/lib/org/audit";
import type { updateWebsiteSettingsBody, WebsiteSettingsJson } from "@/lib/web/schemas";
import type { z } from "zod";
import { WEB_METRICS } from "./metrics";
import { detectionSettingsOf, mergeSettings, thresholdOverridesOf, thresholdsFor } from "./settings";
import { findWebsite, isValidTimezone } from "./websites";

type Org = Pick<OrgRef, "id">;
export type WebsiteSettingsPatch = z.output<typeof updateWebsiteSettingsBody>;

export function toWebsiteSettingsJson(site: { timezone: string; settings: string }): WebsiteSettingsJson {
  const detection = detectionSettingsOf(site.settings);
  return {
    timezone: site.timezone,
    thresholds: thresholdOverridesOf(site.settings),
    effective_thresholds: Object.fromEntries(WEB_METRICS.map((m) => [m, thresholdsFor(site.settings, m)])),
    watched_metrics: detection.watched_metrics,
    min_daily_pageviews: detection.min_daily_pageviews,
    segments: detection.segments,
  };
}

export async function getWebsiteSettings(org: Org, websiteId: string): Promise<WebsiteSettingsJson> {
  return toWebsiteSettingsJson(await findWebsite(org, websiteId));
}

export async function updateWebsiteSettings(org: Org, websiteId: string, patch: WebsiteSettingsPatch, actor: string): Promise<WebsiteSettingsJson> {
  const site = await findWebsite(org, websiteId);
  if (patch.timezone !== undefined && !isValidTimezone(patch.timezone)) {
    throw new HttpError("invalid_body", `'${patch.timezone}' is not a known IANA time zone`, [{ field: "timezone", message: "unknown time zone" }]);
  }
  const { timezone, ...detection } = patch;
  const settings = mergeSettings(site.settings, detection);
  await db().$transaction(async (tx) => {
    await tx.website.updateMany({ where: { id: websiteId, orgId: org.id }, data: { settings, ...(timezone !== undefined ? { timezone } : {}) } });
    await recordAudit({ orgId: org.id, actor, action: "settings.change", targetType: "website", targetId: websiteId, details: { changed: Object.keys(patch) } }, tx);
  });
  return getWebsiteSettings(org, websiteId);
}
