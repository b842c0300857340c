import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { createMonitorEndpoint, listMonitorsEndpoint } from "@/lib/cloud/monitor-endpoints";
import { createMonitor, listMonitors } from "@/lib/cloud/monitors";
import { enforceOrgWriteLimit } from "@/lib/org/rate-limit";

export const dynamic = "force-dynamic";

export const GET = handle(listMonitorsEndpoint, async ({ principal }) => ({ data: await listMonitors(principal.org) }));

export const POST = handle(createMonitorEndpoint, async ({ principal, body }) => ({ data: await createMonitor(principal.org, body, principal.label) }), {
  before: enforceOrgWriteLimit,
});

export const { PUT, PATCH, DELETE } = rejectOtherMethods(listMonitorsEndpoint, createMonitorEndpoint);
