// (Imported by client components only.) Websites resource for settings and the website pages.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { WebsiteJson } from "@/lib/web/schemas";
import type { createWebsiteEndpoint, listWebsiteSettingsEndpoint, updateWebsiteEndpoint } from "@/lib/web/endpoints";
import type { BodyOf, ResponseOf } from "@/lib/http/endpoint";
import { apiFetch } from "./api";

export const websitesKey = ["websites"] as const;

export function useWebsites(initialData?: WebsiteJson[]) {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: websitesKey,
    queryFn: ({ signal }) => apiFetch<ResponseOf<typeof listWebsiteSettingsEndpoint>>("/api/internal/websites", { signal }).then((r) => r.data),
    initialData,
  });
  const create = useMutation({
    mutationFn: (input: BodyOf<typeof createWebsiteEndpoint>) =>
      apiFetch<ResponseOf<typeof createWebsiteEndpoint>>("/api/internal/websites", { method: "POST", body: input }).then((r) => r.data),
    onSettled: () => queryClient.invalidateQueries({ queryKey: websitesKey }),
  });
  const rename = useMutation({
    mutationFn: ({ id, name }: { id: string; name: string }) =>
      apiFetch<ResponseOf<typeof updateWebsiteEndpoint>>(`/api/internal/websites/${id}`, { method: "PATCH", body: { name } }).then((r) => r.data),
    onMutate: async ({ id, name }) => {
      await queryClient.cancelQueries({ queryKey: websitesKey });
      const previous = queryClient.getQueryData<WebsiteJson[]>(websitesKey);
      queryClient.setQueryData<WebsiteJson[]>(websitesKey, (current) => current?.map((w) => (w.id === id ? { ...w, name } : w)));
      return { previous };
    },
    onError: (_e, _v, context) => queryClient.setQueryData(websitesKey, context?.previous),
    onSettled: () => queryClient.invalidateQueries({ queryKey: websitesKey }),
  });
  const remove = useMutation({
    mutationFn: (id: string) => apiFetch<void>(`/api/internal/websites/${id}`, { method: "DELETE" }),
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: websitesKey });
      const previous = queryClient.getQueryData<WebsiteJson[]>(websitesKey);
      queryClient.setQueryData<WebsiteJson[]>(websitesKey, (current) => current?.filter((w) => w.id !== id));
      return { previous };
    },
    onError: (_e, _v, context) => queryClient.setQueryData(websitesKey, context?.previous),
    onSettled: () => queryClient.invalidateQueries({ queryKey: websitesKey }),
  });
  return { list, create, rename, remove };
}
