// Hourly metrics of a website: POST bulk-imports history ([{hour, metric, value}]),
// GET reads the stored hours back.
import { route, methodsNotAllowed } from "@/lib/http/route";
import { externalFlavor } from "@/lib/http/flavors";
import { metricImportBody, metricsQuery, websiteIdParams } from "@/lib/web/schemas";
import { importWebMetrics, readWebMetrics } from "@/lib/web/websites";
import { externalGate, ok } from "@/lib/web/external";

export const dynamic = "force-dynamic";

export const GET = route({
  flavor: externalFlavor,
  auth: "apiKeyOrXApiKey",
  params: websiteIdParams,
  query: metricsQuery,
  before: externalGate({ paidPlanOnly: false }),
  handler: async ({ principal, params, query }) => ok({ hours: await readWebMetrics(principal.org, params.websiteId, query) }),
});

export const POST = route({
  flavor: externalFlavor,
  auth: "apiKeyOrXApiKey",
  params: websiteIdParams,
  body: metricImportBody,
  maxBodyBytes: 4 * 1024 * 1024,
  before: externalGate({ paidPlanOnly: false }),
  handler: async ({ principal, params, body }) => ok(await importWebMetrics(principal.org, params.websiteId, body)),
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(externalFlavor, ["GET", "POST"]);
