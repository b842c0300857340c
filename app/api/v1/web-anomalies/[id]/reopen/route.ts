import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { reopenWebAnomalyEndpoint } from "@/lib/web/endpoints";
import { reopenWebAnomaly } from "@/lib/web/anomaly-detail";
import { enforceOrgWriteLimit } from "@/lib/org/rate-limit";

export const dynamic = "force-dynamic";

export const POST = handle(reopenWebAnomalyEndpoint, async ({ principal, params }) => ({ data: await reopenWebAnomaly(principal.org, params.id, principal.label) }), {
  before: enforceOrgWriteLimit,
});

export const { GET, PUT, PATCH, DELETE } = rejectOtherMethods(reopenWebAnomalyEndpoint);
