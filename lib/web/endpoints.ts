// The website analytics API (/api/external/v1, per ../shared/specs/zenovay-anomalies-api.md),
// event collection and the dashboard's website routes: one definition per operation
// (see lib/http/endpoint.ts).
import { defineEndpoint, defineResource } from "@/lib/http/endpoint";
import { externalErrorSchema } from "@/lib/http/flavors";
import {
  collectBody,
  collectResponse,
  createWebsiteBody,
  externalWebsitesResponse,
  internalWebAnomaliesResponse,
  listWebAnomaliesQuery,
  MAX_COLLECT_BYTES,
  metricImportBody,
  metricImportResponse,
  metricsQuery,
  metricsReadResponse,
  seriesQuery,
  seriesResponse,
  updateWebsiteBody,
  webAnomaliesResponse,
  websiteIdParams,
  websiteIdPathParams,
  websiteResponse,
  websitesResponse,
  webAnomalyDetailResponse,
  webAnomalyIdParams,
  websiteSettingsResponse,
  updateWebsiteSettingsBody,
} from "./schemas";
import { dismissBody } from "@/lib/cloud/schemas";

const rateLimited = (description: string) => ({ 429: { description, schema: externalErrorSchema } });

export const listWebAnomaliesEndpoint = defineEndpoint({
  family: "external",
  method: "GET",
  path: "/api/external/v1/anomalies/{websiteId}",
  operationId: "listWebsiteAnomalies",
  summary: "Get detected anomalies for a website",
  description: "Requires a Pro plan or higher; each request costs 1 API credit. Send `Accept: text/csv` to download the page as CSV.",
  params: websiteIdParams,
  query: listWebAnomaliesQuery,
  response: { description: "A page of anomalies", schema: webAnomaliesResponse, alsoAs: ["text/csv"], headers: { "X-Credits-Remaining": "API credits left this month" } },
  responses: rateLimited("Rate limit exceeded or credits exhausted"),
});

export const listWebsitesEndpoint = defineEndpoint({
  family: "external",
  method: "GET",
  path: "/api/external/v1/websites",
  operationId: "listWebsites",
  summary: "List the organization's websites",
  response: { description: "The websites", schema: externalWebsitesResponse },
  responses: rateLimited("Rate limit exceeded"),
});

export const readWebsiteMetricsEndpoint = defineEndpoint({
  family: "external",
  method: "GET",
  path: "/api/external/v1/websites/{websiteId}/metrics",
  operationId: "readWebsiteMetrics",
  summary: "Read a website's hourly metrics",
  params: websiteIdParams,
  query: metricsQuery,
  response: { description: "Hourly values", schema: metricsReadResponse },
  responses: rateLimited("Rate limit exceeded"),
});

export const importWebsiteMetricsEndpoint = defineEndpoint({
  family: "external",
  method: "POST",
  path: "/api/external/v1/websites/{websiteId}/metrics",
  operationId: "importWebsiteMetrics",
  summary: "Bulk-import hourly metrics history",
  scope: "write",
  params: websiteIdParams,
  body: metricImportBody,
  maxBodyBytes: 4 * 1024 * 1024,
  response: { description: "Rows stored", schema: metricImportResponse },
  responses: rateLimited("Rate limit exceeded"),
});

export const collectEventsEndpoint = defineEndpoint({
  family: "collect",
  method: "POST",
  path: "/api/collect",
  operationId: "collectEvents",
  summary: "Collect page views, events, errors and timings",
  description:
    "Called by the tracker or a backend. Accepts one event, `{events: [...]}`, or a Plausible-style event body. No API key: the website is identified by id or domain.",
  body: collectBody,
  maxBodyBytes: MAX_COLLECT_BYTES,
  response: { status: 202, description: "Accepted", schema: collectResponse },
});

// ---------- dashboard: websites ----------

const websites = defineResource({ family: "internal", path: "/api/internal/websites", params: websiteIdPathParams, writeRole: "admin" });

export const listWebsiteSettingsEndpoint = websites.list({
  operationId: "listWebsiteSettings",
  summary: "List the organization's websites (dashboard)",
  response: { description: "The websites", schema: websitesResponse },
});

export const createWebsiteEndpoint = websites.create({
  operationId: "createWebsite",
  summary: "Add a website",
  body: createWebsiteBody,
  response: { description: "The new website", schema: websiteResponse },
});

export const updateWebsiteEndpoint = websites.update({
  operationId: "updateWebsite",
  summary: "Rename a website or set the origins allowed to send events",
  body: updateWebsiteBody,
  response: { description: "The website", schema: websiteResponse },
});

export const deleteWebsiteEndpoint = websites.remove({ operationId: "deleteWebsite", summary: "Remove a website and its data" });

export const websiteAnomaliesEndpoint = websites.get({
  at: "anomalies",
  operationId: "listDashboardWebsiteAnomalies",
  summary: "A website's anomalies (same filters and shape as the external API, free of credits)",
  query: listWebAnomaliesQuery,
  response: { description: "A page of anomalies", schema: internalWebAnomaliesResponse },
});

export const websiteSeriesEndpoint = websites.get({
  at: "series",
  operationId: "getWebsiteMetricSeries",
  summary: "One metric's hourly values with the expected band, for the chart",
  query: seriesQuery,
  response: { description: "Hourly points", schema: seriesResponse },
});

// ---------- one web anomaly (issue 15): the cloud API's family, so API keys can act on it ----------

const webAnomalies = defineResource({ family: "cloudV1", path: "/api/v1/web-anomalies", params: webAnomalyIdParams, writeRole: "admin" });

export const getWebAnomalyEndpoint = webAnomalies.get({
  operationId: "getWebAnomaly",
  summary: "Get one web anomaly with its hourly series, extent and history",
  description: "`id` is the external API's id (`anom_<uuid>`) or the bare UUID. Segment anomalies carry `segment: {dimension, value}`.",
  response: { description: "The anomaly", schema: webAnomalyDetailResponse },
});

export const dismissWebAnomalyEndpoint = webAnomalies.action("dismiss", {
  operationId: "dismissWebAnomaly",
  summary: "Dismiss a web anomaly with an optional reason",
  description: "Idempotent. Dismissed anomalies stay listed by the external API (with `status: dismissed`). Recorded in the anomaly's history and the audit log.",
  body: dismissBody,
  response: { description: "The dismissed anomaly", schema: webAnomalyDetailResponse },
});

export const reopenWebAnomalyEndpoint = webAnomalies.action("reopen", {
  operationId: "reopenWebAnomaly",
  summary: "Undo the dismissal of a web anomaly",
  description: "Idempotent: an active anomaly is returned unchanged. Recorded in the anomaly's history and the audit log.",
  response: { description: "The anomaly, active again", schema: webAnomalyDetailResponse },
});

// ---------- dashboard: per-website settings (issue 15) ----------

export const getWebsiteSettingsEndpoint = websites.get({
  at: "settings",
  operationId: "getWebsiteDetectionSettings",
  summary: "A website's time zone, severity thresholds, watched metrics, minimum traffic and segments",
  response: { description: "The settings", schema: websiteSettingsResponse },
});

export const updateWebsiteSettingsEndpoint = websites.update({
  at: "settings",
  operationId: "updateWebsiteDetectionSettings",
  summary: "Change a website's detection settings (sent thresholds replace every override)",
  body: updateWebsiteSettingsBody,
  response: { description: "The settings", schema: websiteSettingsResponse },
});
