import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { dismissAnomalyEndpoint } from "@/lib/cloud/endpoints";
import { dismissAnomaly } from "@/lib/cloud/anomalies";
import { enforceOrgWriteLimit } from "@/lib/org/rate-limit";

export const dynamic = "force-dynamic";

export const POST = handle(
  dismissAnomalyEndpoint,
  async ({ principal, params, body }) => ({ data: await dismissAnomaly(principal.org, params.id, body.reason, principal.label, body) }),
  { before: enforceOrgWriteLimit },
);

export const { GET, PUT, PATCH, DELETE } = rejectOtherMethods(dismissAnomalyEndpoint);
