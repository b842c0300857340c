// The API is described once, by the endpoint definitions (lib/openapi/endpoints.ts): every
// route file under app/api builds each of its methods from exactly one definition, each
// definition is served, and the OpenAPI document lists exactly the published ones.
// (tests/api/openapi.test.ts checks the served document and live answers against it.)
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, publishedEndpoints } from "@/lib/openapi/document";
import { ENDPOINTS, healthLiveEndpoint, openApiDocumentEndpoint } from "@/lib/openapi/endpoints";
import type { Endpoint } from "@/lib/http/endpoint";
import * as alerts from "@/lib/alerts/endpoints";
import * as suppressions from "@/lib/anomalies/endpoints";
import * as cloud from "@/lib/cloud/endpoints";
import * as monitors from "@/lib/cloud/monitor-endpoints";
import * as ingest from "@/lib/ingest/endpoints";
import * as org from "@/lib/org/endpoints";
import * as web from "@/lib/web/endpoints";

const ROOT = path.resolve(__dirname, "../../..");
const API_DIR = path.join(ROOT, "app/api");

/** Route files that are not API operations: next-auth, the health probe, catch-all 404s. */
const EXCLUDED = [/^\/api\/auth\//, /^\/api\/health$/, /\{\.\.\.[^}]+\}/];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Definitions by their exported name, to tell which one a route file's handler is built from. */
const BY_NAME = new Map<string, Endpoint>(Object.entries({ ...cloud, ...monitors, ...suppressions, ...ingest, ...web, ...org, ...alerts, openApiDocumentEndpoint, healthLiveEndpoint }));

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

/** Methods a route file really implements (405 stubs don't count), with the definition each is built from. */
function implementedMethods(source: string): Array<{ method: string; definition: string | null }> {
  return METHODS.flatMap((m) => {
    if (!new RegExp(`export\\s+(const\\s+${m}\\s*=|(async\\s+)?function\\s+${m}\\b)`).test(source)) return [];
    const built = new RegExp(`export\\s+const\\s+${m}\\s*=\\s*(?:handle|ingestRoute)\\(\\s*(\\w+)`).exec(source);
    return [{ method: m, definition: built?.[1] ?? null }];
  });
}

const key = (e: { method: string; path: string }) => `${e.method} ${e.path}`;

type Operation = { operationId?: string; responses: Record<string, unknown> };
const doc = buildOpenApiDocument() as { openapi: string; paths: Record<string, Record<string, Operation>> };

describe("endpoint definitions ↔ route files ↔ document", () => {
  const files = routeFiles(API_DIR)
    .map((file) => ({ file: path.relative(ROOT, file), path: urlPath(file), methods: implementedMethods(readFileSync(file, "utf8")) }))
    .filter((r) => !EXCLUDED.some((re) => re.test(r.path)));
  const implemented = files.flatMap((r) => r.methods.map((m) => ({ ...m, path: r.path, file: r.file })));

  it("finds the route files of every family", () => {
    const paths = files.map((r) => r.path);
    for (const p of ["/api/v1/anomalies", "/api/v1/providers/{id}/imports", "/api/external/v1/websites", "/api/internal/api-keys", "/api/collect"]) expect(paths).toContain(p);
  });

  it("has one definition per method and path, with unique operation ids", () => {
    expect(new Set(ENDPOINTS.map(key)).size).toBe(ENDPOINTS.length);
    expect(new Set(ENDPOINTS.map((e) => e.operationId)).size).toBe(ENDPOINTS.length);
    expect([...BY_NAME.values()].map(key).sort()).toEqual(ENDPOINTS.map(key).sort());
  });

  it("builds every implemented method from the definition of that method and path", () => {
    const wrong = implemented.flatMap((m) => {
      const def = m.definition ? BY_NAME.get(m.definition) : undefined;
      if (!def) return [`${m.method} ${m.path} (${m.file}) is not built from a definition`];
      return key(def) === key(m) ? [] : [`${m.method} ${m.path} (${m.file}) is built from ${m.definition} (${key(def)})`];
    });
    expect(wrong).toEqual([]);
  });

  it("implements every definition", () => {
    const served = new Set(implemented.map(key));
    expect(ENDPOINTS.map(key).filter((k) => !served.has(k))).toEqual([]);
  });

  it("documents exactly the published definitions", () => {
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(publishedEndpoints().map(key).sort());
    expect(documented.some((k) => k.includes("/api/internal/"))).toBe(false);
  });

  it("is OpenAPI 3.1 with an operationId and a success response on every operation", () => {
    expect(doc.openapi).toBe("3.1.0");
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        expect(op.operationId, `${m} ${p}`).toBeTruthy();
        expect(Object.keys(op.responses).some((s) => s.startsWith("2")), `${m} ${p} has a 2xx`).toBe(true);
      }
    }
  });
});

