// (Imported by client components only.) API keys resource for the settings page.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ApiKeyJson } from "@/lib/org/schemas";
import type { createApiKeyEndpoint, listApiKeysEndpoint, revokeApiKeyEndpoint } from "@/lib/org/endpoints";
import type { ResponseOf } from "@/lib/http/endpoint";
import { apiFetch } from "./api";

const apiKeysKey = ["api-keys"] as const;

export function useApiKeys(initialData?: ApiKeyJson[]) {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: apiKeysKey,
    queryFn: ({ signal }) => apiFetch<ResponseOf<typeof listApiKeysEndpoint>>("/api/internal/api-keys", { signal }).then((r) => r.data),
    initialData,
  });
  const create = useMutation({
    mutationFn: (name: string) => apiFetch<ResponseOf<typeof createApiKeyEndpoint>>("/api/internal/api-keys", { method: "POST", body: { name } }).then((r) => r.data),
    onSuccess: ({ api_key }) => queryClient.setQueryData<ApiKeyJson[]>(apiKeysKey, (current) => [api_key, ...(current ?? [])]),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeysKey }),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => apiFetch<ResponseOf<typeof revokeApiKeyEndpoint>>(`/api/internal/api-keys/${id}`, { method: "DELETE" }).then((r) => r.data),
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: apiKeysKey });
      const previous = queryClient.getQueryData<ApiKeyJson[]>(apiKeysKey);
      const now = new Date().toISOString();
      queryClient.setQueryData<ApiKeyJson[]>(apiKeysKey, (current) => current?.map((k) => (k.id === id ? { ...k, revoked_at: k.revoked_at ?? now } : k)));
      return { previous };
    },
    onError: (_error, _id, context) => queryClient.setQueryData(apiKeysKey, context?.previous),
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeysKey }),
  });
  return { list, create, revoke };
}
