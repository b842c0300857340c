// (Imported by client components only.) Alert destinations, the delivery log and the
// "Send test" action for the alerts settings page.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateDestinationInput, DeliveryJson, DestinationJson } from "@/lib/alerts/schemas";
import { apiFetch } from "./api";
import { useCrudResource, useResourceList } from "./crud-resource";

const destinationsKey = ["alert-destinations"] as const;
const deliveriesKey = ["alert-deliveries"] as const;
const destinationsPath = "/api/internal/alerts/destinations";

export function useAlertDestinations(initialData?: DestinationJson[]) {
  // Every change to a destination can add a delivery (a test, a withdrawal), so the log refreshes too.
  return useCrudResource<DestinationJson, string, CreateDestinationInput>(
    { key: destinationsKey, path: destinationsPath, idOf: (destination) => destination.id, related: [deliveriesKey] },
    initialData,
  );
}

export function useAlertDeliveries(initialData?: DeliveryJson[]) {
  // Retries happen in the background: keep the log fresh while the page is open.
  return useResourceList<DeliveryJson>({ key: deliveriesKey, path: "/api/internal/alerts/deliveries", refetchInterval: 10_000 }, initialData);
}

export function useSendTestAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ data: DeliveryJson | null }>(`${destinationsPath}/${id}/test`, { method: "POST" }).then((r) => r.data),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: destinationsKey });
      void queryClient.invalidateQueries({ queryKey: deliveriesKey });
    },
  });
}
