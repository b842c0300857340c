// Dashboard-only: change or remove one alert destination (admins).
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { deleteDestinationEndpoint, updateDestinationEndpoint } from "@/lib/alerts/endpoints";
import { deleteDestination, updateDestination } from "@/lib/alerts/destinations";

export const dynamic = "force-dynamic";

export const PATCH = handle(updateDestinationEndpoint, async ({ principal, params, body }) => ({ data: await updateDestination(principal.org.id, params.id, body) }));

export const DELETE = handle(deleteDestinationEndpoint, async ({ principal, params }) => {
  await deleteDestination(principal.org.id, params.id);
  return new Response(null, { status: 204 });
});

export const { GET, POST, PUT } = rejectOtherMethods(updateDestinationEndpoint, deleteDestinationEndpoint);
