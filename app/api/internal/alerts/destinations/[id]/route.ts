// Dashboard-only: change or remove one alert destination (admins).
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { deleteDestinationEndpoint, updateDestinationEndpoint } from "@/lib/alerts/endpoints";
import { deleteDestination, updateDestination } from "@/lib/alerts/destinations";
import { recordAudit } from "@/lib/org/audit";

export const dynamic = "force-dynamic";

export const PATCH = handle(updateDestinationEndpoint, async ({ principal, params, body }) => {
  const destination = await updateDestination(principal.org.id, params.id, body);
  // Which fields changed, not their values: a destination's URL and secret are credentials.
  await recordAudit({ orgId: principal.org.id, actor: principal.label, action: "destination.update", targetType: "destination", targetId: params.id, details: { fields: Object.keys(body) } });
  return { data: destination };
});

export const DELETE = handle(deleteDestinationEndpoint, async ({ principal, params }) => {
  await deleteDestination(principal.org.id, params.id);
  await recordAudit({ orgId: principal.org.id, actor: principal.label, action: "destination.delete", targetType: "destination", targetId: params.id });
});

export const { GET, POST, PUT } = rejectOtherMethods(updateDestinationEndpoint, deleteDestinationEndpoint);
