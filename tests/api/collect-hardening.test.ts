// /api/collect under abuse: deep props, old timestamps, rate limits per IP and per site,
// allowed origins, a deleted site, a full write buffer, and one tenant's failure in a
// shared write batch. The test server runs with small limits (scripts/test.mjs).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { BASE_URL, createTestOrg, type TestOrg } from "../support/fixtures";
import { awayFromWindowEdge, BROWSER_UA, createTestWebsite } from "../support/web-fixtures";
import { db } from "@/lib/db/client";
import { hashPassword } from "@/lib/auth/passwords";

const HOUR = 3_600_000;
let ipSeq = 0;
const freshIp = () => `10.${Math.floor(ipSeq / 250) % 250}.${ipSeq % 250}.${(ipSeq++ % 200) + 1}`;

async function collect(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; retryAfter: string | null; text: string }> {
  const res = await fetch(`${BASE_URL}/api/collect`, {
    method: "POST",
    headers: { "user-agent": BROWSER_UA, "content-type": "text/plain", "x-forwarded-for": freshIp(), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), text: await res.text() };
}

const events = (n: number, extra: Record<string, unknown> = {}) => Array.from({ length: n }, (_, i) => ({ type: "pageview", url: `/p${i}`, ...extra }));

describe("collector hardening", () => {
  let org: TestOrg;
  let site: { id: string; domain: string };
  beforeAll(async () => {
    org = await createTestOrg("pro");
    site = await createTestWebsite(org.id);
  });

  it("refuses deeply nested props with 400 (never a 500)", async () => {
    const nested = (levels: number) => {
      let v: unknown = 1;
      for (let i = 0; i < levels; i++) v = { k: v };
      return v;
    };
    const tooDeep = await collect({ name: "signup", url: `https://${site.domain}/`, domain: site.domain, props: nested(6) });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.text).toContain("props");
    const fine = await collect({ name: "signup", url: `https://${site.domain}/`, domain: site.domain, props: nested(3) });
    expect(fine.status).toBe(202);
    // 5,000 levels inside the body limit.
    const huge = `{"name":"x","url":"https://${site.domain}/","domain":"${site.domain}","props":${'{"a":'.repeat(5000)}1${"}".repeat(5000)}}`;
    const hugeRes = await collect(huge);
    expect(hugeRes.status).toBe(400);
  });

  it("accepts public events at most a few hours old", async () => {
    const now = Date.now();
    expect((await collect({ type: "pageview", website: site.id, url: "/", ts: new Date(now - HOUR).toISOString() })).status).toBe(202);
    const old = await collect({ type: "pageview", website: site.id, url: "/", ts: new Date(now - 7 * HOUR).toISOString() });
    expect(old.status).toBe(400);
    expect(old.text).toContain("/api/external/v1/websites/:id/metrics");
  });

  it("limits requests per IP (429 with Retry-After)", async () => {
    await awayFromWindowEdge();
    const ip = "192.0.2.200";
    let refused: { status: number; retryAfter: string | null } | null = null;
    for (let i = 0; i < 301 && !refused; i++) {
      const res = await collect({ type: "pageview", website: site.id, url: "/ip" }, { "x-forwarded-for": ip });
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(202);
    }
    expect(refused?.status).toBe(429);
    expect(Number(refused?.retryAfter)).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await collect({ type: "pageview", website: site.id, url: "/ip" })).status).toBe(202);
  });

  it("limits events per site (429) without affecting other sites", async () => {
    await awayFromWindowEdge();
    const busy = await createTestWebsite(org.id);
    const statuses: number[] = [];
    for (let i = 0; i < 31 && !statuses.includes(429); i++) statuses.push((await collect({ website: busy.id, events: events(100) })).status);
    expect(statuses).toContain(429);
    expect((await collect({ type: "pageview", website: site.id, url: "/other" })).status).toBe(202);
  });

  it("honours a site's allowed origins", async () => {
    const shop = await createTestWebsite(org.id, { settings: { allowed_origins: ["https://shop.example"] } });
    const evil = await collect({ type: "pageview", website: shop.id, url: "/" }, { origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect((await collect({ type: "pageview", website: shop.id, url: "/" }, { origin: "https://shop.example" })).status).toBe(202);
    expect((await collect({ type: "pageview", website: shop.id, url: "/" })).status).toBe(202);
  });

  it("stops accepting a deleted site's events at once", async () => {
    const email = `collect-${randomUUID().slice(0, 8)}@collect.test`;
    const user = await db().user.create({ data: { email, passwordHash: await hashPassword("collect-password-1") } });
    await db().membership.create({ data: { orgId: org.id, userId: user.id, role: "admin" } });
    const csrfRes = await fetch(`${BASE_URL}/api/auth/csrf`, { headers: { "x-forwarded-for": "192.0.2.91" } });
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const jar = csrfRes.headers.getSetCookie().map((c) => c.split(";")[0]);
    const login = await fetch(`${BASE_URL}/api/auth/callback/credentials`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; "), "x-forwarded-for": "192.0.2.91" },
      body: new URLSearchParams({ csrfToken, email, password: "collect-password-1", json: "true" }),
      redirect: "manual",
    });
    const cookie = [...jar, ...login.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
    const doomed = await createTestWebsite(org.id);
    expect((await collect({ type: "pageview", website: doomed.id, url: "/" })).status).toBe(202); // now cached
    const del = await fetch(`${BASE_URL}/api/internal/websites/${doomed.id}`, { method: "DELETE", headers: { cookie } });
    expect(del.status).toBe(204);
    expect((await collect({ type: "pageview", website: doomed.id, url: "/" })).status).toBe(404);
  });

  it("keeps other tenants' events when one tenant's events fail in the same write batch", async () => {
    const other = await createTestOrg("pro");
    const healthy = await createTestWebsite(other.id);
    const gone = await createTestWebsite(org.id);
    expect((await collect({ type: "pageview", website: gone.id, url: "/" })).status).toBe(202); // cached by the app
    await db().website.delete({ where: { id: gone.id } }); // behind the app's back: its cache still has it
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => collect(i % 2 ? { website: healthy.id, events: events(3) } : { website: gone.id, events: events(3) })),
    );
    const healthyStatuses = results.filter((_, i) => i % 2 === 1).map((r) => r.status);
    const goneStatuses = results.filter((_, i) => i % 2 === 0).map((r) => r.status);
    expect(healthyStatuses.every((s) => s === 202)).toBe(true);
    expect(goneStatuses.every((s) => s < 500)).toBe(true);
    expect(await db().webEvent.count({ where: { websiteId: healthy.id } })).toBe(18);
  });

  it("answers 503 with Retry-After when the write buffer is full, and keeps what it accepted", async () => {
    const flood = await createTestWebsite(org.id);
    const results = await Promise.all(Array.from({ length: 24 }, () => collect({ website: flood.id, events: events(100) })));
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 202 || s === 503)).toBe(true);
    const busy = results.find((r) => r.status === 503);
    // 2,400 events at once against a buffer of 600 (BANDWATCH_COLLECT_MAX_PENDING in tests).
    expect(busy).toBeDefined();
    expect(Number(busy!.retryAfter)).toBeGreaterThan(0);
    const accepted = statuses.filter((s) => s === 202).length;
    expect(await db().webEvent.count({ where: { websiteId: flood.id } })).toBe(accepted * 100);
  });
});
