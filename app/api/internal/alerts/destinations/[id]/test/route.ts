// Dashboard-only: "Send test" — queues a test message and makes the first attempt now.
import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { destinationIdParams } from "@/lib/alerts/schemas";
import { findDestination, listDeliveries } from "@/lib/alerts/destinations";
import { sendTestAlert } from "@/lib/alerts/deliver";

export const dynamic = "force-dynamic";

export const POST = route({
  flavor: v1Flavor,
  auth: "session",
  role: "admin",
  params: destinationIdParams,
  handler: async ({ principal, params }) => {
    await findDestination(principal.org.id, params.id);
    const deliveryId = await sendTestAlert(principal.org.id, params.id);
    const delivery = (await listDeliveries(principal.org.id, params.id, 20)).find((d) => d.id === deliveryId);
    return { data: delivery ?? null };
  },
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["POST"]);
