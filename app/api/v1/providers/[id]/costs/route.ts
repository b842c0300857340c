import { methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { costIngestBody } from "@/lib/ingest/schemas";
import { ingestCostRows } from "@/lib/ingest/api-ingest";
import { ingestRoute } from "@/lib/ingest/ingest-route";

export const dynamic = "force-dynamic";

export const POST = ingestRoute({
  resource: "costs",
  body: costIngestBody,
  ingest: ingestCostRows,
  present: (r) => ({ rows_accepted: r.rowsAccepted, entries_written: r.entriesWritten, days: r.days }),
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["POST"]);
