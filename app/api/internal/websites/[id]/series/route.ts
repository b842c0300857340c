// Dashboard-only: one metric's hourly values with the expected band, for the chart.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { websiteSeriesEndpoint } from "@/lib/web/endpoints";
import { getWebMetricSeries } from "@/lib/web/anomalies";

export const dynamic = "force-dynamic";

export const GET = handle(websiteSeriesEndpoint, async ({ principal, params, query }) => ({
  data: await getWebMetricSeries(principal.org, params.id, query.metric, { hours: query.hours }),
}));

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(websiteSeriesEndpoint);
