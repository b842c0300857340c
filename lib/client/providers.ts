// (Imported by client components only.) Cloud providers resource for settings.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { createProviderBody, providerJson } from "@/lib/cloud/schemas";
import type { createProviderEndpoint, renameProviderEndpoint } from "@/lib/cloud/endpoints";
import type { ResponseOf } from "@/lib/http/endpoint";
import { apiFetch } from "./api";

const providersKey = ["providers"] as const;

type ProviderJson = z.infer<typeof providerJson>;
export type NewProvider = z.input<typeof createProviderBody>;

export function useProviders(initialData?: ProviderJson[]) {
  const queryClient = useQueryClient();
  const settle = () => {
    // Provider names appear in the anomaly tables too.
    void queryClient.invalidateQueries({ queryKey: providersKey });
    void queryClient.invalidateQueries({ queryKey: ["anomalies"] });
  };
  const list = useQuery({
    queryKey: providersKey,
    queryFn: ({ signal }) => apiFetch<{ data: ProviderJson[] }>("/api/internal/providers", { signal }).then((r) => r.data),
    initialData,
  });
  const create = useMutation({
    mutationFn: (input: NewProvider) => apiFetch<ResponseOf<typeof createProviderEndpoint>>("/api/internal/providers", { method: "POST", body: input }).then((r) => r.data),
    onSettled: settle,
  });
  const rename = useMutation({
    mutationFn: ({ id, name }: { id: number; name: string }) =>
      apiFetch<ResponseOf<typeof renameProviderEndpoint>>(`/api/internal/providers/${id}`, { method: "PATCH", body: { name } }).then((r) => r.data),
    onMutate: async ({ id, name }) => {
      await queryClient.cancelQueries({ queryKey: providersKey });
      const previous = queryClient.getQueryData<ProviderJson[]>(providersKey);
      queryClient.setQueryData<ProviderJson[]>(providersKey, (current) => current?.map((p) => (p.id === id ? { ...p, name } : p)));
      return { previous };
    },
    onError: (_e, _v, context) => queryClient.setQueryData(providersKey, context?.previous),
    onSettled: settle,
  });
  const remove = useMutation({
    mutationFn: (id: number) => apiFetch<void>(`/api/internal/providers/${id}`, { method: "DELETE" }),
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: providersKey });
      const previous = queryClient.getQueryData<ProviderJson[]>(providersKey);
      queryClient.setQueryData<ProviderJson[]>(providersKey, (current) => current?.filter((p) => p.id !== id));
      return { previous };
    },
    onError: (_e, _v, context) => queryClient.setQueryData(providersKey, context?.previous),
    onSettled: settle,
  });
  return { list, create, rename, remove };
}
