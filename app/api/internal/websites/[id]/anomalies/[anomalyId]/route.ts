// Dashboard-only: one website anomaly with its history (issue 13).
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { websiteAnomalyDetailEndpoint } from "@/lib/web/endpoints";
import { getWebAnomalyDetail } from "@/lib/web/anomaly-detail";

export const dynamic = "force-dynamic";

export const GET = handle(websiteAnomalyDetailEndpoint, async ({ principal, params }) => ({ data: await getWebAnomalyDetail(principal.org, params.id, params.anomalyId) }));

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(websiteAnomalyDetailEndpoint);
