// Hourly metrics of a website: POST bulk-imports history ([{hour, metric, value}]),
// GET reads the stored hours back.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { importWebsiteMetricsEndpoint, readWebsiteMetricsEndpoint } from "@/lib/web/endpoints";
import { importWebMetrics, readWebMetrics } from "@/lib/web/websites";
import { externalGate } from "@/lib/web/external";

export const dynamic = "force-dynamic";

const gate = { before: externalGate({ paidPlanOnly: false }) };

export const GET = handle(readWebsiteMetricsEndpoint, async ({ principal, params, query }) => ({ hours: await readWebMetrics(principal.org, params.websiteId, query) }), gate);

export const POST = handle(importWebsiteMetricsEndpoint, async ({ principal, params, body }) => importWebMetrics(principal.org, params.websiteId, body), gate);

export const { PUT, PATCH, DELETE } = rejectOtherMethods(readWebsiteMetricsEndpoint, importWebsiteMetricsEndpoint);
