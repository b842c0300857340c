// (Imported by client components only.) A provider's website links and the daily unit costs
// of one link, for the anomaly page's cost-and-traffic chart (issue 14).
import { useQuery } from "@tanstack/react-query";
import type { getUnitCostsEndpoint, listProviderLinksEndpoint } from "@/lib/cloud/endpoints";
import type { ResponseOf } from "@/lib/http/endpoint";
import { apiFetch } from "./api";

export function useProviderLinks(providerId: number) {
  return useQuery({
    queryKey: ["providers", providerId, "links"],
    queryFn: ({ signal }) => apiFetch<ResponseOf<typeof listProviderLinksEndpoint>>(`/api/v1/providers/${providerId}/links`, { signal }).then((r) => r.data),
    enabled: providerId > 0,
  });
}

export function useUnitCosts(providerId: number, websiteId: string | null, days: number) {
  return useQuery({
    queryKey: ["providers", providerId, "unit-costs", websiteId, days],
    queryFn: ({ signal }) =>
      apiFetch<ResponseOf<typeof getUnitCostsEndpoint>>(`/api/v1/providers/${providerId}/unit-costs?website_id=${websiteId ?? ""}&days=${days}`, { signal }).then((r) => r.data),
    enabled: providerId > 0 && websiteId !== null,
  });
}
