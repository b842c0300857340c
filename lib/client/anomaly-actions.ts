// (Imported by client components only.)
// What users do to cloud anomalies: dismiss one (optimistic, with rollback) and download the list
// as CSV. Split from ./anomalies so read-only pages do not load React Query's mutation code.
import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { CloudAnomalyDetailJson, CloudAnomalyJson } from "@/lib/cloud/schemas";
import type { dismissAnomalyEndpoint } from "@/lib/cloud/endpoints";
import type { ResponseOf } from "@/lib/http/endpoint";
import { apiDownload, apiFetch, saveFile } from "./api";
import { anomalyFiltersToSearch, anomalyKeys, type AnomalyFilters } from "./anomalies";

/** The list as a CSV file with the same filters (the API answers `Accept: text/csv`), saved by the browser. */
export function useDownloadAnomaliesCsv() {
  return useMutation({
    mutationFn: (filters: AnomalyFilters) => apiDownload(`/api/v1/anomalies?${anomalyFiltersToSearch(filters)}`, "text/csv", "anomalies.csv"),
    onSuccess: saveFile,
  });
}

interface DismissVariables {
  id: number;
  reason: string;
  /** Shown as "dismissed by" until the server answers. */
  actor: string;
  /** Also suppress matching new anomalies for this many days (a suppression rule). */
  suppress?: { days: number; scope: "series" | "service" };
}

type Snapshot = Array<[QueryKey, unknown]>;

export function useDismissAnomaly() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason, suppress }: DismissVariables) =>
      apiFetch<ResponseOf<typeof dismissAnomalyEndpoint>>(`/api/v1/anomalies/${id}/dismiss`, {
        method: "POST",
        body: { ...(reason.trim() ? { reason } : {}), ...(suppress ? { suppress_days: suppress.days, scope: suppress.scope } : {}) },
      }).then((r) => r.data),
    onMutate: async ({ id, reason, actor }): Promise<{ snapshot: Snapshot }> => {
      await queryClient.cancelQueries({ queryKey: anomalyKeys.all });
      const snapshot: Snapshot = queryClient.getQueriesData({ queryKey: anomalyKeys.all });
      const dismissedAt = new Date().toISOString();
      queryClient.setQueryData<CloudAnomalyDetailJson>(anomalyKeys.detail(id), (current) =>
        current && current.status === "active"
          ? { ...current, status: "dismissed", dismissal: { reason: reason.trim() || null, dismissed_by: actor, dismissed_at: dismissedAt } }
          : current,
      );
      for (const [key, value] of queryClient.getQueriesData<CloudAnomalyJson[]>({ queryKey: anomalyKeys.lists() })) {
        if (!value) continue;
        const filters = key[2] as AnomalyFilters | undefined;
        const next =
          filters?.status === "active"
            ? value.filter((a) => a.id !== id)
            : value.map((a) => (a.id === id ? { ...a, status: "dismissed" as const } : a));
        queryClient.setQueryData(key, next);
      }
      return { snapshot };
    },
    onError: (_error, _vars, context) => {
      for (const [key, value] of context?.snapshot ?? []) queryClient.setQueryData(key, value);
    },
    onSuccess: (detail) => {
      queryClient.setQueryData(anomalyKeys.detail(detail.id), detail);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: anomalyKeys.lists() }),
  });
}
