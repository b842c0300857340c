// GET /api/external/v1/websites: the caller's websites, so clients can find their ids.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { listWebsitesEndpoint } from "@/lib/web/endpoints";
import { listWebsites } from "@/lib/web/anomalies";
import { externalGate } from "@/lib/web/external";

export const dynamic = "force-dynamic";

export const GET = handle(listWebsitesEndpoint, async ({ principal }) => ({ websites: await listWebsites(principal.org) }), {
  before: externalGate({ paidPlanOnly: false }),
});

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(listWebsitesEndpoint);
