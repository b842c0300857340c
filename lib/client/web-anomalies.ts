// (Imported by client components only.) A website's anomalies and its hourly metric series.
import { useQuery } from "@tanstack/react-query";
import type { WebAnomaliesPage } from "@/lib/web/schemas";
import type { websiteAnomaliesEndpoint, websiteSeriesEndpoint } from "@/lib/web/endpoints";
import type { DataOf, ResponseOf } from "@/lib/http/endpoint";
import { apiFetch } from "./api";
import { webFiltersToSearch, type WebAnomalyFilters, type WebMetricName } from "./web-filters";

export function useWebAnomalies(websiteId: string, filters: WebAnomalyFilters, initialData?: WebAnomaliesPage) {
  return useQuery({
    queryKey: ["web-anomalies", websiteId, filters],
    queryFn: ({ signal }) =>
      apiFetch<ResponseOf<typeof websiteAnomaliesEndpoint>>(`/api/internal/websites/${websiteId}/anomalies?${webFiltersToSearch(filters)}&limit=200`, { signal }).then((r) => r.data),
    initialData,
    placeholderData: (previous) => previous,
  });
}

export function useWebMetricSeries(websiteId: string, metric: WebMetricName, hours: number, initialData?: DataOf<typeof websiteSeriesEndpoint>) {
  return useQuery({
    queryKey: ["web-metric-series", websiteId, metric, hours],
    queryFn: ({ signal }) =>
      apiFetch<ResponseOf<typeof websiteSeriesEndpoint>>(`/api/internal/websites/${websiteId}/series?metric=${metric}&hours=${hours}`, { signal }).then((r) => r.data),
    initialData,
  });
}
