// (Imported by client components only.) API keys resource for the settings page. A key is
// never deleted, only revoked: DELETE marks it, and the list keeps showing it as revoked.
import type { ApiKeyJson } from "@/lib/org/schemas";
import type { createApiKeyEndpoint } from "@/lib/org/endpoints";
import type { BodyOf, DataOf } from "@/lib/http/endpoint";
import { useCrudResource } from "./crud-resource";

/** The new key's secret (shown once) and its list entry. */
export type CreatedApiKey = DataOf<typeof createApiKeyEndpoint>;

function markRevoked(keys: ApiKeyJson[], id: string): ApiKeyJson[] {
  const now = new Date().toISOString();
  return keys.map((k) => (k.id === id ? { ...k, revoked_at: k.revoked_at ?? now } : k));
}

export function useApiKeys(initialData?: ApiKeyJson[]) {
  return useCrudResource<ApiKeyJson, string, BodyOf<typeof createApiKeyEndpoint>, CreatedApiKey>(
    {
      key: ["api-keys"],
      path: "/api/internal/api-keys",
      idOf: (apiKey) => apiKey.id,
      removeLocally: markRevoked,
      addLocally: (keys, created) => [created.api_key, ...keys],
    },
    initialData,
  );
}
