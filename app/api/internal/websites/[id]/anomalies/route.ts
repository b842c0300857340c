// Dashboard-only: a website's anomalies (same filters and shape as the external API,
// but authenticated by the session and free of API credits).
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { websiteAnomaliesEndpoint } from "@/lib/web/endpoints";
import { listWebAnomalies } from "@/lib/web/anomalies";

export const dynamic = "force-dynamic";

export const GET = handle(websiteAnomaliesEndpoint, async ({ principal, params, query }) => ({ data: await listWebAnomalies(principal.org, params.id, query) }));

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(websiteAnomaliesEndpoint);
