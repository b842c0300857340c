// Dashboard-only: one metric's hourly values with the expected band, for the chart.
import { z } from "zod";
import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { queryEnum, queryInt, uuid } from "@/lib/http/schemas";
import { getWebMetricSeries } from "@/lib/web/anomalies";
import { WEB_METRICS } from "@/lib/web/metrics";

export const dynamic = "force-dynamic";

const seriesQuery = z.object({
  metric: queryEnum(WEB_METRICS),
  hours: queryInt({ min: 1, max: 24 * 90 }).optional().transform((h) => h ?? 24 * 7),
});

export const GET = route({
  flavor: v1Flavor,
  auth: "session",
  params: z.object({ id: uuid }),
  query: seriesQuery,
  handler: async ({ principal, params, query }) => ({ data: await getWebMetricSeries(principal.org, params.id, query.metric, { hours: query.hours }) }),
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["GET"]);
