// Dashboard-only: list and add the organization's websites.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { createWebsiteEndpoint, listWebsiteSettingsEndpoint } from "@/lib/web/endpoints";
import { listWebsites } from "@/lib/web/anomalies";
import { createWebsite, toWebsiteJson } from "@/lib/web/websites";

export const dynamic = "force-dynamic";

export const GET = handle(listWebsiteSettingsEndpoint, async ({ principal }) => ({ data: await listWebsites(principal.org) }));

export const POST = handle(createWebsiteEndpoint, async ({ principal, body }) => ({ data: toWebsiteJson(await createWebsite(principal.org, body)) }));

export const { PUT, PATCH, DELETE } = rejectOtherMethods(listWebsiteSettingsEndpoint, createWebsiteEndpoint);
