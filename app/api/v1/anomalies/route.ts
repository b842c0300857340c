import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { listAnomaliesQuery } from "@/lib/schemas/cloud";
import { listAnomalies } from "@/lib/services/cloud-anomalies";

export const dynamic = "force-dynamic";

export const GET = route({
  flavor: v1Flavor,
  auth: "apiKeyOrSession",
  query: listAnomaliesQuery,
  handler: async ({ principal, query }) => ({ data: await listAnomalies(principal.org, query) }),
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["GET"]);
