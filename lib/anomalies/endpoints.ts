// Suppression rules and the alert simulator (/api/v1, the cloud API's family and error shape):
// one definition per operation (see lib/http/endpoint.ts).
import { defineEndpoint, defineResource } from "@/lib/http/endpoint";
import { createSuppressionBody, listSuppressionsResponse, simulationBody, simulationResponse, suppressionIdParams, suppressionResponse } from "./schemas";

const suppressions = defineResource({ family: "cloudV1", path: "/api/v1/suppressions", params: suppressionIdParams, writeRole: "admin" });

export const listSuppressionsEndpoint = suppressions.list({
  operationId: "listSuppressions",
  summary: "List suppression rules with how many anomalies each suppressed",
  description: "Rules not deleted, newest first (expired ones included, `active: false`). While a rule is active, new anomalies matching its scope are recorded as dismissed with `suppressed_by` and are not alerted.",
  response: { description: "The rules", schema: listSuppressionsResponse },
});

export const createSuppressionEndpoint = suppressions.create({
  operationId: "createSuppression",
  summary: "Create a suppression rule",
  description:
    "`scope` sets at least one of provider_id, service (the anomaly's top service), account_id, metric, website_id; every field set must match. " +
    "The rule lasts until `until` (a day means its end, UTC; at most 365 days ahead) or `days` from now (1–365, default 30). At most 500 active rules (409).",
  body: createSuppressionBody,
  response: { description: "The new rule", schema: suppressionResponse },
  responses: { 409: { description: "Too many active rules" } },
});

export const deleteSuppressionEndpoint = suppressions.remove({
  operationId: "deleteSuppression",
  summary: "Delete a suppression rule (the anomalies it suppressed stay dismissed)",
  response: { status: 204, description: "Deleted" },
});

export const simulateEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "POST",
  path: "/api/v1/simulations",
  operationId: "simulateAlerts",
  summary: "Replay detection over the stored data with other settings, without writing anything",
  description:
    "Counts the alerts the alert rules would have sent over the last `days` days (1–180, default 90) with the given sensitivity, cost floor, minimum impact " +
    "(dollars, for cost) and minimum |deviation| percent, and `suppressions` to try (default: the organization's rules); `current` is the same window with today's settings. " +
    "With no alert destination, a default one (every type and severity) is assumed. One simulation per organization, and two per instance, at a time (429 with Retry-After).",
  body: simulationBody,
  response: { description: "What the settings would have done", schema: simulationResponse },
  responses: { 429: { description: "A simulation is already running for this organization" } },
});
