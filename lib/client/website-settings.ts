// (Imported by client components only.) A website's detection settings (issue 15).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { WebsiteSettingsJson } from "@/lib/web/schemas";
import type { getWebsiteSettingsEndpoint, updateWebsiteSettingsEndpoint } from "@/lib/web/endpoints";
import type { BodyOf, ResponseOf } from "@/lib/http/endpoint";
import { apiFetch } from "./api";

const settingsKey = (websiteId: string) => ["website-settings", websiteId] as const;

export function useWebsiteSettings(websiteId: string, initialData?: WebsiteSettingsJson) {
  return useQuery({
    queryKey: settingsKey(websiteId),
    queryFn: ({ signal }) => apiFetch<ResponseOf<typeof getWebsiteSettingsEndpoint>>(`/api/internal/websites/${websiteId}/settings`, { signal }).then((r) => r.data),
    initialData,
  });
}

export function useUpdateWebsiteSettings(websiteId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: BodyOf<typeof updateWebsiteSettingsEndpoint>) =>
      apiFetch<ResponseOf<typeof updateWebsiteSettingsEndpoint>>(`/api/internal/websites/${websiteId}/settings`, { method: "PATCH", body: patch }).then((r) => r.data),
    onSuccess: (settings) => queryClient.setQueryData(settingsKey(websiteId), settings),
  });
}
