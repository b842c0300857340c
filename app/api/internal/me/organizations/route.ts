// Dashboard-only: the signed-in user's organizations, for the header's switcher.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { listMyOrganizationsEndpoint } from "@/lib/org/endpoints";
import { listUserOrganizations } from "@/lib/org/members";

export const dynamic = "force-dynamic";

export const GET = handle(listMyOrganizationsEndpoint, async ({ principal }) => ({ data: principal.kind === "user" ? await listUserOrganizations(principal.userId) : [] }));

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(listMyOrganizationsEndpoint);
