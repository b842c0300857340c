import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { deleteMonitorEndpoint, getMonitorEndpoint, updateMonitorEndpoint } from "@/lib/cloud/monitor-endpoints";
import { deleteMonitor, getMonitor, updateMonitor } from "@/lib/cloud/monitors";
import { enforceOrgWriteLimit } from "@/lib/org/rate-limit";

export const dynamic = "force-dynamic";

export const GET = handle(getMonitorEndpoint, async ({ principal, params }) => ({ data: await getMonitor(principal.org, params.id) }));

export const PATCH = handle(updateMonitorEndpoint, async ({ principal, params, body }) => ({ data: await updateMonitor(principal.org, params.id, body, principal.label) }), {
  before: enforceOrgWriteLimit,
});

export const DELETE = handle(
  deleteMonitorEndpoint,
  async ({ principal, params }) => {
    await deleteMonitor(principal.org, params.id, principal.label);
  },
  { before: enforceOrgWriteLimit },
);

export const { POST, PUT } = rejectOtherMethods(getMonitorEndpoint, updateMonitorEndpoint, deleteMonitorEndpoint);
