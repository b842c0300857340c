// The cloud anomalies API (/api/v1, per ../shared/specs/infraaudit-anomalies-api.md) and
// the dashboard's provider settings: one definition per operation (see lib/http/endpoint.ts).
import { defineResource } from "@/lib/http/endpoint";
import {
  anomalyDetailResponse,
  anomalyIdParams,
  createProviderBody,
  dismissBody,
  listAnomaliesQuery,
  listAnomaliesResponse,
  listProvidersResponse,
  providerIdParams,
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

const anomalies = defineResource({ family: "cloudV1", path: "/api/v1/anomalies", params: anomalyIdParams, writeRole: "admin" });

export const listAnomaliesEndpoint = anomalies.list({
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

export const getAnomalyEndpoint = anomalies.get({
  operationId: "getCloudAnomaly",
  summary: "Get one anomaly with its series and per-service breakdown",
  response: { description: "The anomaly", schema: anomalyDetailResponse, headers: CONDITIONAL_HEADERS },
  responses: NOT_MODIFIED,
  conditional: true,
});

export const dismissAnomalyEndpoint = anomalies.action("dismiss", {
  operationId: "dismissCloudAnomaly",
  summary: "Dismiss an anomaly with an optional reason",
  body: dismissBody,
  response: { description: "The dismissed anomaly", schema: anomalyDetailResponse },
});

// Issue 13: feedback and reopen.
export const anomalyFeedbackEndpoint = anomalies.action("feedback", {
  operationId: "giveCloudAnomalyFeedback",
  summary: "Say whether an anomaly was accurate, not accurate or planned activity",
  description:
    "Appends a `feedback` event to the anomaly's history (the latest verdict counts). `planned` also dismisses an active anomaly (the note becomes its reason); " +
    "`not_accurate` stops similar deviations on the same series from being raised for the next weeks (see docs/detection.md).",
  body: feedbackBody,
  response: { description: "The anomaly with its history", schema: anomalyDetailResponse },
});

export const reopenAnomalyEndpoint = anomalies.action("reopen", {
  operationId: "reopenCloudAnomaly",
  summary: "Undo a dismissal (an anomaly that is not dismissed is returned unchanged)",
  response: { description: "The anomaly, active again", schema: anomalyDetailResponse },
});

const providers = defineResource({ family: "cloudV1", path: "/api/v1/providers", params: providerIdParams, writeRole: "admin" });

export const providerForecastEndpoint = providers.get({
  at: "forecast",
  operationId: "getProviderForecast",
  summary: "Month-end spend forecast of a provider",
  description:
    "Spend so far this month plus the engine's expectation for every remaining day (weekly pattern and level) and the monthly charges that recur on those days; " +
    "`lower`/`upper` add the days' uncertainties as independent noise. `as_of` (default today, UTC) picks the day, and so the month, the forecast is made on.",
  query: forecastQuery,
  response: { description: "The forecast", schema: providerForecastResponse },
});

export const listProvidersEndpoint = providers.list({
  operationId: "listProviders",
  summary: "List the organization's cloud providers",
  response: { description: "The providers", schema: listProvidersResponse },
});

// ---------- dashboard: provider settings ----------

const providerSettings = defineResource({ family: "internal", path: "/api/internal/providers", params: providerIdParams, writeRole: "admin" });

export const listProviderSettingsEndpoint = providerSettings.list({
  operationId: "listProviderSettings",
  summary: "List the organization's cloud providers (settings page)",
  response: { description: "The providers", schema: listProvidersResponse },
});

export const createProviderEndpoint = providerSettings.create({
  operationId: "createProvider",
  summary: "Add a cloud provider",
  body: createProviderBody,
  response: { description: "The new provider", schema: providerResponse },
});

export const renameProviderEndpoint = providerSettings.update({
  operationId: "renameProvider",
  summary: "Rename a provider or set its monthly budget",
  body: renameProviderBody,
  response: { description: "The renamed provider", schema: providerResponse },
});

export const deleteProviderEndpoint = providerSettings.remove({ operationId: "deleteProvider", summary: "Remove a provider and all its data" });

// Issue 14: provider ↔ website links and unit costs.
export { getUnitCostsEndpoint, linkWebsiteEndpoint, listProviderLinksEndpoint, unlinkWebsiteEndpoint } from "./link-endpoints";
