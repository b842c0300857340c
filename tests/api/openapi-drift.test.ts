// The published OpenAPI document against the code: every route file under app/api has its
// methods documented (and every documented operation exists), and live answers of the
// running app validate against the documented schemas.
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { api, BASE_URL, createTestOrg, createTestProvider, type TestOrg } from "../support/fixtures";
import { insertAnomaly } from "../support/cloud-fixtures";
import { validateAgainst } from "@/lib/openapi/validate";

const ROOT = path.resolve(__dirname, "../..");
const API_DIR = path.join(ROOT, "app/api");

/** Routes that are not part of the public APIs: the dashboard's session routes, next-auth, health, catch-all 404s. */
const EXCLUDED = [/^\/api\/internal\//, /^\/api\/auth\//, /^\/api\/health$/, /\{\.\.\.[^}]+\}/];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

function urlPath(file: string): string {
  const rel = path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep);
  return "/" + rel.filter((seg) => !/^\(.*\)$/.test(seg)).map((seg) => seg.replace(/^\[(\.\.\.)?(.+)\]$/, (_, dots: string | undefined, name: string) => `{${dots ?? ""}${name}}`)).join("/");
}

/** Methods a route file really implements: `export const GET = route(...)` or `export async function GET`; 405 stubs don't count. */
function implementedMethods(source: string): string[] {
  return METHODS.filter((m) => new RegExp(`export\\s+(const\\s+${m}\\s*=|(async\\s+)?function\\s+${m}\\b)`).test(source));
}

type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> }>> };
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

beforeAll(async () => {
  const res = await api<Doc>("/api/openapi.json");
  expect(res.status).toBe(200);
  doc = res.body;
});

describe("OpenAPI document ↔ route files", () => {
  const implemented = routeFiles(API_DIR)
    .map((file) => ({ file, path: urlPath(file), methods: implementedMethods(readFileSync(file, "utf8")) }))
    .filter((r) => !EXCLUDED.some((re) => re.test(r.path)));

  it("finds the public route files", () => {
    expect(implemented.map((r) => r.path)).toContain("/api/v1/anomalies");
    expect(implemented.map((r) => r.path)).toContain("/api/v1/providers/{id}/imports");
  });

  it("documents every method of every public route", () => {
    const missing = implemented.flatMap((r) => r.methods.filter((m) => !doc.paths[r.path]?.[m.toLowerCase()]).map((m) => `${m} ${r.path} (${path.relative(ROOT, r.file)})`));
    expect(missing).toEqual([]);
  });

  it("documents no operation that has no handler", () => {
    const byPath = new Map(implemented.map((r) => [r.path, r.methods]));
    const extra = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).filter((m) => !(byPath.get(p) ?? []).includes(m.toUpperCase())).map((m) => `${m.toUpperCase()} ${p}`));
    expect(extra).toEqual([]);
  });

  it("is OpenAPI 3.1 with an operationId and a success response on every operation", () => {
    expect((doc as unknown as { openapi: string }).openapi).toBe("3.1.0");
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        expect((op as unknown as { operationId?: string }).operationId, `${m} ${p}`).toBeTruthy();
        expect(Object.keys(op.responses).some((s) => s.startsWith("2")), `${m} ${p} has a 2xx`).toBe(true);
      }
    }
  });
});

describe("live responses match the documented schemas", () => {
  let org: TestOrg;
  let providerId: number;
  let anomalyId: number;

  beforeAll(async () => {
    org = await createTestOrg("pro");
    providerId = (await createTestProvider(org.id, "OpenAPI provider")).id;
    anomalyId = (await insertAnomaly(org.id, providerId, { now: new Date(), daysAgo: 2 })).id;
  });

  it("GET /api/v1/anomalies and /{id}", async () => {
    const list = await api("/api/v1/anomalies", { key: org.key });
    expect(list.status).toBe(200);
    expectValid("/api/v1/anomalies", "get", 200, list.body);
    const one = await api(`/api/v1/anomalies/${anomalyId}`, { key: org.key });
    expect(one.status).toBe(200);
    expectValid("/api/v1/anomalies/{id}", "get", 200, one.body);
  });

  it("GET /api/v1/anomalies with Accept: text/csv downloads the same rows as CSV", async () => {
    const res = await fetch(`${BASE_URL}/api/v1/anomalies`, { headers: { authorization: `Bearer ${org.key}`, accept: "text/csv" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="anomalies.csv"/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0].split(",").slice(0, 3)).toEqual(["id", "type", "provider_id"]);
    expect(lines).toHaveLength(2);
    expect(lines[1].startsWith(`${anomalyId},cost,${providerId},`)).toBe(true);
  });

  it("errors in the documented error shape", async () => {
    const bad = await api("/api/v1/anomalies?days=abc", { key: org.key });
    expect(bad.status).toBe(400);
    expectValid("/api/v1/anomalies", "get", 400, bad.body);
    const missing = await api("/api/v1/anomalies/999999999", { key: org.key });
    expect(missing.status).toBe(404);
    expectValid("/api/v1/anomalies/{id}", "get", 404, missing.body);
  });

  it("GET /api/v1/providers", async () => {
    const res = await api("/api/v1/providers", { key: org.key });
    expect(res.status).toBe(200);
    expectValid("/api/v1/providers", "get", 200, res.body);
  });

  it("POST /api/v1/providers/{id}/costs and /metrics", async () => {
    const costs = await api(`/api/v1/providers/${providerId}/costs`, { method: "POST", key: org.key, body: [{ date: "2025-01-01", service: "EC2", amount: 12.5 }] });
    expect(costs.status).toBe(200);
    expectValid("/api/v1/providers/{id}/costs", "post", 200, costs.body);
    const metrics = await api(`/api/v1/providers/${providerId}/metrics`, { method: "POST", key: org.key, body: [{ timestamp: "2025-01-01T10:00:00Z", service: "api", metric: "p95_latency_ms", value: 120 }] });
    expect(metrics.status).toBe(200);
    expectValid("/api/v1/providers/{id}/metrics", "post", 200, metrics.body);
    const bad = await api(`/api/v1/providers/${providerId}/costs`, { method: "POST", key: org.key, body: [{ date: "2025-01-01", service: "EC2" }] });
    expect(bad.status).toBe(400);
    expectValid("/api/v1/providers/{id}/costs", "post", 400, bad.body);
  });

  it("POST and GET /api/v1/providers/{id}/imports", async () => {
    const csv = readFileSync(path.join(ROOT, "fixtures/focus/basic.csv"), "utf8");
    const res = await api(`/api/v1/providers/${providerId}/imports?detect=false`, { method: "POST", key: org.key, rawBody: csv, headers: { "content-type": "text/csv" } });
    expect(res.status).toBe(201);
    expectValid("/api/v1/providers/{id}/imports", "post", 201, res.body);
    const runs = await api(`/api/v1/providers/${providerId}/imports`, { key: org.key });
    expect(runs.status).toBe(200);
    expectValid("/api/v1/providers/{id}/imports", "get", 200, runs.body);
  });

  it("GET /api/external/v1/websites", async () => {
    const res = await api("/api/external/v1/websites", { key: org.key });
    expect(res.status).toBe(200);
    expectValid("/api/external/v1/websites", "get", 200, res.body);
  });
});

describe("interactive reference", () => {
  it("serves /docs/api with Swagger UI assets", async () => {
    const page = await api("/docs/api");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(page.text).toContain("/api/openapi.json".replace("/api/openapi.json", "/docs/api/assets/init.js"));
    for (const asset of ["swagger-ui-bundle.js", "swagger-ui.css", "init.js"]) {
      const res = await fetch(`${BASE_URL}/docs/api/assets/${asset}`);
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(50);
    }
    const blocked = await api("/docs/api/assets/package.json");
    expect(blocked.status).toBe(404);
  });
});
