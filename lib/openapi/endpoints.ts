// Every API operation the app serves, gathered from the domains' endpoint definitions:
// the OpenAPI document is generated from this list, and tests/api/openapi.test.ts checks
// that the route files under app/api implement exactly these methods.
import { defineEndpoint, type Endpoint } from "@/lib/http/endpoint";
import * as alerts from "@/lib/alerts/endpoints";
import * as suppressions from "@/lib/anomalies/endpoints";
import * as cloud from "@/lib/cloud/endpoints";
import * as monitors from "@/lib/cloud/monitor-endpoints";
import * as ingest from "@/lib/ingest/endpoints";
import * as org from "@/lib/org/endpoints";
import * as web from "@/lib/web/endpoints";
import { liveResponse } from "@/lib/http/schemas";

export const openApiDocumentEndpoint = defineEndpoint({
  family: "meta",
  method: "GET",
  path: "/api/openapi.json",
  operationId: "getOpenApiDocument",
  summary: "This document",
  response: { description: "The OpenAPI 3.1 document" },
});

/** The liveness probe: answers while the process runs, without touching the database (`/api/health` is readiness). */
export const healthLiveEndpoint = defineEndpoint({
  family: "meta",
  method: "GET",
  path: "/api/health/live",
  operationId: "getLiveness",
  summary: "Liveness probe: the process is up (no database access)",
  response: { description: "The process is up", schema: liveResponse },
});

/** In document order: the public APIs first, then the dashboard's own routes. */
export const ENDPOINTS: readonly Endpoint[] = [
  ...Object.values(cloud),
  ...Object.values(monitors),
  ...Object.values(suppressions),
  ...Object.values(ingest),
  ...Object.values(web),
  openApiDocumentEndpoint,
  healthLiveEndpoint,
  ...Object.values(org),
  ...Object.values(alerts),
];
