import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { importQuery, providerIdParams } from "@/lib/ingest/schemas";
import { importSummaryJson, importUpload, listImportRuns } from "@/lib/ingest/upload";
import { redetectAfterIngest } from "@/lib/ingest/redetect";
import { enforceOrgWriteLimit } from "@/lib/org/rate-limit";

export const dynamic = "force-dynamic";

export const POST = route({
  flavor: v1Flavor,
  auth: "apiKeyOrSession",
  role: "admin",
  params: providerIdParams,
  query: importQuery,
  before: enforceOrgWriteLimit,
  handler: async ({ request, principal, params, query }) => {
    const summary = await importUpload(request, principal.org.id, params.id, { format: query.format, force: query.force });
    const runDetection = summary.status === "succeeded" && (query.detect ?? true);
    const detection = runDetection ? (await redetectAfterIngest(principal.org.id)).status : "not_run";
    return Response.json({ data: importSummaryJson(summary, detection) }, { status: summary.status === "succeeded" ? 201 : 200 });
  },
});

export const GET = route({
  flavor: v1Flavor,
  auth: "apiKeyOrSession",
  params: providerIdParams,
  handler: async ({ principal, params }) => ({ data: await listImportRuns(principal.org.id, params.id) }),
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["GET", "POST"]);
