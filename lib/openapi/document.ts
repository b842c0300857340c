// The OpenAPI 3.1 document, generated from the endpoint definitions (lib/openapi/endpoints.ts)
// with z.toJSONSchema: the same zod schemas the handlers validate with, so the reference
// cannot drift from the code. Only the published families appear (not the dashboard's own routes).
import { z } from "zod";
import { FAMILIES, requiredScope, type Endpoint, type ResponseDoc } from "@/lib/http/endpoint";
import { ENDPOINTS } from "./endpoints";

type JsonSchema = Record<string, unknown>;
type ZodJsonSchema = z.core.JSONSchema.BaseSchema;

function toSchema(schema: z.ZodType, io: "input" | "output"): ZodJsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, target: "draft-2020-12", unrepresentable: "any", reused: "inline" });
  return json;
}

function parameters(op: Endpoint): JsonSchema[] {
  const out: JsonSchema[] = [];
  const add = (schema: z.ZodType | undefined, where: "path" | "query") => {
    if (!schema) return;
    const json = toSchema(schema, "input");
    const required = new Set(json.required ?? []);
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = typeof prop === "object" ? prop : {};
      out.push({ name, in: where, required: where === "path" || required.has(name), ...(description ? { description } : {}), schema: rest });
    }
  };
  add(op.params, "path");
  add(op.query, "query");
  for (const h of op.headers ?? []) out.push({ name: h.name, in: "header", required: h.required ?? false, description: h.description, schema: { type: "string", maxLength: 255 } });
  return out;
}

function response(spec: ResponseDoc): JsonSchema {
  const content: Record<string, JsonSchema> = {};
  if (spec.schema) content["application/json"] = { schema: toSchema(spec.schema, "output") };
  for (const type of spec.alsoAs ?? []) content[type] = { schema: { type: "string" } };
  return {
    description: spec.description,
    ...(Object.keys(content).length ? { content } : {}),
    ...(spec.headers ? { headers: Object.fromEntries(Object.entries(spec.headers).map(([k, d]) => [k, { description: d, schema: { type: "string" } }])) } : {}),
  };
}

/** The success answer, the operation's own extra answers, then the family's errors. */
function responses(op: Endpoint): JsonSchema {
  const family = FAMILIES[op.family];
  const out: Record<string, JsonSchema> = { [op.response.status ?? 200]: response(op.response) };
  for (const [status, spec] of Object.entries(op.responses ?? {})) out[status] = response(spec);
  for (const [status, description] of Object.entries(family.errors)) out[status] ??= response({ description, schema: family.flavor.schema });
  return out;
}

/** How an upload's non-JSON media types are described (the JSON schema describes CSV text only). */
const STREAMED_CONTENT: Record<string, JsonSchema> = {
  "multipart/form-data": {
    schema: { type: "object", required: ["file"], properties: { file: { type: "string", contentMediaType: "application/octet-stream" }, format: { type: "string", enum: ["focus", "aws-cur"] } } },
  },
  "application/gzip": { schema: { type: "string", contentMediaType: "application/gzip" } },
};

function requestBody(op: Endpoint): JsonSchema | undefined {
  if (op.body) return { required: true, content: { "application/json": { schema: toSchema(op.body, "input") } } };
  if (!op.streamedBody) return undefined;
  const schema = toSchema(op.streamedBody.schema, "input");
  return { required: true, content: Object.fromEntries(op.streamedBody.contentTypes.map((type) => [type, STREAMED_CONTENT[type] ?? { schema }])) };
}

function operation(op: Endpoint): JsonSchema {
  const family = FAMILIES[op.family];
  const body = requestBody(op);
  const params = parameters(op);
  return {
    operationId: op.operationId,
    tags: [op.tag ?? family.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: family.security.map((s) => ({ [s]: [] })),
    // Which API key scope the operation needs (read < write < admin).
    ...(family.auth === "none" ? {} : { "x-api-key-scope": requiredScope(op) }),
    ...(params.length ? { parameters: params } : {}),
    ...(body ? { requestBody: body } : {}),
    responses: responses(op),
  };
}

const SECURITY_SCHEMES = {
  bearer: { type: "http", scheme: "bearer", description: "An API key: `Authorization: Bearer bw_...` (create one in Settings or with `bandwatch keys create`). A key has a scope: `read` (GET operations), `write` (also ingest), `admin` (also dismiss, settings, the audit log); each operation names the scope it needs in `x-api-key-scope`. A key past its optional expiry answers 401." },
  xApiKey: { type: "apiKey", in: "header", name: "X-API-Key", description: "The same API key in the X-API-Key header (website analytics API)." },
  session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The dashboard's sign-in session." },
};

/** The operations /api/openapi.json describes: every family but the dashboard's own. */
export function publishedEndpoints(): Endpoint[] {
  return ENDPOINTS.filter((op) => FAMILIES[op.family].published).sort((a, b) => a.path.localeCompare(b.path));
}

export function buildOpenApiDocument(serverUrl?: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const op of publishedEndpoints()) (paths[op.path] ??= {})[op.method.toLowerCase()] = operation(op);
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
      { name: "Administration", description: "The organization's audit log (admin API keys)" },
      { name: "Meta" },
    ],
    paths,
    components: { securitySchemes: SECURITY_SCHEMES },
  };
}
