// (Imported by client components only.) A website's anomalies and its hourly metric series.
import { useQuery } from "@tanstack/react-query";
import type { WebAnomaliesPage } from "@/lib/web/schemas";
import type { WebMetricPoint } from "@/lib/web/anomalies";
import { apiFetch } from "./api";
import { webFiltersToSearch, type WebAnomalyFilters, type WebMetricName } from "./web-filters";

export function useWebAnomalies(websiteId: string, filters: WebAnomalyFilters, initialData?: WebAnomaliesPage) {
  return useQuery({
    queryKey: ["web-anomalies", websiteId, filters],
    queryFn: ({ signal }) =>
      apiFetch<{ data: WebAnomaliesPage }>(`/api/internal/websites/${websiteId}/anomalies?${webFiltersToSearch(filters)}&limit=200`, { signal }).then((r) => r.data),
    initialData,
    placeholderData: (previous) => previous,
  });
}

export function useWebMetricSeries(websiteId: string, metric: WebMetricName, hours: number, initialData?: WebMetricPoint[]) {
  return useQuery({
    queryKey: ["web-metric-series", websiteId, metric, hours],
    queryFn: ({ signal }) =>
      apiFetch<{ data: WebMetricPoint[] }>(`/api/internal/websites/${websiteId}/series?metric=${metric}&hours=${hours}`, { signal }).then((r) => r.data),
    initialData,
  });
}
