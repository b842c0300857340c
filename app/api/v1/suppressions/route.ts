import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { createSuppressionEndpoint, listSuppressionsEndpoint } from "@/lib/anomalies/endpoints";
import { createSuppression, listSuppressions } from "@/lib/anomalies/suppressions";
import { enforceOrgWriteLimit } from "@/lib/org/rate-limit";

export const dynamic = "force-dynamic";

export const GET = handle(listSuppressionsEndpoint, async ({ principal }) => ({ data: await listSuppressions(principal.org) }));

export const POST = handle(
  createSuppressionEndpoint,
  async ({ principal, body }) => ({ data: await createSuppression(principal.org, body, principal.label) }),
  { before: enforceOrgWriteLimit },
);

export const { PUT, PATCH, DELETE } = rejectOtherMethods(listSuppressionsEndpoint, createSuppressionEndpoint);
