// Dashboard-only: list and send invitations (admins).
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { inviteMemberEndpoint, listInvitationsEndpoint } from "@/lib/org/endpoints";
import { inviteMember, listInvitations } from "@/lib/org/invitations";

export const dynamic = "force-dynamic";

export const GET = handle(listInvitationsEndpoint, async ({ principal }) => ({ data: await listInvitations(principal.org) }));

export const POST = handle(inviteMemberEndpoint, async ({ principal, body }) => ({ data: await inviteMember(principal.org, body, principal.label) }));

export const { PUT, PATCH, DELETE } = rejectOtherMethods(listInvitationsEndpoint, inviteMemberEndpoint);
