// Getting cost and performance data in (/api/v1/providers/{id}/costs|metrics|imports):
// one definition per operation (see lib/http/endpoint.ts).
import { defineResource } from "@/lib/http/endpoint";
import { v1ErrorSchema } from "@/lib/http/flavors";
import {
  costIngestBody,
  costIngestResponse,
  importQuery,
  importResponse,
  importUploadBody,
  ingestQuery,
  listImportsResponse,
  metricIngestBody,
  metricIngestResponse,
  providerIdParams,
} from "./schemas";

const IDEMPOTENCY_HEADER = {
  name: "Idempotency-Key",
  description:
    "Makes a retry safe: the same key with the same body returns the first response (header Idempotent-Replayed: true); with a different body it is a 409. Keys are kept 24 hours.",
};

const IDEMPOTENCY_CONFLICT = { 409: { description: "Idempotency-Key reused with a different body, or still in progress", schema: v1ErrorSchema } };

/** What the two JSON ingest operations share: idempotent retries, `?detect`, bodies of thousands of rows (4 MiB). */
const JSON_INGEST = {
  tag: "Ingest",
  query: ingestQuery,
  headers: [IDEMPOTENCY_HEADER],
  maxBodyBytes: 4 * 1024 * 1024,
  responses: IDEMPOTENCY_CONFLICT,
} as const;

const providers = defineResource({ family: "cloudV1", path: "/api/v1/providers", params: providerIdParams, writeRole: "admin" });

export const ingestCostsEndpoint = providers.action("costs", {
  ...JSON_INGEST,
  operationId: "ingestCosts",
  summary: "Send daily cost per service",
  description:
    "Each row sets the amount of its (date, service, region, account, usage type, charge category) key, so re-sending a day replaces it. Only `usage` rows are watched for spikes; purchases, taxes and credits are kept apart. Validation errors name the row and field (`details[].field`, e.g. `3.amount`).",
  body: costIngestBody,
  response: { description: "Rows stored and rolled up", schema: costIngestResponse },
});

export const ingestMetricsEndpoint = providers.action("metrics", {
  ...JSON_INGEST,
  operationId: "ingestMetrics",
  summary: "Send performance points",
  description: "Points are averaged per UTC day, service and metric (a running mean: later points of the same day are folded in).",
  body: metricIngestBody,
  response: { description: "Points stored", schema: metricIngestResponse },
});

export const uploadCostExportEndpoint = providers.action("imports", {
  tag: "Ingest",
  operationId: "uploadCostExport",
  summary: "Upload a FOCUS 1.x or AWS CUR 2.0 cost export",
  description:
    "Send the CSV (optionally gzip-compressed) as the raw body (`Content-Type: text/csv` or `application/gzip`, file name in `X-File-Name`) or as multipart/form-data with a `file` field (up to `BANDWATCH_MAX_UPLOAD_MB`, 2 GiB by default; larger is a 413 while reading). The export is streamed. Re-uploading the same file changes nothing (200, status `unchanged`); a corrected re-export replaces the days and accounts it covers. FOCUS `ChargeClass=Correction` rows are added as deltas to the days they correct. Rows that cannot be read are skipped and listed with their line numbers; a missing required column or an empty file rejects the whole upload.",
  query: importQuery,
  streamedBody: { schema: importUploadBody, contentTypes: ["text/csv", "application/gzip", "multipart/form-data"] },
  response: { status: 201, description: "Imported", schema: importResponse },
  responses: {
    200: { description: "This exact file was imported before; nothing changed", schema: importResponse },
    413: { description: "Upload too large", schema: v1ErrorSchema },
    415: { description: "Unsupported content type", schema: v1ErrorSchema },
  },
});

export const listCostImportsEndpoint = providers.get({
  at: "imports",
  tag: "Ingest",
  operationId: "listCostImports",
  summary: "List the provider's recent imports",
  response: { description: "The last 50 imports", schema: listImportsResponse },
});
