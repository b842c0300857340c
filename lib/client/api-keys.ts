// (Imported by client components only.) API keys resource for the settings page. A key is
// never deleted, only revoked: DELETE marks it, and the list keeps showing it as revoked.
import type { ApiKeyJson } from "@/lib/org/api-keys";
import { useCrudResource } from "./crud-resource";

export interface CreatedApiKey {
  /** The secret, shown once. */
  key: string;
  api_key: ApiKeyJson;
}

function markRevoked(keys: ApiKeyJson[], id: string): ApiKeyJson[] {
  const now = new Date().toISOString();
  return keys.map((k) => (k.id === id ? { ...k, revoked_at: k.revoked_at ?? now } : k));
}

export function useApiKeys(initialData?: ApiKeyJson[]) {
  return useCrudResource<ApiKeyJson, string, { name: string }, CreatedApiKey>(
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
