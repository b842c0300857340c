import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { listAnomaliesEndpoint } from "@/lib/cloud/endpoints";
import { listAnomaliesPage } from "@/lib/cloud/anomalies";
import { jsonOrCsv } from "@/lib/http/csv";

export const dynamic = "force-dynamic";

export const GET = handle(listAnomaliesEndpoint, async ({ request, principal, query }) => {
  const page = await listAnomaliesPage(principal.org, query);
  return jsonOrCsv(request, page, page.data, "anomalies.csv");
});

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(listAnomaliesEndpoint);
