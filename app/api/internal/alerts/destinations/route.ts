// Dashboard-only (session cookie): the organization's alert destinations.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { hasRole } from "@/lib/auth/principal";
import { createDestinationEndpoint, listDestinationsEndpoint } from "@/lib/alerts/endpoints";
import { createDestination, listDestinations } from "@/lib/alerts/destinations";
import { recordAudit } from "@/lib/org/audit";

export const dynamic = "force-dynamic";

// Analysts see only each URL's origin: Slack and many webhook URLs are credentials.
export const GET = handle(listDestinationsEndpoint, async ({ principal }) => ({
  data: await listDestinations(principal.org.id, { showUrls: hasRole(principal, "admin") }),
}));

export const POST = handle(createDestinationEndpoint, async ({ principal, body }) => {
  const destination = await createDestination(principal.org.id, body);
  // Names only: a destination's URL and secret are credentials.
  await recordAudit({ orgId: principal.org.id, actor: principal.label, action: "destination.create", targetType: "destination", targetId: destination.id, details: { kind: destination.kind, name: destination.name } });
  return { data: destination };
});

export const { PUT, PATCH, DELETE } = rejectOtherMethods(listDestinationsEndpoint, createDestinationEndpoint);
