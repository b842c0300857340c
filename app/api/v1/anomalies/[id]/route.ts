import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { anomalyIdParams } from "@/lib/schemas/cloud";
import { getAnomaly } from "@/lib/services/cloud-anomalies";

export const dynamic = "force-dynamic";

export const GET = route({
  flavor: v1Flavor,
  auth: "apiKeyOrSession",
  params: anomalyIdParams,
  handler: async ({ principal, params }) => ({ data: await getAnomaly(principal.org, params.id) }),
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["GET"]);
