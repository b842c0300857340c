import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { costIngestBody, ingestQuery, providerIdParams } from "@/lib/schemas/ingest";
import { ingestCostRows } from "@/lib/ingest/api-ingest";
import { withIdempotency } from "@/lib/ingest/idempotency";
import { detectionAfterIngest } from "@/lib/ingest/redetect";

export const dynamic = "force-dynamic";

export const POST = route({
  flavor: v1Flavor,
  auth: "apiKeyOrSession",
  role: "admin",
  params: providerIdParams,
  query: ingestQuery,
  body: costIngestBody,
  maxBodyBytes: 4 * 1024 * 1024,
  handler: async ({ request, principal, params, query, body }) =>
    withIdempotency(request, principal.org.id, `POST /api/v1/providers/${params.id}/costs`, body, async () => {
      const result = await ingestCostRows(principal.org.id, params.id, body);
      const detection = await detectionAfterIngest(principal.org.id, query.detect ?? false);
      return {
        status: 200,
        body: { data: { rows_accepted: result.rowsAccepted, entries_written: result.entriesWritten, days: result.days, detection } },
      };
    }),
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["POST"]);
