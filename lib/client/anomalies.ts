// (Imported by client components only.)
// Cloud anomalies resource: the list and one anomaly. Dismissing and the CSV download are in
// ./anomaly-actions, so a page that only reads (the anomaly page, whose dismiss dialog loads
// lazily) does not load React Query's mutation code (issue 12's first-load budget).
import { useQuery } from "@tanstack/react-query";
import type { CloudAnomalyDetailJson, CloudAnomalyJson } from "@/lib/cloud/schemas";
import type { getAnomalyEndpoint, listAnomaliesEndpoint } from "@/lib/cloud/endpoints";
import type { ResponseOf } from "@/lib/http/endpoint";
import { apiFetch } from "./api";

export interface AnomalyFilters {
  provider_id?: number;
  type?: "cost" | "performance";
  status?: "active" | "dismissed";
  days: number;
}

export const anomalyKeys = {
  all: ["anomalies"] as const,
  lists: () => ["anomalies", "list"] as const,
  list: (filters: AnomalyFilters) => ["anomalies", "list", filters] as const,
  detail: (id: number) => ["anomalies", "detail", id] as const,
};

/** The API's own query string, so the dashboard URL and the API URL read the same. */
export function anomalyFiltersToSearch(filters: AnomalyFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.provider_id) search.set("provider_id", String(filters.provider_id));
  if (filters.type) search.set("type", filters.type);
  if (filters.status) search.set("status", filters.status);
  search.set("days", String(filters.days));
  return search;
}

export function useAnomalies(filters: AnomalyFilters, initialData?: CloudAnomalyJson[]) {
  return useQuery({
    queryKey: anomalyKeys.list(filters),
    queryFn: ({ signal }) =>
      apiFetch<ResponseOf<typeof listAnomaliesEndpoint>>(`/api/v1/anomalies?${anomalyFiltersToSearch(filters)}`, { signal }).then((r) => r.data),
    initialData,
    placeholderData: (previous) => previous,
  });
}

export function useAnomaly(id: number, initialData?: CloudAnomalyDetailJson) {
  return useQuery({
    queryKey: anomalyKeys.detail(id),
    queryFn: ({ signal }) => apiFetch<ResponseOf<typeof getAnomalyEndpoint>>(`/api/v1/anomalies/${id}`, { signal }).then((r) => r.data),
    initialData,
  });
}
