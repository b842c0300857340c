// Dashboard-only: the organization's members (admins).
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { listMembersEndpoint } from "@/lib/org/endpoints";
import { listMembers } from "@/lib/org/members";

export const dynamic = "force-dynamic";

export const GET = handle(listMembersEndpoint, async ({ principal }) => ({ data: await listMembers(principal.org) }));

export const { POST, PUT, PATCH, DELETE } = rejectOtherMethods(listMembersEndpoint);
