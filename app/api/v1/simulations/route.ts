import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { simulateEndpoint } from "@/lib/anomalies/endpoints";
import { simulateAlerts } from "@/lib/simulation/simulate";

export const dynamic = "force-dynamic";

export const POST = handle(simulateEndpoint, async ({ principal, body }) => ({ data: await simulateAlerts(principal.org, body) }));

export const { GET, PUT, PATCH, DELETE } = rejectOtherMethods(simulateEndpoint);
