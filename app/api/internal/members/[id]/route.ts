// Dashboard-only: change a member's role or remove them (admins; never the last admin).
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { changeMemberRoleEndpoint, removeMemberEndpoint } from "@/lib/org/endpoints";
import { changeMemberRole, removeMember } from "@/lib/org/members";

export const dynamic = "force-dynamic";

export const PATCH = handle(changeMemberRoleEndpoint, async ({ principal, params, body }) => ({ data: await changeMemberRole(principal.org, params.id, body.role, principal.label) }));

export const DELETE = handle(removeMemberEndpoint, async ({ principal, params }) => ({ data: await removeMember(principal.org, params.id, principal.label) }));

export const { GET, POST, PUT } = rejectOtherMethods(changeMemberRoleEndpoint, removeMemberEndpoint);
