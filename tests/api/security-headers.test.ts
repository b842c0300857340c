// Security headers on every kind of response, and the Origin check on cookie-authenticated
// state-changing routes.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, createTestOrg, type TestOrg } from "../support/fixtures";
import { signIn } from "../support/session";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/passwords";

describe("security headers", () => {
  it.each(["/login", "/api/health", "/api/v1/anomalies", "/api/openapi.json", "/tracker.js", "/api/external/v1/websites", "/nope-404"])("are on %s", async (path) => {
    const res = await fetch(`${BASE_URL}${path}`, { redirect: "manual" });
    await res.arrayBuffer();
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("permissions-policy")).toContain("camera=()");
    expect(res.headers.get("strict-transport-security")).toBeNull();
  });

  it("gives the API reference a policy without inline scripts", async () => {
    const res = await fetch(`${BASE_URL}/docs/api`);
    const html = await res.text();
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toContain("frame-ancestors 'none'");
    // The page must keep working under it: no inline script bodies.
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });

  it("sends HSTS only over https", async () => {
    const res = await fetch(`${BASE_URL}/login`, { headers: { "x-forwarded-proto": "https" } });
    await res.arrayBuffer();
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d{7,}/);
  });
});

describe("Origin check on cookie-authenticated writes", () => {
  let org: TestOrg;
  let cookie: string;
  beforeAll(async () => {
    org = await createTestOrg("pro");
    const email = `origin-${randomUUID().slice(0, 8)}@headers.test`;
    const user = await db().user.create({ data: { email, passwordHash: await hashPassword("origin-password-1") } });
    await db().membership.create({ data: { orgId: org.id, userId: user.id, role: "admin" } });
    cookie = await signIn(email, "origin-password-1", "192.0.2.90");
  });

  const post = (path: string, headers: Record<string, string>, body: unknown = {}) =>
    fetch(`${BASE_URL}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  it("refuses a cross-site Origin with 403 in the API's error shape", async () => {
    for (const origin of ["https://evil.example", "null", `${BASE_URL}.evil.example`]) {
      const res = await post("/api/internal/api-keys", { cookie, origin }, { name: "x" });
      expect(res.status, origin).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("forbidden");
    }
    const fetchMeta = await post("/api/internal/api-keys", { cookie, "sec-fetch-site": "cross-site" }, { name: "x" });
    expect(fetchMeta.status).toBe(403);
    await fetchMeta.arrayBuffer();
    const dismiss = await post("/api/v1/anomalies/1/dismiss", { cookie, origin: "https://evil.example" }, { reason: "false_positive" });
    expect(dismiss.status).toBe(403);
    await dismiss.arrayBuffer();
    expect(await db().apiKey.count({ where: { orgId: org.id, name: "x" } })).toBe(0);
  });

  it("lets same-origin writes and API-key calls through", async () => {
    const same = await post("/api/internal/api-keys", { cookie, origin: BASE_URL }, { name: "same-origin" });
    expect(same.status).toBe(201);
    await same.arrayBuffer();
    const keyed = await post("/api/v1/anomalies/999999999/dismiss", { authorization: `Bearer ${org.key}`, origin: "https://evil.example" }, { reason: "false_positive" });
    expect(keyed.status).not.toBe(403);
    await keyed.arrayBuffer();
  });
});
