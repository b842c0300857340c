// GET /api/external/v1/websites: the caller's websites, so clients can find their ids.
import { route, methodsNotAllowed } from "@/lib/http/route";
import { externalFlavor } from "@/lib/http/flavors";
import { listWebsites } from "@/lib/web/anomalies";
import { externalGate, ok } from "@/lib/web/external";

export const dynamic = "force-dynamic";

export const GET = route({
  flavor: externalFlavor,
  auth: "apiKeyOrXApiKey",
  before: externalGate({ paidPlanOnly: false }),
  handler: async ({ principal }) => ok({ websites: await listWebsites(principal.org) }),
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(externalFlavor, ["GET"]);
