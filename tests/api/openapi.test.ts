// /api/openapi.json is the document generated from the endpoint definitions, and live
// answers of each API family validate against its schemas (the dashboard's routes, left
// out of the document, against their definitions). tests/unit/http/endpoints.test.ts checks
// that route files and definitions correspond one to one.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { api, BASE_URL, createTestOrg, createTestProvider, type TestOrg } from "../support/fixtures";
import { insertAnomaly } from "../support/cloud-fixtures";
import { BROWSER_UA, createTestWebsite } from "../support/web-fixtures";
import { signInNewMember } from "../support/session";
import { validateAgainst } from "@/lib/openapi/validate";
import { buildOpenApiDocument } from "@/lib/openapi/document";
import type { Endpoint } from "@/lib/http/endpoint";
import * as alerts from "@/lib/alerts/endpoints";
import * as cloud from "@/lib/cloud/endpoints";
import * as org from "@/lib/org/endpoints";
import * as web from "@/lib/web/endpoints";

const ROOT = path.resolve(__dirname, "../..");

type Doc = { openapi: string; paths: Record<string, Record<string, { operationId?: string; responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> }>> };
let doc: Doc;

function schemaFor(pathname: string, method: string, status: number): Record<string, unknown> {
  const op = doc.paths[pathname]?.[method];
  expect(op, `${method.toUpperCase()} ${pathname} is documented`).toBeTruthy();
  const schema = op.responses[String(status)]?.content?.["application/json"]?.schema;
  expect(schema, `${method.toUpperCase()} ${pathname} documents a JSON ${status}`).toBeTruthy();
  return schema!;
}

function expectValid(pathname: string, method: string, status: number, body: unknown) {
  expect(validateAgainst(schemaFor(pathname, method, status), body)).toEqual([]);
}

/** For the dashboard's routes, which the published document leaves out: the definition's own response schema. */
function expectMatchesDefinition(endpoint: Endpoint, body: unknown) {
  const result = endpoint.response.schema?.safeParse(body);
  expect(result?.success, `${endpoint.method} ${endpoint.path}: ${JSON.stringify(result?.error?.issues ?? "no schema")}`).toBe(true);
}

beforeAll(async () => {
  const res = await api<Doc>("/api/openapi.json");
  expect(res.status).toBe(200);
  doc = res.body;
});

describe("the served document", () => {
  it("is the one generated from the endpoint definitions", () => {
    expect(doc).toEqual(buildOpenApiDocument());
  });
});

describe("live responses match the documented schemas", () => {
  let testOrg: TestOrg;
  let providerId: number;
  let anomalyId: number;

  beforeAll(async () => {
    testOrg = await createTestOrg("pro");
    providerId = (await createTestProvider(testOrg.id, "OpenAPI provider")).id;
    anomalyId = (await insertAnomaly(testOrg.id, providerId, { now: new Date(), daysAgo: 2 })).id;
  });

  it("GET /api/v1/anomalies and /{id}", async () => {
    const list = await api("/api/v1/anomalies", { key: testOrg.key });
    expect(list.status).toBe(200);
    expectValid("/api/v1/anomalies", "get", 200, list.body);
    const one = await api(`/api/v1/anomalies/${anomalyId}`, { key: testOrg.key });
    expect(one.status).toBe(200);
    expectValid("/api/v1/anomalies/{id}", "get", 200, one.body);
  });

  it("GET /api/v1/anomalies with Accept: text/csv downloads the same rows as CSV", async () => {
    const res = await fetch(`${BASE_URL}/api/v1/anomalies`, { headers: { authorization: `Bearer ${testOrg.key}`, accept: "text/csv" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="anomalies.csv"/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0].split(",").slice(0, 3)).toEqual(["id", "type", "provider_id"]);
    expect(lines).toHaveLength(2);
    expect(lines[1].startsWith(`${anomalyId},cost,${providerId},`)).toBe(true);
  });

  it("errors in the documented error shape", async () => {
    const bad = await api("/api/v1/anomalies?days=abc", { key: testOrg.key });
    expect(bad.status).toBe(400);
    expectValid("/api/v1/anomalies", "get", 400, bad.body);
    const missing = await api("/api/v1/anomalies/999999999", { key: testOrg.key });
    expect(missing.status).toBe(404);
    expectValid("/api/v1/anomalies/{id}", "get", 404, missing.body);
  });

  it("GET /api/v1/providers", async () => {
    const res = await api("/api/v1/providers", { key: testOrg.key });
    expect(res.status).toBe(200);
    expectValid("/api/v1/providers", "get", 200, res.body);
  });

  it("POST /api/v1/providers/{id}/costs and /metrics", async () => {
    const costs = await api(`/api/v1/providers/${providerId}/costs`, { method: "POST", key: testOrg.key, body: [{ date: "2025-01-01", service: "EC2", amount: 12.5 }] });
    expect(costs.status).toBe(200);
    expectValid("/api/v1/providers/{id}/costs", "post", 200, costs.body);
    const metrics = await api(`/api/v1/providers/${providerId}/metrics`, { method: "POST", key: testOrg.key, body: [{ timestamp: "2025-01-01T10:00:00Z", service: "api", metric: "p95_latency_ms", value: 120 }] });
    expect(metrics.status).toBe(200);
    expectValid("/api/v1/providers/{id}/metrics", "post", 200, metrics.body);
    const bad = await api(`/api/v1/providers/${providerId}/costs`, { method: "POST", key: testOrg.key, body: [{ date: "2025-01-01", service: "EC2" }] });
    expect(bad.status).toBe(400);
    expectValid("/api/v1/providers/{id}/costs", "post", 400, bad.body);
  });

  it("POST and GET /api/v1/providers/{id}/imports", async () => {
    const csv = readFileSync(path.join(ROOT, "fixtures/focus/basic.csv"), "utf8");
    const res = await api(`/api/v1/providers/${providerId}/imports?detect=false`, { method: "POST", key: testOrg.key, rawBody: csv, headers: { "content-type": "text/csv" } });
    expect(res.status).toBe(201);
    expectValid("/api/v1/providers/{id}/imports", "post", 201, res.body);
    const runs = await api(`/api/v1/providers/${providerId}/imports`, { key: testOrg.key });
    expect(runs.status).toBe(200);
    expectValid("/api/v1/providers/{id}/imports", "get", 200, runs.body);
  });

  it("GET /api/external/v1/websites", async () => {
    const res = await api("/api/external/v1/websites", { key: testOrg.key });
    expect(res.status).toBe(200);
    expectValid("/api/external/v1/websites", "get", 200, res.body);
  });

  it("POST and GET /api/external/v1/websites/{websiteId}/metrics", async () => {
    const website = await createTestWebsite(testOrg.id);
    const hour = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000).toISOString();
    const imported = await api(`/api/external/v1/websites/${website.id}/metrics`, { method: "POST", key: testOrg.key, body: [{ hour, metric: "pageviews", value: 42 }] });
    expect(imported.status).toBe(200);
    expectValid("/api/external/v1/websites/{websiteId}/metrics", "post", 200, imported.body);
    const read = await api<{ data: { hours: unknown[] } }>(`/api/external/v1/websites/${website.id}/metrics?hours=24`, { key: testOrg.key });
    expect(read.status).toBe(200);
    expect(read.body.data.hours).toHaveLength(1);
    expectValid("/api/external/v1/websites/{websiteId}/metrics", "get", 200, read.body);
  });

  it("GET /api/external/v1/anomalies/{websiteId} and its errors", async () => {
    const website = await createTestWebsite(testOrg.id);
    const page = await api(`/api/external/v1/anomalies/${website.id}`, { key: testOrg.key });
    expect(page.status).toBe(200);
    expectValid("/api/external/v1/anomalies/{websiteId}", "get", 200, page.body);
    const bad = await api(`/api/external/v1/anomalies/${website.id}?range=1y`, { key: testOrg.key });
    expect(bad.status).toBe(400);
    expectValid("/api/external/v1/anomalies/{websiteId}", "get", 400, bad.body);
    const unauthorized = await api(`/api/external/v1/anomalies/${website.id}`, {});
    expect(unauthorized.status).toBe(401);
    expectValid("/api/external/v1/anomalies/{websiteId}", "get", 401, unauthorized.body);
  });

  it("POST /api/collect", async () => {
    const website = await createTestWebsite(testOrg.id);
    const headers = { "user-agent": BROWSER_UA, "x-forwarded-for": "203.0.113.77" };
    const accepted = await api("/api/collect", { method: "POST", headers, body: { type: "pageview", website: website.id, url: `https://${website.domain}/` } });
    expect(accepted.status).toBe(202);
    expectValid("/api/collect", "post", 202, accepted.body);
  });

  it("the dashboard's routes answer what their definitions say (session cookie)", async () => {
    const session = await signInNewMember(testOrg.id, "admin");
    for (const endpoint of [org.listApiKeysEndpoint, org.getOrganizationEndpoint, cloud.listProviderSettingsEndpoint, web.listWebsiteSettingsEndpoint, alerts.listDestinationsEndpoint, alerts.listDeliveriesEndpoint]) {
      const res = await fetch(`${BASE_URL}${endpoint.path}`, { headers: { cookie: session } });
      expect(res.status, endpoint.path).toBe(200);
      expectMatchesDefinition(endpoint, await res.json());
    }
  });
});

describe("interactive reference", () => {
  it("serves /docs/api with Swagger UI assets", async () => {
    const page = await api("/docs/api");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(page.text).toContain("/docs/api/assets/init.js");
    for (const asset of ["swagger-ui-bundle.js", "swagger-ui.css", "init.js"]) {
      const res = await fetch(`${BASE_URL}/docs/api/assets/${asset}`);
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(50);
    }
    const blocked = await api("/docs/api/assets/package.json");
    expect(blocked.status).toBe(404);
  });
});
