import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { badParameter } from "@/lib/http/errors";
import { linkWebsiteEndpoint, listProviderLinksEndpoint, unlinkWebsiteEndpoint } from "@/lib/cloud/endpoints";
import { linkWebsite, listProviderLinks, unlinkWebsite } from "@/lib/cloud/links";
import { enforceOrgWriteLimit } from "@/lib/org/rate-limit";

export const dynamic = "force-dynamic";

export const GET = handle(listProviderLinksEndpoint, async ({ principal, params }) => ({ data: await listProviderLinks(principal.org, params.id) }));

export const POST = handle(linkWebsiteEndpoint, async ({ principal, params, body }) => ({ data: await linkWebsite(principal.org, params.id, body) }), {
  before: enforceOrgWriteLimit,
});

export const DELETE = handle(
  unlinkWebsiteEndpoint,
  async ({ principal, params, query, body }) => {
    const websiteId = query.website_id ?? body.website_id;
    if (!websiteId) throw badParameter("website_id", "is required (query string or JSON body)");
    await unlinkWebsite(principal.org, params.id, websiteId);
  },
  { before: enforceOrgWriteLimit },
);

export const { PUT, PATCH } = rejectOtherMethods(listProviderLinksEndpoint);
