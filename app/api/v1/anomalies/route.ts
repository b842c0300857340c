import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { listAnomaliesEndpoint } from "@/lib/cloud/endpoints";
import { listAnomalies } from "@/lib/cloud/anomalies";
import { jsonOrCsv } from "@/lib/http/csv";

export const dynamic = "force-dynamic";

export const GET = handle(listAnomaliesEndpoint, async ({ request, principal, query }) => {
  const data = await listAnomalies(principal.org, query);
  return jsonOrCsv(request, { data }, data, "anomalies.csv");
});

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(listAnomaliesEndpoint);
