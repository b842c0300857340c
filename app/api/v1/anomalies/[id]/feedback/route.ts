import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { anomalyFeedbackEndpoint } from "@/lib/cloud/endpoints";
import { giveAnomalyFeedback } from "@/lib/cloud/anomaly-actions";
import { enforceOrgWriteLimit } from "@/lib/org/rate-limit";

export const dynamic = "force-dynamic";

export const POST = handle(
  anomalyFeedbackEndpoint,
  async ({ principal, params, body }) => ({ data: await giveAnomalyFeedback(principal.org, params.id, body, principal.label) }),
  { before: enforceOrgWriteLimit },
);

export const { GET, PUT, PATCH, DELETE } = rejectOtherMethods(anomalyFeedbackEndpoint);
