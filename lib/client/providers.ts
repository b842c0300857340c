// (Imported by client components only.) Cloud providers resource for settings.
import type { ProviderJson, ProviderKind } from "@/lib/cloud/providers";
import { useCrudResource } from "./crud-resource";

export interface NewProvider {
  kind: ProviderKind;
  name: string;
  account_id?: string;
}

export function useProviders(initialData?: ProviderJson[]) {
  // Provider names appear in the anomaly tables too.
  return useCrudResource<ProviderJson, number, NewProvider>(
    { key: ["providers"], path: "/api/internal/providers", idOf: (provider) => provider.id, related: [["anomalies"]] },
    initialData,
  );
}
