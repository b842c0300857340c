// (Imported by client components only.) Cloud providers resource for settings.
import type { z } from "zod";
import type { createProviderBody, providerJson } from "@/lib/cloud/schemas";
import { useCrudResource } from "./crud-resource";

type ProviderJson = z.infer<typeof providerJson>;
export type NewProvider = z.input<typeof createProviderBody>;

export function useProviders(initialData?: ProviderJson[]) {
  // Provider names appear in the anomaly tables too.
  return useCrudResource<ProviderJson, number, NewProvider>(
    { key: ["providers"], path: "/api/internal/providers", idOf: (provider) => provider.id, related: [["anomalies"]] },
    initialData,
  );
}
