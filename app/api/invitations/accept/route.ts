// The invitation page's accept call: the token is the credential; a signed-in invitee joins
// with their account, a new address creates one with the password it sends.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { forbidden } from "@/lib/http/errors";
import { isCrossSiteWrite } from "@/lib/http/origin";
import { sessionUser } from "@/lib/auth/principal";
import { acceptInvitationEndpoint } from "@/lib/org/endpoints";
import { acceptInvitation } from "@/lib/org/invitations";

export const dynamic = "force-dynamic";

export const POST = handle(acceptInvitationEndpoint, async ({ request, body }) => {
  // Another site must not make a signed-in browser join an organization.
  if (isCrossSiteWrite(request)) throw forbidden("Cross-site requests are not allowed");
  return { data: await acceptInvitation({ token: body.token, name: body.name, password: body.password, sessionUser: await sessionUser() }) };
});

export const { GET, PUT, PATCH, DELETE } = rejectOtherMethods(acceptInvitationEndpoint);
