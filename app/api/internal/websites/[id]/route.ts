// Dashboard-only: rename or remove a website (admins).
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { deleteWebsiteEndpoint, updateWebsiteEndpoint } from "@/lib/web/endpoints";
import { deleteWebsite, renameWebsite, setAllowedOrigins } from "@/lib/web/website-admin";
import { findWebsite, toWebsiteJson } from "@/lib/web/websites";

export const dynamic = "force-dynamic";

export const PATCH = handle(updateWebsiteEndpoint, async ({ principal, params, body }) => {
  if (body.allowed_origins !== undefined) await setAllowedOrigins(principal.org, params.id, body.allowed_origins);
  return { data: body.name !== undefined ? await renameWebsite(principal.org, params.id, body.name) : toWebsiteJson(await findWebsite(principal.org, params.id)) };
});

export const DELETE = handle(deleteWebsiteEndpoint, async ({ principal, params }) => {
  await deleteWebsite(principal.org, params.id);
});

export const { GET, POST, PUT } = rejectOtherMethods(updateWebsiteEndpoint, deleteWebsiteEndpoint);
