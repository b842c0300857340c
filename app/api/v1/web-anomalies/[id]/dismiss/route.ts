import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { dismissWebAnomalyEndpoint } from "@/lib/web/endpoints";
import { dismissWebAnomaly } from "@/lib/web/anomaly-detail";
import { enforceOrgWriteLimit } from "@/lib/org/rate-limit";

export const dynamic = "force-dynamic";

export const POST = handle(
  dismissWebAnomalyEndpoint,
  async ({ principal, params, body }) => ({ data: await dismissWebAnomaly(principal.org, params.id, body.reason, principal.label) }),
  { before: enforceOrgWriteLimit },
);

export const { GET, PUT, PATCH, DELETE } = rejectOtherMethods(dismissWebAnomalyEndpoint);
