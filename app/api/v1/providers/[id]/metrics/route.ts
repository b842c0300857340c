import { rejectOtherMethods } from "@/lib/http/handle";
import { ingestMetricsEndpoint } from "@/lib/ingest/endpoints";
import { ingestMetricPoints } from "@/lib/ingest/api-ingest";
import { ingestRoute } from "@/lib/ingest/ingest-route";

export const dynamic = "force-dynamic";

export const POST = ingestRoute(ingestMetricsEndpoint, {
  ingest: ingestMetricPoints,
  present: (r) => ({ points_accepted: r.pointsAccepted, series_days_written: r.seriesDaysWritten, days: r.days }),
});

export const { GET, PUT, PATCH, DELETE } = rejectOtherMethods(ingestMetricsEndpoint);
