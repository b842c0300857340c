// The cloud anomalies API (/api/v1, per ../shared/specs/infraaudit-anomalies-api.md) and
// the dashboard's provider settings: one definition per operation (see lib/http/endpoint.ts).
import { defineEndpoint } from "@/lib/http/endpoint";
import {
  anomalyDetailResponse,
  anomalyIdParams,
  createProviderBody,
  dismissBody,
  listAnomaliesQuery,
  listAnomaliesResponse,
  listProvidersResponse,
  providerResponse,
  renameProviderBody,
} from "./schemas";
import { feedbackBody } from "@/lib/anomalies/history-json";
import { forecastQuery, providerForecastResponse } from "./forecast-schemas";

const CONDITIONAL_HEADERS = {
  ETag: "Hash of this exact body: send it back in If-None-Match to get 304 while the answer is unchanged",
  "Cache-Control": "private, no-cache",
};
const NOT_MODIFIED = { 304: { description: "Not modified: the If-None-Match tag is the current one (no body)" } };

export const listAnomaliesEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "GET",
  path: "/api/v1/anomalies",
  operationId: "listCloudAnomalies",
  summary: "List cost and performance anomalies",
  description:
    "Anomalies detected within the look-back window, newest first. Send `Accept: text/csv` to download the list as CSV (CSV answers carry no ETag). " +
    "With `limit`, one page and `next_cursor`, which the next request passes as `cursor`. JSON answers carry an ETag; send it back in If-None-Match to get 304 while the list is unchanged.",
  query: listAnomaliesQuery,
  response: { description: "The anomalies", schema: listAnomaliesResponse, alsoAs: ["text/csv"], headers: CONDITIONAL_HEADERS },
  responses: NOT_MODIFIED,
  conditional: true,
});

export const getAnomalyEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "GET",
  path: "/api/v1/anomalies/{id}",
  operationId: "getCloudAnomaly",
  summary: "Get one anomaly with its series and per-service breakdown",
  params: anomalyIdParams,
  response: { description: "The anomaly", schema: anomalyDetailResponse, headers: CONDITIONAL_HEADERS },
  responses: NOT_MODIFIED,
  conditional: true,
});

export const dismissAnomalyEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "POST",
  path: "/api/v1/anomalies/{id}/dismiss",
  operationId: "dismissCloudAnomaly",
  summary: "Dismiss an anomaly with an optional reason",
  role: "admin",
  params: anomalyIdParams,
  body: dismissBody,
  response: { description: "The dismissed anomaly", schema: anomalyDetailResponse },
});

// Issue 13: feedback and reopen.
export const anomalyFeedbackEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "POST",
  path: "/api/v1/anomalies/{id}/feedback",
  operationId: "giveCloudAnomalyFeedback",
  summary: "Say whether an anomaly was accurate, not accurate or planned activity",
  description:
    "Appends a `feedback` event to the anomaly's history (the latest verdict counts). `planned` also dismisses an active anomaly (the note becomes its reason); " +
    "`not_accurate` stops similar deviations on the same series from being raised for the next weeks (see docs/detection.md).",
  role: "admin",
  params: anomalyIdParams,
  body: feedbackBody,
  response: { description: "The anomaly with its history", schema: anomalyDetailResponse },
});

export const reopenAnomalyEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "POST",
  path: "/api/v1/anomalies/{id}/reopen",
  operationId: "reopenCloudAnomaly",
  summary: "Undo a dismissal (an anomaly that is not dismissed is returned unchanged)",
  role: "admin",
  params: anomalyIdParams,
  response: { description: "The anomaly, active again", schema: anomalyDetailResponse },
});

export const providerForecastEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "GET",
  path: "/api/v1/providers/{id}/forecast",
  operationId: "getProviderForecast",
  summary: "Month-end spend forecast of a provider",
  description:
    "Spend so far this month plus the engine's expectation for every remaining day (weekly pattern and level) and the monthly charges that recur on those days; " +
    "`lower`/`upper` add the days' uncertainties as independent noise. `as_of` (default today, UTC) picks the day, and so the month, the forecast is made on.",
  params: anomalyIdParams,
  query: forecastQuery,
  response: { description: "The forecast", schema: providerForecastResponse },
});

export const listProvidersEndpoint = defineEndpoint({
  family: "cloudV1",
  method: "GET",
  path: "/api/v1/providers",
  operationId: "listProviders",
  summary: "List the organization's cloud providers",
  response: { description: "The providers", schema: listProvidersResponse },
});

// ---------- dashboard: provider settings ----------

// Same integer-id rule as anomalies: "abc" or "0" is a 400, not a 404.
const providerIdParams = anomalyIdParams;

export const listProviderSettingsEndpoint = defineEndpoint({
  family: "internal",
  method: "GET",
  path: "/api/internal/providers",
  operationId: "listProviderSettings",
  summary: "List the organization's cloud providers (settings page)",
  response: { description: "The providers", schema: listProvidersResponse },
});

export const createProviderEndpoint = defineEndpoint({
  family: "internal",
  method: "POST",
  path: "/api/internal/providers",
  operationId: "createProvider",
  summary: "Add a cloud provider",
  role: "admin",
  body: createProviderBody,
  response: { status: 201, description: "The new provider", schema: providerResponse },
});

export const renameProviderEndpoint = defineEndpoint({
  family: "internal",
  method: "PATCH",
  path: "/api/internal/providers/{id}",
  operationId: "renameProvider",
  summary: "Rename a provider or set its monthly budget",
  role: "admin",
  params: providerIdParams,
  body: renameProviderBody,
  response: { description: "The renamed provider", schema: providerResponse },
});

export const deleteProviderEndpoint = defineEndpoint({
  family: "internal",
  method: "DELETE",
  path: "/api/internal/providers/{id}",
  operationId: "deleteProvider",
  summary: "Remove a provider and all its data",
  role: "admin",
  params: providerIdParams,
  response: { status: 204, description: "Removed" },
});

// Issue 14: provider ↔ website links and unit costs.
export { getUnitCostsEndpoint, linkWebsiteEndpoint, listProviderLinksEndpoint, unlinkWebsiteEndpoint } from "./link-endpoints";
