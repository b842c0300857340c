import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { listAnomaliesQuery } from "@/lib/cloud/schemas";
import { listAnomalies } from "@/lib/cloud/anomalies";
import { jsonOrCsv } from "@/lib/http/csv";

export const dynamic = "force-dynamic";

export const GET = route({
  flavor: v1Flavor,
  auth: "apiKeyOrSession",
  query: listAnomaliesQuery,
  handler: async ({ request, principal, query }) => {
    const data = await listAnomalies(principal.org, query);
    return jsonOrCsv(request, { data }, data, "anomalies.csv");
  },
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["GET"]);
