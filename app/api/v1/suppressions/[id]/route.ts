import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { deleteSuppressionEndpoint } from "@/lib/anomalies/endpoints";
import { deleteSuppression } from "@/lib/anomalies/suppressions";
import { enforceOrgWriteLimit } from "@/lib/org/rate-limit";

export const dynamic = "force-dynamic";

export const DELETE = handle(
  deleteSuppressionEndpoint,
  async ({ principal, params }) => {
    await deleteSuppression(principal.org, params.id, principal.label);
  },
  { before: enforceOrgWriteLimit },
);

export const { GET, POST, PUT, PATCH } = rejectOtherMethods(deleteSuppressionEndpoint);
