// (Imported by client components only.) Cost monitors resource for settings (issue 13).
import type { z } from "zod";
import type { createMonitorBody, MonitorJson } from "@/lib/cloud/monitor-schemas";
import { useCrudResource } from "./crud-resource";

export type NewMonitor = z.input<typeof createMonitorBody>;

export function useMonitors(initialData?: MonitorJson[]) {
  // Anomalies carry their monitor's id; the lists refetch when monitors change.
  return useCrudResource<MonitorJson, number, NewMonitor>({ key: ["monitors"], path: "/api/v1/monitors", idOf: (monitor) => monitor.id, related: [["anomalies"]] }, initialData);
}
