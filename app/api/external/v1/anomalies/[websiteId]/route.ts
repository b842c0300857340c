// GET /api/external/v1/anomalies/:websiteId, per ../shared/specs/zenovay-anomalies-api.md.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { listWebAnomaliesEndpoint } from "@/lib/web/endpoints";
import { withCredit } from "@/lib/org/credits";
import { listWebAnomalies } from "@/lib/web/anomalies";
import { findWebsite } from "@/lib/web/websites";
import { externalGate, ok } from "@/lib/web/external";
import { csvResponse, csvWithHeaders, wantsCsv } from "@/lib/http/csv";

export const dynamic = "force-dynamic";

export const GET = handle(
  listWebAnomaliesEndpoint,
  async ({ request, principal, params, query }) => {
    // Only a request that will succeed pays: unknown websites are rejected before the charge.
    await findWebsite(principal.org, params.websiteId);
    const { result, remaining } = await withCredit(principal.org.id, principal.org.plan, () => listWebAnomalies(principal.org, params.websiteId, query));
    if (wantsCsv(request)) {
      // A CSV cell is flat: the segment reads as "dimension:value" (empty for site-wide).
      const rows = result.anomalies.map(({ segment, ...a }) => ({ ...a, segment: segment ? `${segment.dimension}:${segment.value}` : "" }));
      return csvWithHeaders(csvResponse(rows, "anomalies.csv"), { "X-Credits-Remaining": String(remaining) });
    }
    return ok(result, { "X-Credits-Remaining": String(remaining) });
  },
  { before: externalGate({ paidPlanOnly: true }) },
);

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(listWebAnomaliesEndpoint);
