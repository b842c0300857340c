// (Imported by client components only.) Issue 13: feedback on a cloud anomaly and reopening a
// dismissal; each answer is the anomaly's new detail, which replaces the cached one.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { anomalyFeedbackEndpoint, reopenAnomalyEndpoint } from "@/lib/cloud/endpoints";
import type { ResponseOf } from "@/lib/http/endpoint";
import type { AnomalyFeedback } from "@/lib/vocabulary";
import { apiFetch } from "./api";
import { anomalyKeys } from "./anomalies";

export function useAnomalyFeedback() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, feedback, note }: { id: number; feedback: AnomalyFeedback; note?: string }) =>
      apiFetch<ResponseOf<typeof anomalyFeedbackEndpoint>>(`/api/v1/anomalies/${id}/feedback`, { method: "POST", body: note?.trim() ? { feedback, note } : { feedback } }).then(
        (r) => r.data,
      ),
    onSuccess: (detail) => queryClient.setQueryData(anomalyKeys.detail(detail.id), detail),
    onSettled: () => queryClient.invalidateQueries({ queryKey: anomalyKeys.lists() }),
  });
}

export function useReopenAnomaly() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiFetch<ResponseOf<typeof reopenAnomalyEndpoint>>(`/api/v1/anomalies/${id}/reopen`, { method: "POST" }).then((r) => r.data),
    onSuccess: (detail) => queryClient.setQueryData(anomalyKeys.detail(detail.id), detail),
    onSettled: () => queryClient.invalidateQueries({ queryKey: anomalyKeys.lists() }),
  });
}
