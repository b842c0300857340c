// GET /api/external/v1/anomalies/:websiteId over real HTTP: every parameter, default,
// status and error code of ../shared/specs/zenovay-anomalies-api.md, plus credits and
// rate limiting under concurrent requests.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { api, createTestOrg, type TestOrg } from "../support/fixtures";
import { awayFromWindowEdge, createTestWebsite, creditsOf, insertWebAnomaly, setCredits } from "../support/web-fixtures";

type Envelope = { success: boolean; data: { anomalies: Array<Record<string, unknown>>; pagination: { total: number; limit: number; offset: number; has_more: boolean } }; timestamp: string };
type ErrorBody = { success: false; error: { message: string; code: string; timestamp: string } };

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR);
const path = (websiteId: string, query = "") => `/api/external/v1/anomalies/${websiteId}${query}`;

function expectError(res: { status: number; body: unknown }, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = res.body as ErrorBody;
  expect(body.success).toBe(false);
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe("string");
  expect(body.error.timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  return body.error;
}

describe("external anomalies API", () => {
  let org: TestOrg;
  let websiteId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    org = await createTestOrg("pro");
    websiteId = (await createTestWebsite(org.id)).id;
    const rows = [
      { name: "h2", detectedAt: ago(2), metric: "visitors" as const, severity: "critical" as const },
      { name: "h30", detectedAt: ago(30), metric: "bounce_rate" as const, severity: "info" as const, isResolved: true },
      { name: "d5", detectedAt: ago(5 * 24), metric: "error_rate" as const, severity: "warning" as const },
      { name: "d8", detectedAt: ago(8 * 24), metric: "visitors" as const, severity: "critical" as const, isResolved: true },
      { name: "d40", detectedAt: ago(40 * 24), metric: "page_load_time" as const, severity: "info" as const, isResolved: true },
      { name: "d100", detectedAt: ago(100 * 24), metric: "visitors" as const, severity: "critical" as const },
    ];
    for (const r of rows) ids[r.name] = `anom_${(await insertWebAnomaly(org.id, websiteId, r)).publicId}`;
  });

  it("returns the spec's envelope with the default range 7d, limit 50, offset 0, newest first", async () => {
    const res = await api<Envelope>(path(websiteId), { headers: { "x-api-key": org.key } });
    expect(res.status).toBe(200);
    expect(res.body.success).toBe(true);
    expect(res.body.timestamp).toMatch(/\.\d{3}Z$/);
    expect(res.body.data.anomalies.map((a) => a.id)).toEqual([ids.h2, ids.h30, ids.d5]);
    expect(res.body.data.pagination).toEqual({ total: 3, limit: 50, offset: 0, has_more: false });
    const first = res.body.data.anomalies[0];
    // The spec's eight fields, plus two extras (issue 15): the segment (null site-wide) and the dismissal status.
    expect(Object.keys(first).sort()).toEqual(["actual_value", "detected_at", "deviation_percentage", "expected_value", "id", "is_resolved", "metric_name", "segment", "severity", "status"]);
    expect(first).toMatchObject({ segment: null, status: "active" });
    expect(first).toMatchObject({ metric_name: "visitors", expected_value: 850, actual_value: 3240, deviation_percentage: 281.2, severity: "critical", is_resolved: false });
    expect(first.id).toMatch(/^anom_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(first.detected_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("accepts Authorization: Bearer as well as X-API-Key", async () => {
    const res = await api<Envelope>(path(websiteId), { key: org.key });
    expect(res.status).toBe(200);
  });

  it.each([
    ["24h", ["h2"]],
    ["7d", ["h2", "h30", "d5"]],
    ["30d", ["h2", "h30", "d5", "d8"]],
    ["90d", ["h2", "h30", "d5", "d8", "d40"]],
  ])("range=%s selects by detected_at", async (range, expected) => {
    const res = await api<Envelope>(path(websiteId, `?range=${range}`), { key: org.key });
    expect(res.status).toBe(200);
    expect(res.body.data.anomalies.map((a) => a.id)).toEqual(expected.map((n) => ids[n]));
  });

  it("filters by severity, metric and resolved", async () => {
    const crit = await api<Envelope>(path(websiteId, "?range=90d&severity=critical"), { key: org.key });
    expect(crit.body.data.anomalies.map((a) => a.id)).toEqual([ids.h2, ids.d8]);
    const visitors = await api<Envelope>(path(websiteId, "?range=90d&metric=visitors"), { key: org.key });
    expect(visitors.body.data.anomalies.map((a) => a.id)).toEqual([ids.h2, ids.d8]);
    const resolved = await api<Envelope>(path(websiteId, "?range=90d&resolved=true"), { key: org.key });
    expect(resolved.body.data.anomalies.map((a) => a.id)).toEqual([ids.h30, ids.d8, ids.d40]);
    const open = await api<Envelope>(path(websiteId, "?range=90d&resolved=false"), { key: org.key });
    expect(open.body.data.anomalies.map((a) => a.id)).toEqual([ids.h2, ids.d5]);
    const combined = await api<Envelope>(path(websiteId, "?range=90d&metric=visitors&resolved=false&severity=critical"), { key: org.key });
    expect(combined.body.data.anomalies.map((a) => a.id)).toEqual([ids.h2]);
  });

  it("paginates with limit and offset", async () => {
    const page1 = await api<Envelope>(path(websiteId, "?range=90d&limit=2"), { key: org.key });
    expect(page1.body.data.anomalies.map((a) => a.id)).toEqual([ids.h2, ids.h30]);
    expect(page1.body.data.pagination).toEqual({ total: 5, limit: 2, offset: 0, has_more: true });
    const page3 = await api<Envelope>(path(websiteId, "?range=90d&limit=2&offset=4"), { key: org.key });
    expect(page3.body.data.anomalies.map((a) => a.id)).toEqual([ids.d40]);
    expect(page3.body.data.pagination).toEqual({ total: 5, limit: 2, offset: 4, has_more: false });
    const max = await api<Envelope>(path(websiteId, "?limit=200"), { key: org.key });
    expect(max.status).toBe(200);
    expect(max.body.data.pagination.limit).toBe(200);
    const beyond = await api<Envelope>(path(websiteId, "?offset=10"), { key: org.key });
    expect(beyond.body.data.anomalies).toEqual([]);
    expect(beyond.body.data.pagination).toEqual({ total: 3, limit: 50, offset: 10, has_more: false });
  });

  it.each([
    ["range=1y", "range"],
    ["range=", "range"],
    ["severity=high", "severity"],
    ["metric=sessions", "metric"],
    ["resolved=yes", "resolved"],
    ["limit=201", "limit"],
    ["limit=0", "limit"],
    ["limit=abc", "limit"],
    ["limit=1.5", "limit"],
    ["offset=-1", "offset"],
  ])("400 INVALID_PARAMETER for %s, naming the parameter", async (query, name) => {
    const res = await api(path(websiteId, `?${query}`), { key: org.key });
    const error = expectError(res, 400, "INVALID_PARAMETER");
    expect(error.message).toContain(`'${name}'`);
  });

  it("400 for a malformed website id", async () => {
    const error = expectError(await api(path("not-a-uuid"), { key: org.key }), 400, "INVALID_PARAMETER");
    expect(error.message).toContain("websiteId");
  });

  it("401 without a key or with an invalid or revoked key", async () => {
    expectError(await api(path(websiteId)), 401, "UNAUTHORIZED");
    expectError(await api(path(websiteId), { headers: { "x-api-key": "bw_not-a-real-key" } }), 401, "UNAUTHORIZED");
    expectError(await api(path(websiteId), { headers: { authorization: "Basic abc" } }), 401, "UNAUTHORIZED");
  });

  it("403 PLAN_REQUIRED for a free organization, with the spec's body", async () => {
    const free = await createTestOrg("free");
    const site = await createTestWebsite(free.id);
    const res = await api<ErrorBody>(path(site.id), { headers: { "x-api-key": free.key } });
    expectError(res, 403, "PLAN_REQUIRED");
    expect(res.body.error.message).toBe("This endpoint requires a Pro plan or higher");
  });

  it("404 for an unknown website and for another organization's website", async () => {
    expectError(await api(path(randomUUID()), { key: org.key }), 404, "NOT_FOUND");
    const other = await createTestOrg("pro");
    const otherSite = await createTestWebsite(other.id);
    await insertWebAnomaly(other.id, otherSite.id, { detectedAt: ago(1) });
    expectError(await api(path(otherSite.id), { key: org.key }), 404, "NOT_FOUND");
  });

  it("405 for other methods and 404 in the same shape for unknown external URLs", async () => {
    expectError(await api(path(websiteId), { method: "POST", key: org.key }), 405, "METHOD_NOT_ALLOWED");
    expectError(await api("/api/external/v1/nothing-here", { key: org.key }), 404, "NOT_FOUND");
  });
});

describe("credits", () => {
  it("charges one credit per successful request and reports the balance", async () => {
    const org = await createTestOrg("pro");
    const site = await createTestWebsite(org.id);
    await setCredits(org.id, 10);
    const a = await api(path(site.id), { key: org.key });
    expect(a.status).toBe(200);
    expect(a.headers.get("x-credits-remaining")).toBe("9");
    const b = await api(path(site.id), { key: org.key });
    expect(b.headers.get("x-credits-remaining")).toBe("8");
    // Failed requests cost nothing.
    expect((await api(path(site.id, "?limit=999"), { key: org.key })).status).toBe(400);
    expect((await api(path(randomUUID()), { key: org.key })).status).toBe(404);
    expect(await creditsOf(org.id)).toBe(8);
  });

  it("429 CREDITS_EXHAUSTED when the balance is empty", async () => {
    const org = await createTestOrg("pro");
    const site = await createTestWebsite(org.id);
    await setCredits(org.id, 0);
    const res = await api(path(site.id), { key: org.key });
    expectError(res, 429, "CREDITS_EXHAUSTED");
    expect(res.headers.get("x-credits-remaining")).toBe("0");
  });

  it("tops up to the plan's monthly allowance in a new month", async () => {
    const org = await createTestOrg("pro");
    const site = await createTestWebsite(org.id);
    const { db } = await import("@/lib/db/client");
    await db().organization.update({ where: { id: org.id }, data: { creditBalance: 0, creditsPeriod: "2000-01" } });
    const res = await api(path(site.id), { key: org.key });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-credits-remaining")).toBe("9999");
  });

  it("concurrent requests never overspend or go negative", async () => {
    const org = await createTestOrg("pro");
    const site = await createTestWebsite(org.id);
    await setCredits(org.id, 7);
    await awayFromWindowEdge();
    const results = await Promise.all(Array.from({ length: 30 }, () => api(path(site.id), { key: org.key })));
    const ok = results.filter((r) => r.status === 200);
    const exhausted = results.filter((r) => r.status === 429 && (r.body as ErrorBody).error.code === "CREDITS_EXHAUSTED");
    expect(ok.length).toBe(7);
    expect(exhausted.length).toBe(23);
    expect(await creditsOf(org.id)).toBe(0);
    for (const r of ok) expect(Number(r.headers.get("x-credits-remaining"))).toBeGreaterThanOrEqual(0);
  });
});

describe("rate limit", () => {
  it("sends X-RateLimit headers on every answer", async () => {
    const org = await createTestOrg("pro");
    const site = await createTestWebsite(org.id);
    await awayFromWindowEdge();
    const res = await api(path(site.id), { key: org.key });
    expect(res.headers.get("x-ratelimit-limit")).toBe("100");
    expect(res.headers.get("x-ratelimit-remaining")).toBe("99");
    expect(Number(res.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000);
    const bad = await api(path(site.id, "?range=2d"), { key: org.key });
    expect(bad.headers.get("x-ratelimit-remaining")).toBe("98");
  });

  it("admits exactly the limit of concurrent requests per key, then 429 with Retry-After", async () => {
    const org = await createTestOrg("pro");
    const site = await createTestWebsite(org.id);
    await awayFromWindowEdge();
    const results = await Promise.all(Array.from({ length: 120 }, () => api(path(site.id), { headers: { "x-api-key": org.key } })));
    const limited = results.filter((r) => r.status === 429);
    expect(results.filter((r) => r.status === 200).length).toBe(100);
    expect(limited.length).toBe(20);
    for (const r of limited) {
      expectError(r, 429, "RATE_LIMIT_EXCEEDED");
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(r.headers.get("x-ratelimit-remaining")).toBe("0");
    }
    // Credits were charged only for the admitted requests.
    expect(await creditsOf(org.id)).toBe(10_000 - 100);
    // Another key of another organization is not affected.
    const other = await createTestOrg("pro");
    const otherSite = await createTestWebsite(other.id);
    expect((await api(path(otherSite.id), { key: other.key })).status).toBe(200);
  });
});
