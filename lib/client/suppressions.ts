// (Imported by client components only.)
// Suppression rules (the settings list, delete) and the alert simulator's preview.
import { useMutation } from "@tanstack/react-query";
import type { SimulationBody, SuppressionRuleJson } from "@/lib/anomalies/schemas";
import type { simulateEndpoint } from "@/lib/anomalies/endpoints";
import type { ResponseOf } from "@/lib/http/endpoint";
import { apiFetch } from "./api";
import { useCrudResource } from "./crud-resource";

export const suppressionKeys = { all: ["suppressions"] as const };

export function useSuppressions(initialData?: SuppressionRuleJson[]) {
  return useCrudResource<SuppressionRuleJson, number, never>(
    { key: suppressionKeys.all, path: "/api/v1/suppressions", idOf: (rule) => rule.id, related: [["anomalies"]] },
    initialData,
  );
}

/** Input of a simulation as the form sends it (days default 90 on the server). */
export type SimulationInput = Partial<Omit<SimulationBody, "days">> & { days?: number };

/** A mutation, not a query: the user asks for a simulation, each run replays the data. */
export function useSimulation() {
  return useMutation({
    mutationFn: (input: SimulationInput) =>
      apiFetch<ResponseOf<typeof simulateEndpoint>>("/api/v1/simulations", { method: "POST", body: input }).then((r) => r.data),
  });
}
