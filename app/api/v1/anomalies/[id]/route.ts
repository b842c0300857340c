import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { anomalyIdParams } from "@/lib/cloud/schemas";
import { getAnomaly } from "@/lib/cloud/anomalies";

export const dynamic = "force-dynamic";

export const GET = route({
  flavor: v1Flavor,
  auth: "apiKeyOrSession",
  params: anomalyIdParams,
  handler: async ({ principal, params }) => ({ data: await getAnomaly(principal.org, params.id) }),
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["GET"]);
