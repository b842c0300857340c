// The cost monitors API (/api/v1/monitors, issue 13): one definition per operation.
import { defineResource } from "@/lib/http/endpoint";
import { createMonitorBody, listMonitorsResponse, monitorIdParams, monitorResponse, updateMonitorBody } from "./monitor-schemas";

const monitors = defineResource({ family: "cloudV1", path: "/api/v1/monitors", params: monitorIdParams, writeRole: "admin" });

export const listMonitorsEndpoint = monitors.list({
  operationId: "listMonitors",
  summary: "List the organization's cost monitors",
  description: "Every organization has a `services` monitor (each service of every provider judged separately); `accounts` and `tag` monitors judge each linked account or tag value as its own series.",
  response: { description: "The monitors, oldest first", schema: listMonitorsResponse },
});

export const getMonitorEndpoint = monitors.get({ operationId: "getMonitor", summary: "Get one cost monitor", response: { description: "The monitor", schema: monitorResponse } });

export const createMonitorEndpoint = monitors.create({
  operationId: "createMonitor",
  summary: "Add an accounts or tag cost monitor",
  body: createMonitorBody,
  response: { description: "The new monitor", schema: monitorResponse },
});

export const updateMonitorEndpoint = monitors.update({
  operationId: "updateMonitor",
  summary: "Rename a cost monitor or change what it watches",
  body: updateMonitorBody,
  response: { description: "The monitor", schema: monitorResponse },
});

export const deleteMonitorEndpoint = monitors.remove({
  operationId: "deleteMonitor",
  summary: "Remove a cost monitor (its anomalies and their history stay)",
  responses: { 409: { description: "The services monitor cannot be removed" } },
});
