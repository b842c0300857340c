// Dashboard-only: change or remove one alert destination (admins).
import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { destinationIdParams, updateDestinationBody } from "@/lib/alerts/schemas";
import { deleteDestination, updateDestination } from "@/lib/alerts/destinations";

export const dynamic = "force-dynamic";

export const PATCH = route({
  flavor: v1Flavor,
  auth: "session",
  role: "admin",
  params: destinationIdParams,
  body: updateDestinationBody,
  handler: async ({ principal, params, body }) => ({ data: await updateDestination(principal.org.id, params.id, body) }),
});

export const DELETE = route({
  flavor: v1Flavor,
  auth: "session",
  role: "admin",
  params: destinationIdParams,
  handler: async ({ principal, params }) => {
    await deleteDestination(principal.org.id, params.id);
    return new Response(null, { status: 204 });
  },
});

export const { GET, POST, PUT } = methodsNotAllowed(v1Flavor, ["PATCH", "DELETE"]);
