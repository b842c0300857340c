import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { getWebAnomalyEndpoint } from "@/lib/web/endpoints";
import { getWebAnomalyDetail } from "@/lib/web/anomaly-detail";

export const dynamic = "force-dynamic";

export const GET = handle(getWebAnomalyEndpoint, async ({ principal, params }) => ({ data: await getWebAnomalyDetail(principal.org, params.id) }));

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(getWebAnomalyEndpoint);
