// Dashboard-only: revoke a pending invitation (admins).
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { revokeInvitationEndpoint } from "@/lib/org/endpoints";
import { revokeInvitation } from "@/lib/org/invitations";

export const dynamic = "force-dynamic";

export const DELETE = handle(revokeInvitationEndpoint, async ({ principal, params }) => ({ data: await revokeInvitation(principal.org, params.id) }));

export const { GET, POST, PUT, PATCH } = rejectOtherMethods(revokeInvitationEndpoint);
