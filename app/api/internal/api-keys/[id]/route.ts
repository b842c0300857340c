// Dashboard-only: revoke one API key (admins).
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { revokeApiKeyEndpoint } from "@/lib/org/endpoints";
import { revokeApiKeyById } from "@/lib/org/api-keys";

export const dynamic = "force-dynamic";

export const DELETE = handle(revokeApiKeyEndpoint, async ({ principal, params }) => ({ data: await revokeApiKeyById(principal.org, params.id, principal.label) }));

export const { GET, POST, PUT, PATCH } = rejectOtherMethods(revokeApiKeyEndpoint);
