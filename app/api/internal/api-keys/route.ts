// Dashboard-only (session cookie): list and create the organization's API keys.
import { handle, rejectOtherMethods } from "@/lib/http/handle";
import { createApiKeyEndpoint, listApiKeysEndpoint } from "@/lib/org/endpoints";
import { issueApiKey, listApiKeys } from "@/lib/org/api-keys";

export const dynamic = "force-dynamic";

export const GET = handle(listApiKeysEndpoint, async ({ principal }) => ({ data: await listApiKeys(principal.org) }));

export const POST = handle(createApiKeyEndpoint, async ({ principal, body }) => ({
  data: await issueApiKey(principal.org, { name: body.name, scope: body.scope, expiresAt: body.expires_at }, principal.label),
}));

export const { PUT, PATCH, DELETE } = rejectOtherMethods(listApiKeysEndpoint, createApiKeyEndpoint);
