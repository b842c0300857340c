import { rejectOtherMethods } from "@/lib/http/handle";
import { ingestCostsEndpoint } from "@/lib/ingest/endpoints";
import { ingestCostRows } from "@/lib/ingest/api-ingest";
import { ingestRoute } from "@/lib/ingest/ingest-route";

export const dynamic = "force-dynamic";

export const POST = ingestRoute(ingestCostsEndpoint, {
  ingest: ingestCostRows,
  present: (r) => ({ rows_accepted: r.rowsAccepted, entries_written: r.entriesWritten, days: r.days }),
});

export const { GET, PUT, PATCH, DELETE } = rejectOtherMethods(ingestCostsEndpoint);
