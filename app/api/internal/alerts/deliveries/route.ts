// Dashboard-only: the delivery log (latest 100), optionally for one destination.
import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { deliveriesQuery } from "@/lib/alerts/schemas";
import { listDeliveries } from "@/lib/alerts/destinations";

export const dynamic = "force-dynamic";

export const GET = route({
  flavor: v1Flavor,
  auth: "session",
  query: deliveriesQuery,
  handler: async ({ principal, query }) => ({ data: await listDeliveries(principal.org.id, query.destination_id) }),
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["GET"]);
