// (Imported by client components only.) The organization's plan and credits.
import { useQuery } from "@tanstack/react-query";
import type { OrganizationSummary } from "@/lib/org/summary";
import { apiFetch } from "./api";

export function useOrganization(initialData?: OrganizationSummary) {
  return useQuery({
    queryKey: ["organization"],
    queryFn: ({ signal }) => apiFetch<{ data: OrganizationSummary }>("/api/internal/organization", { signal }).then((r) => r.data),
    initialData,
    // Credits change with every external API call; show a fresh figure when revisited.
    staleTime: 5_000,
  });
}
