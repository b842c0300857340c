import { methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { metricIngestBody } from "@/lib/ingest/schemas";
import { ingestMetricPoints } from "@/lib/ingest/api-ingest";
import { ingestRoute } from "@/lib/ingest/ingest-route";

export const dynamic = "force-dynamic";

export const POST = ingestRoute({
  resource: "metrics",
  body: metricIngestBody,
  ingest: ingestMetricPoints,
  present: (r) => ({ points_accepted: r.pointsAccepted, series_days_written: r.seriesDaysWritten, days: r.days }),
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["POST"]);
