import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { getAnomalyEndpoint } from "@/lib/cloud/endpoints";
import { getAnomaly } from "@/lib/cloud/anomalies";

export const dynamic = "force-dynamic";

export const GET = handle(getAnomalyEndpoint, async ({ principal, params }) => ({ data: await getAnomaly(principal.org, params.id) }));

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(getAnomalyEndpoint);
