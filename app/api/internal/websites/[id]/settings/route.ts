// Dashboard-only: a website's detection settings (admins change them).
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { getWebsiteSettingsEndpoint, updateWebsiteSettingsEndpoint } from "@/lib/web/endpoints";
import { getWebsiteSettings, updateWebsiteSettings } from "@/lib/web/site-settings";

export const dynamic = "force-dynamic";

export const GET = handle(getWebsiteSettingsEndpoint, async ({ principal, params }) => ({ data: await getWebsiteSettings(principal.org, params.id) }));

export const PATCH = handle(updateWebsiteSettingsEndpoint, async ({ principal, params, body }) => ({
  data: await updateWebsiteSettings(principal.org, params.id, body, principal.label),
}));

export const { POST, PUT, DELETE } = rejectOtherMethods(getWebsiteSettingsEndpoint, updateWebsiteSettingsEndpoint);
