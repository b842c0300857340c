// Dashboard-only (session cookie): the organization's alert destinations.
import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { createDestinationBody } from "@/lib/alerts/schemas";
import { createDestination, listDestinations } from "@/lib/alerts/destinations";

export const dynamic = "force-dynamic";

export const GET = route({
  flavor: v1Flavor,
  auth: "session",
  handler: async ({ principal }) => ({ data: await listDestinations(principal.org.id) }),
});

export const POST = route({
  flavor: v1Flavor,
  auth: "session",
  role: "admin",
  body: createDestinationBody,
  handler: async ({ principal, body }) => Response.json({ data: await createDestination(principal.org.id, body) }, { status: 201 }),
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["GET", "POST"]);
