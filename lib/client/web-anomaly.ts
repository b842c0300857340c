// (Imported by client components only.) One web anomaly (issue 15): its detail, and the
// dismiss and reopen verbs, which update the page optimistically and roll back on refusal.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { WebAnomalyDetailJson } from "@/lib/web/schemas";
import type { dismissWebAnomalyEndpoint, getWebAnomalyEndpoint, reopenWebAnomalyEndpoint } from "@/lib/web/endpoints";
import type { ResponseOf } from "@/lib/http/endpoint";
import { apiFetch } from "./api";

const webAnomalyKey = (id: string) => ["web-anomaly", id] as const;

export function useWebAnomaly(id: string, initialData?: WebAnomalyDetailJson) {
  return useQuery({
    queryKey: webAnomalyKey(id),
    queryFn: ({ signal }) => apiFetch<ResponseOf<typeof getWebAnomalyEndpoint>>(`/api/v1/web-anomalies/${id}`, { signal }).then((r) => r.data),
    initialData,
  });
}

type Verb = { kind: "dismiss"; reason: string; actor: string } | { kind: "reopen" };

function optimistic(current: WebAnomalyDetailJson, verb: Verb): WebAnomalyDetailJson {
  if (verb.kind === "reopen") return { ...current, status: "active", dismissal: null };
  if (current.status === "dismissed") return current;
  return { ...current, status: "dismissed", dismissal: { reason: verb.reason.trim() || null, dismissed_by: verb.actor, dismissed_at: new Date().toISOString() } };
}

/** Dismiss (with an optional reason) or reopen the anomaly `id` (its external id, anom_<uuid>). */
export function useWebAnomalyVerb(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (verb: Verb) =>
      verb.kind === "dismiss"
        ? apiFetch<ResponseOf<typeof dismissWebAnomalyEndpoint>>(`/api/v1/web-anomalies/${id}/dismiss`, { method: "POST", body: verb.reason.trim() ? { reason: verb.reason } : {} }).then((r) => r.data)
        : apiFetch<ResponseOf<typeof reopenWebAnomalyEndpoint>>(`/api/v1/web-anomalies/${id}/reopen`, { method: "POST" }).then((r) => r.data),
    onMutate: async (verb) => {
      await queryClient.cancelQueries({ queryKey: webAnomalyKey(id) });
      const previous = queryClient.getQueryData<WebAnomalyDetailJson>(webAnomalyKey(id));
      if (previous) queryClient.setQueryData(webAnomalyKey(id), optimistic(previous, verb));
      return { previous };
    },
    onError: (_error, _verb, context) => {
      if (context?.previous) queryClient.setQueryData(webAnomalyKey(id), context.previous);
    },
    onSuccess: (detail) => queryClient.setQueryData(webAnomalyKey(id), detail),
    // The website's list shows the status too.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["web-anomalies"] }),
  });
}
