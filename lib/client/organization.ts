// (Imported by client components only.) The organization's plan and credits.
import { useQuery } from "@tanstack/react-query";
import type { getOrganizationEndpoint } from "@/lib/org/endpoints";
import type { DataOf, ResponseOf } from "@/lib/http/endpoint";
import { apiFetch } from "./api";

export function useOrganization(initialData?: DataOf<typeof getOrganizationEndpoint>) {
  return useQuery({
    queryKey: ["organization"],
    queryFn: ({ signal }) => apiFetch<ResponseOf<typeof getOrganizationEndpoint>>("/api/internal/organization", { signal }).then((r) => r.data),
    initialData,
    // Credits change with every external API call; show a fresh figure when revisited.
    staleTime: 5_000,
  });
}
