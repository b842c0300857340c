// Dashboard-only: "Send test" — queues a test message and makes the first attempt now.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { testDestinationEndpoint } from "@/lib/alerts/endpoints";
import { findDestination, listDeliveries } from "@/lib/alerts/destinations";
import { sendTestAlert } from "@/lib/alerts/deliver";
import { enforceWindow, sendTestLimits } from "@/lib/org/rate-limit";

export const dynamic = "force-dynamic";

export const POST = handle(testDestinationEndpoint, async ({ principal, params }) => {
  await findDestination(principal.org.id, params.id);
  // Each test makes an outbound request right away: throttled per destination and per organization.
  await enforceWindow(sendTestLimits.perDestination(), params.id, "Too many test messages for this destination");
  await enforceWindow(sendTestLimits.perOrganization(), principal.org.id, "Too many test messages");
  const deliveryId = await sendTestAlert(principal.org.id, params.id);
  const delivery = (await listDeliveries(principal.org.id, params.id, 20)).find((d) => d.id === deliveryId);
  return { data: delivery ?? null };
});

export const { GET, PUT, PATCH, DELETE } = rejectOtherMethods(testDestinationEndpoint);
