// The cost monitors API (/api/v1/monitors, issue 13): one definition per operation.
import { defineEndpoint } from "@/lib/http/endpoint";
import { createMonitorBody, listMonitorsResponse, monitorIdParams, monitorResponse, updateMonitorBody } from "./monitor-schemas";

export const listMonitorsEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "GET",
  path: "/api/v1/monitors",
  operationId: "listMonitors",
  summary: "List the organization's cost monitors",
  description: "Every organization has a `services` monitor (each service of every provider judged separately); `accounts` and `tag` monitors judge each linked account or tag value as its own series.",
  response: { description: "The monitors, oldest first", schema: listMonitorsResponse },
});

export const getMonitorEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "GET",
  path: "/api/v1/monitors/{id}",
  operationId: "getMonitor",
  summary: "Get one cost monitor",
  params: monitorIdParams,
  response: { description: "The monitor", schema: monitorResponse },
});

export const createMonitorEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "POST",
  path: "/api/v1/monitors",
  operationId: "createMonitor",
  summary: "Add an accounts or tag cost monitor",
  role: "admin",
  body: createMonitorBody,
  response: { status: 201, description: "The new monitor", schema: monitorResponse },
});

export const updateMonitorEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "PATCH",
  path: "/api/v1/monitors/{id}",
  operationId: "updateMonitor",
  summary: "Rename a cost monitor or change what it watches",
  role: "admin",
  params: monitorIdParams,
  body: updateMonitorBody,
  response: { description: "The monitor", schema: monitorResponse },
});

export const deleteMonitorEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "DELETE",
  path: "/api/v1/monitors/{id}",
  operationId: "deleteMonitor",
  summary: "Remove a cost monitor (its anomalies and their history stay)",
  role: "admin",
  params: monitorIdParams,
  response: { status: 204, description: "Removed" },
  responses: { 409: { description: "The services monitor cannot be removed" } },
});
