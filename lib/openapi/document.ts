// The OpenAPI 3.1 document, generated from the same zod schemas the route handlers
// validate with (z.toJSONSchema), so the reference cannot quietly drift from the code.
// Every public route file under app/api must have its methods listed in OPERATIONS
// (tests/api/openapi-drift.test.ts checks both directions).
import { z } from "zod";
import * as cloud from "@/lib/cloud/schemas";
import * as ingest from "@/lib/ingest/schemas";
import * as web from "@/lib/web/schemas";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Security = "bearer" | "xApiKey" | "session";
type JsonSchema = Record<string, unknown>;

interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Extra media types (e.g. text/csv) with a plain string schema. */
  alsoAs?: string[];
  headers?: Record<string, string>;
}

export interface OperationSpec {
  method: Method;
  path: string;
  operationId: string;
  tag: "Cloud anomalies" | "Ingest" | "Website analytics" | "Collection" | "Meta";
  summary: string;
  description?: string;
  security: Security[];
  errors: "v1" | "external" | "none";
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: { schema: z.ZodType; contentTypes?: string[]; description?: string };
  headers?: Array<{ name: string; description: string; required?: boolean }>;
  responses: Record<number, ResponseSpec>;
}

// ---------- error shapes (lib/http/flavors.ts) ----------

const errorDetail = z.object({ field: z.string().optional(), message: z.string() });

export const v1Error = z.object({
  error: z.object({ code: z.string().describe("Machine-readable error code, e.g. invalid_parameter"), message: z.string(), details: z.array(errorDetail).optional() }),
});

export const externalError = z.object({
  success: z.literal(false),
  error: z.object({ message: z.string(), code: z.string().describe("e.g. INVALID_PARAMETER, PLAN_REQUIRED"), timestamp: z.string(), details: z.array(errorDetail).optional() }),
});

const externalEnvelope = <T extends z.ZodType>(data: T) => z.object({ success: z.literal(true), data, timestamp: z.string() });

const IDEMPOTENCY_HEADER = {
  name: "Idempotency-Key",
  description: "Makes a retry safe: the same key with the same body returns the first response (header Idempotent-Replayed: true); with a different body it is a 409. Keys are kept 24 hours.",
};

// ---------- the operations ----------

export const OPERATIONS: OperationSpec[] = [
  {
    method: "get",
    path: "/api/v1/anomalies",
    operationId: "listCloudAnomalies",
    tag: "Cloud anomalies",
    summary: "List cost and performance anomalies",
    description: "Anomalies detected within the look-back window, newest first. Send `Accept: text/csv` to download the list as CSV.",
    security: ["bearer", "session"],
    errors: "v1",
    query: cloud.listAnomaliesQuery,
    responses: { 200: { description: "The anomalies", schema: cloud.listAnomaliesResponse, alsoAs: ["text/csv"] } },
  },
  {
    method: "get",
    path: "/api/v1/anomalies/{id}",
    operationId: "getCloudAnomaly",
    tag: "Cloud anomalies",
    summary: "Get one anomaly with its series and per-service breakdown",
    security: ["bearer", "session"],
    errors: "v1",
    params: cloud.anomalyIdParams,
    responses: { 200: { description: "The anomaly", schema: cloud.anomalyDetailResponse } },
  },
  {
    method: "post",
    path: "/api/v1/anomalies/{id}/dismiss",
    operationId: "dismissCloudAnomaly",
    tag: "Cloud anomalies",
    summary: "Dismiss an anomaly with an optional reason",
    security: ["bearer", "session"],
    errors: "v1",
    params: cloud.anomalyIdParams,
    body: { schema: cloud.dismissBody },
    responses: { 200: { description: "The dismissed anomaly", schema: cloud.anomalyDetailResponse } },
  },
  {
    method: "get",
    path: "/api/v1/providers",
    operationId: "listProviders",
    tag: "Cloud anomalies",
    summary: "List the organization's cloud providers",
    security: ["bearer", "session"],
    errors: "v1",
    responses: { 200: { description: "The providers", schema: cloud.listProvidersResponse } },
  },
  {
    method: "post",
    path: "/api/v1/providers/{id}/costs",
    operationId: "ingestCosts",
    tag: "Ingest",
    summary: "Send daily cost per service",
    description:
      "Each row sets the amount of its (date, service, region, account, usage type, charge category) key, so re-sending a day replaces it. Only `usage` rows are watched for spikes; purchases, taxes and credits are kept apart. Validation errors name the row and field (`details[].field`, e.g. `3.amount`).",
    security: ["bearer", "session"],
    errors: "v1",
    params: ingest.providerIdParams,
    query: ingest.ingestQuery,
    headers: [IDEMPOTENCY_HEADER],
    body: { schema: ingest.costIngestBody },
    responses: { 200: { description: "Rows stored and rolled up", schema: ingest.costIngestResponse }, 409: { description: "Idempotency-Key reused with a different body, or still in progress", schema: v1Error } },
  },
  {
    method: "post",
    path: "/api/v1/providers/{id}/metrics",
    operationId: "ingestMetrics",
    tag: "Ingest",
    summary: "Send performance points",
    description: "Points are averaged per UTC day, service and metric (a running mean: later points of the same day are folded in).",
    security: ["bearer", "session"],
    errors: "v1",
    params: ingest.providerIdParams,
    query: ingest.ingestQuery,
    headers: [IDEMPOTENCY_HEADER],
    body: { schema: ingest.metricIngestBody },
    responses: { 200: { description: "Points stored", schema: ingest.metricIngestResponse }, 409: { description: "Idempotency-Key reused with a different body, or still in progress", schema: v1Error } },
  },
  {
    method: "post",
    path: "/api/v1/providers/{id}/imports",
    operationId: "uploadCostExport",
    tag: "Ingest",
    summary: "Upload a FOCUS 1.x or AWS CUR 2.0 cost export",
    description:
      "Send the CSV (optionally gzip-compressed) as the raw body (`Content-Type: text/csv` or `application/gzip`, file name in `X-File-Name`) or as multipart/form-data with a `file` field (up to 100 MiB). The export is streamed. Re-uploading the same file changes nothing (200, status `unchanged`); a corrected re-export replaces the days and accounts it covers. FOCUS `ChargeClass=Correction` rows are added as deltas to the days they correct. Rows that cannot be read are skipped and listed with their line numbers; a missing required column or an empty file rejects the whole upload.",
    security: ["bearer", "session"],
    errors: "v1",
    params: ingest.providerIdParams,
    query: ingest.importQuery,
    body: { schema: ingest.importUploadBody, contentTypes: ["text/csv", "application/gzip", "multipart/form-data"] },
    responses: {
      201: { description: "Imported", schema: ingest.importResponse },
      200: { description: "This exact file was imported before; nothing changed", schema: ingest.importResponse },
      413: { description: "Upload too large", schema: v1Error },
      415: { description: "Unsupported content type", schema: v1Error },
    },
  },
  {
    method: "get",
    path: "/api/v1/providers/{id}/imports",
    operationId: "listCostImports",
    tag: "Ingest",
    summary: "List the provider's recent imports",
    security: ["bearer", "session"],
    errors: "v1",
    params: ingest.providerIdParams,
    responses: { 200: { description: "The last 50 imports", schema: ingest.listImportsResponse } },
  },
  {
    method: "get",
    path: "/api/external/v1/anomalies/{websiteId}",
    operationId: "listWebsiteAnomalies",
    tag: "Website analytics",
    summary: "Get detected anomalies for a website",
    description: "Requires a Pro plan or higher; each request costs 1 API credit. Send `Accept: text/csv` to download the page as CSV.",
    security: ["xApiKey", "bearer"],
    errors: "external",
    params: web.websiteIdParams,
    query: web.listWebAnomaliesQuery,
    responses: {
      200: { description: "A page of anomalies", schema: web.webAnomaliesResponse, alsoAs: ["text/csv"], headers: { "X-Credits-Remaining": "API credits left this month" } },
      429: { description: "Rate limit exceeded or credits exhausted", schema: externalError },
    },
  },
  {
    method: "get",
    path: "/api/external/v1/websites",
    operationId: "listWebsites",
    tag: "Website analytics",
    summary: "List the organization's websites",
    security: ["xApiKey", "bearer"],
    errors: "external",
    responses: { 200: { description: "The websites", schema: externalEnvelope(z.object({ websites: z.array(web.websiteJson) })) }, 429: { description: "Rate limit exceeded", schema: externalError } },
  },
  {
    method: "get",
    path: "/api/external/v1/websites/{websiteId}/metrics",
    operationId: "readWebsiteMetrics",
    tag: "Website analytics",
    summary: "Read a website's hourly metrics",
    security: ["xApiKey", "bearer"],
    errors: "external",
    params: web.websiteIdParams,
    query: web.metricsQuery,
    responses: {
      200: { description: "Hourly values", schema: externalEnvelope(z.object({ hours: z.array(z.record(z.string(), z.unknown())) })) },
      429: { description: "Rate limit exceeded", schema: externalError },
    },
  },
  {
    method: "post",
    path: "/api/external/v1/websites/{websiteId}/metrics",
    operationId: "importWebsiteMetrics",
    tag: "Website analytics",
    summary: "Bulk-import hourly metrics history",
    security: ["xApiKey", "bearer"],
    errors: "external",
    params: web.websiteIdParams,
    body: { schema: web.metricImportBody },
    responses: {
      200: {
        description: "Rows stored",
        schema: externalEnvelope(z.object({ imported: z.number().int(), hours: z.number().int(), from: z.string().nullable(), to: z.string().nullable() })),
      },
      429: { description: "Rate limit exceeded", schema: externalError },
    },
  },
  {
    method: "post",
    path: "/api/collect",
    operationId: "collectEvents",
    tag: "Collection",
    summary: "Collect page views, events, errors and timings",
    description: "Called by the tracker or a backend. Accepts one event, `{events: [...]}`, or a Plausible-style event body. No API key: the website is identified by id or domain.",
    security: [],
    errors: "none",
    body: { schema: web.collectBody },
    responses: { 202: { description: "Accepted" } },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    operationId: "getOpenApiDocument",
    tag: "Meta",
    summary: "This document",
    security: [],
    errors: "none",
    responses: { 200: { description: "The OpenAPI 3.1 document" } },
  },
];

// ---------- rendering ----------

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any", reused: "inline" }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parameters(op: OperationSpec): JsonSchema[] {
  const out: JsonSchema[] = [];
  const add = (schema: z.ZodObject | undefined, where: "path" | "query") => {
    if (!schema) return;
    const json = toSchema(schema, "input");
    const props = (json.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json.required as string[] | undefined) ?? []);
    for (const [name, prop] of Object.entries(props)) {
      const { description, ...rest } = prop;
      out.push({ name, in: where, required: where === "path" || required.has(name), ...(description ? { description } : {}), schema: rest });
    }
  };
  add(op.params, "path");
  add(op.query, "query");
  for (const h of op.headers ?? []) out.push({ name: h.name, in: "header", required: h.required ?? false, description: h.description, schema: { type: "string", maxLength: 255 } });
  return out;
}

const ERROR_STATUSES: Record<"v1" | "external", Record<number, string>> = {
  v1: { 400: "Invalid parameter or body (the code and details name the field)", 401: "Missing or invalid credentials", 403: "Not allowed (role)", 404: "Not found", 405: "Method not allowed" },
  external: { 400: "Invalid parameters", 401: "Invalid or missing API key", 403: "Plan required", 404: "Website not found", 405: "Method not allowed" },
};

function responses(op: OperationSpec): JsonSchema {
  const out: Record<string, JsonSchema> = {};
  for (const [status, spec] of Object.entries(op.responses)) {
    const content: Record<string, JsonSchema> = {};
    if (spec.schema) content["application/json"] = { schema: toSchema(spec.schema, "output") };
    for (const type of spec.alsoAs ?? []) content[type] = { schema: { type: "string" } };
    out[status] = {
      description: spec.description,
      ...(Object.keys(content).length ? { content } : {}),
      ...(spec.headers ? { headers: Object.fromEntries(Object.entries(spec.headers).map(([k, d]) => [k, { description: d, schema: { type: "string" } }])) } : {}),
    };
  }
  if (op.errors !== "none") {
    const schema = toSchema(op.errors === "v1" ? v1Error : externalError, "output");
    for (const [status, description] of Object.entries(ERROR_STATUSES[op.errors])) {
      out[status] ??= { description, content: { "application/json": { schema } } };
    }
    out["500"] ??= { description: "Internal error (no stack trace; a request id in the message)", content: { "application/json": { schema } } };
  }
  return out;
}

function requestBody(op: OperationSpec): JsonSchema | undefined {
  if (!op.body) return undefined;
  const schema = toSchema(op.body.schema, "input");
  const types = op.body.contentTypes ?? ["application/json"];
  const content: Record<string, JsonSchema> = {};
  for (const type of types) {
    if (type === "multipart/form-data") {
      content[type] = { schema: { type: "object", required: ["file"], properties: { file: { type: "string", contentMediaType: "application/octet-stream" }, format: { type: "string", enum: ["focus", "aws-cur"] } } } };
    } else if (type === "application/gzip") content[type] = { schema: { type: "string", contentMediaType: "application/gzip" } };
    else content[type] = { schema };
  }
  return { required: true, ...(op.body.description ? { description: op.body.description } : {}), content };
}

const SECURITY_SCHEMES = {
  bearer: { type: "http", scheme: "bearer", description: "An API key: `Authorization: Bearer bw_...` (create one in Settings or with `bandwatch keys create`)." },
  xApiKey: { type: "apiKey", in: "header", name: "X-API-Key", description: "The same API key in the X-API-Key header (website analytics API)." },
  session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The dashboard's sign-in session." },
};

export function buildOpenApiDocument(serverUrl?: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of OPERATIONS) {
    const body = requestBody(op);
    const params = parameters(op);
    (paths[op.path] ??= {})[op.method] = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      security: op.security.map((s) => ({ [s]: [] })),
      ...(params.length ? { parameters: params } : {}),
      ...(body ? { requestBody: body } : {}),
      responses: responses(op),
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Bandwatch API",
      version: "1.0.0",
      description:
        "Anomaly detection for cloud spend and web analytics. Two public APIs with their own error shapes: the cloud anomalies API (/api/v1, `{error:{code,message,details}}`) with cost ingest, and the website analytics API (/api/external/v1, `{success:false,error:{message,code,timestamp}}`).",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    tags: [
      { name: "Cloud anomalies", description: "Cost and performance anomalies per cloud provider" },
      { name: "Ingest", description: "Getting your own cost and performance data in" },
      { name: "Website analytics", description: "Website anomalies and metrics" },
      { name: "Collection", description: "Event collection from the tracker" },
      { name: "Meta" },
    ],
    paths,
    components: { securitySchemes: SECURITY_SCHEMES },
  };
}
