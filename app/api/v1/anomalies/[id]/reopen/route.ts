import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { reopenAnomalyEndpoint } from "@/lib/cloud/endpoints";
import { reopenAnomaly } from "@/lib/cloud/anomaly-actions";
import { enforceOrgWriteLimit } from "@/lib/org/rate-limit";

export const dynamic = "force-dynamic";

export const POST = handle(
  reopenAnomalyEndpoint,
  async ({ principal, params }) => ({ data: await reopenAnomaly(principal.org, params.id, principal.label) }),
  { before: enforceOrgWriteLimit },
);

export const { GET, PUT, PATCH, DELETE } = rejectOtherMethods(reopenAnomalyEndpoint);
