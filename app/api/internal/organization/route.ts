// Dashboard-only: the organization's plan and remaining API credits.
import { route, methodsNotAllowed } from "@/lib/http/route";
import { v1Flavor } from "@/lib/http/flavors";
import { getOrganizationSummary } from "@/lib/org/summary";

export const dynamic = "force-dynamic";

export const GET = route({
  flavor: v1Flavor,
  auth: "session",
  handler: async ({ principal }) => ({ data: await getOrganizationSummary(principal.org) }),
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(v1Flavor, ["GET"]);
