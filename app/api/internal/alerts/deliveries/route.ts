// Dashboard-only: the delivery log (latest 100), optionally for one destination.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { listDeliveriesEndpoint } from "@/lib/alerts/endpoints";
import { listDeliveries } from "@/lib/alerts/destinations";

export const dynamic = "force-dynamic";

export const GET = handle(listDeliveriesEndpoint, async ({ principal, query }) => ({ data: await listDeliveries(principal.org.id, query.destination_id) }));

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(listDeliveriesEndpoint);
