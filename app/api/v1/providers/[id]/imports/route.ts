import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { listCostImportsEndpoint, uploadCostExportEndpoint } from "@/lib/ingest/endpoints";
import { importSummaryJson, importUpload, listImportRuns } from "@/lib/ingest/upload";
import { redetectAfterIngest } from "@/lib/ingest/redetect";
import { enforceOrgWriteLimit } from "@/lib/org/rate-limit";

export const dynamic = "force-dynamic";

export const POST = handle(
  uploadCostExportEndpoint,
  async ({ request, principal, params, query }) => {
    const summary = await importUpload(request, principal.org.id, params.id, { format: query.format, force: query.force });
    const runDetection = summary.status === "succeeded" && (query.detect ?? true);
    const detection = runDetection ? (await redetectAfterIngest(principal.org.id)).status : "not_run";
    // 201 for a new import, 200 when this exact file was imported before (nothing changed).
    return Response.json({ data: importSummaryJson(summary, detection) }, { status: summary.status === "succeeded" ? 201 : 200 });
  },
  { before: enforceOrgWriteLimit },
);

export const GET = handle(listCostImportsEndpoint, async ({ principal, params }) => ({ data: await listImportRuns(principal.org.id, params.id) }));

export const { PUT, PATCH, DELETE } = rejectOtherMethods(listCostImportsEndpoint, uploadCostExportEndpoint);
