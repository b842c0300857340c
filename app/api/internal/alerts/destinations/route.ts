// Dashboard-only (session cookie): the organization's alert destinations.
import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { hasRole } from "@/lib/auth/principal";
import { createDestinationBody } from "@/lib/alerts/schemas";
import { createDestination, listDestinations } from "@/lib/alerts/destinations";

export const dynamic = "force-dynamic";

export const GET = route({
  flavor: v1Flavor,
  auth: "session",
    // Analysts see only each URL's origin: Slack and many webhook URLs are credentials.
  handler: async ({ principal }) => ({ data: await listDestinations(principal.org.id, { showUrls: hasRole(principal, "admin") }) }),
});

export const POST = route({
  flavor: v1Flavor,
  auth: "session",
  role: "admin",
  body: createDestinationBody,
  handler: async ({ principal, body }) => Response.json({ data: await createDestination(principal.org.id, body) }, { status: 201 }),
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["GET", "POST"]);
