import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { anomalyIdParams, dismissBody } from "@/lib/cloud/schemas";
import { dismissAnomaly } from "@/lib/cloud/anomalies";
import { enforceOrgWriteLimit } from "@/lib/org/rate-limit";

export const dynamic = "force-dynamic";

export const POST = route({
  flavor: v1Flavor,
  auth: "apiKeyOrSession",
  role: "admin",
  params: anomalyIdParams,
  body: dismissBody,
  before: enforceOrgWriteLimit,
  handler: async ({ principal, params, body }) => ({
    data: await dismissAnomaly(principal.org, params.id, body.reason, principal.label),
  }),
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["POST"]);
