// Dashboard-only: the organization's plan and remaining API credits.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { getOrganizationEndpoint } from "@/lib/org/endpoints";
import { getOrganizationSummary } from "@/lib/org/summary";

export const dynamic = "force-dynamic";

export const GET = handle(getOrganizationEndpoint, async ({ principal }) => ({ data: await getOrganizationSummary(principal.org) }));

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(getOrganizationEndpoint);
