// Issue 15 part 1 over real HTTP: one web anomaly's detail, dismiss with a reason and reopen
// (POST /api/v1/web-anomalies/{id}/dismiss, .../reopen: Bearer or session, admin), their
// history events and audit entries, how dismissed anomalies appear in the external API,
// and the per-site settings endpoint's validation.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { BASE_URL, api, createTestOrg, type TestOrg } from "../support/fixtures";
import { signInNewMember } from "../support/session";
import { createTestWebsite, insertWebAnomaly } from "../support/web-fixtures";

const HOUR = 3_600_000;
type Detail = { id: string; status: string; website_id: string; dismissal: { reason: string | null; dismissed_by: string | null } | null; history: Array<{ action: string; by: string; reason: string | null }>; segment: unknown; hours: number; period_start: string; period_end: string; denominator_label: string | null; series: unknown[] };
type ErrorBody = { error: { code: string; message: string } };
type ListPage = { data: { anomalies: Array<{ id: string; status: string; segment: unknown }>; pagination: { total: number } } };

async function withCookie<T>(cookie: string, path: string, method = "GET", body?: unknown) {
  const res = await fetch(`${BASE_URL}${path}`, { method, headers: { cookie, ...(body !== undefined ? { "content-type": "application/json" } : {}) }, body: body !== undefined ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

describe("web anomaly dismiss and reopen", () => {
  let org: TestOrg;
  let other: TestOrg;
  let websiteId: string;
  let anomalyId: string;

  beforeAll(async () => {
    org = await createTestOrg("pro");
    other = await createTestOrg("pro");
    websiteId = (await createTestWebsite(org.id)).id;
    const row = await insertWebAnomaly(org.id, websiteId, { detectedAt: new Date(Date.now() - 2 * HOUR), metric: "bounce_rate" });
    anomalyId = `anom_${row.publicId}`;
  });

  it("serves the detail by the external id or the bare UUID, with its extent and the rate's denominator label", async () => {
    const res = await api<{ data: Detail }>(`/api/v1/web-anomalies/${anomalyId}`, { key: org.key });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ id: anomalyId, status: "active", website_id: websiteId, segment: null, hours: 1, dismissal: null, denominator_label: "visitors with a pageview" });
    expect(Date.parse(res.body.data.period_end) - Date.parse(res.body.data.period_start)).toBe(HOUR);
    const bare = await api<{ data: Detail }>(`/api/v1/web-anomalies/${anomalyId.slice(5)}`, { key: org.key });
    expect(bare.body.data.id).toBe(anomalyId);
  });

  it("rejects bad ids (400), unknown and other organizations' anomalies (404), missing credentials (401)", async () => {
    expect((await api<ErrorBody>(`/api/v1/web-anomalies/not-an-id/dismiss`, { method: "POST", key: org.key, body: {} })).body.error.code).toBe("invalid_parameter");
    const unknown = await api<ErrorBody>(`/api/v1/web-anomalies/anom_${randomUUID()}/dismiss`, { method: "POST", key: org.key, body: {} });
    expect(unknown.status).toBe(404);
    const foreign = await api<ErrorBody>(`/api/v1/web-anomalies/${anomalyId}/dismiss`, { method: "POST", key: other.key, body: {} });
    expect(foreign.status).toBe(404);
    expect((await api(`/api/v1/web-anomalies/${anomalyId}/reopen`, { method: "POST", key: other.key })).status).toBe(404);
    expect((await api(`/api/v1/web-anomalies/${anomalyId}/dismiss`, { method: "POST", body: {} })).status).toBe(401);
    const tooLong = await api<ErrorBody>(`/api/v1/web-anomalies/${anomalyId}/dismiss`, { method: "POST", key: org.key, body: { reason: "x".repeat(1001) } });
    expect(tooLong.status).toBe(400);
    const extra = await api<ErrorBody>(`/api/v1/web-anomalies/${anomalyId}/dismiss`, { method: "POST", key: org.key, body: { reason: "ok", status: "active" } });
    expect(extra.status).toBe(400);
    // None of these changed it.
    expect((await db().anomaly.findFirstOrThrow({ where: { publicId: anomalyId.slice(5) } })).status).toBe("active");
  });

  it("an analyst's session may read but not dismiss (403)", async () => {
    const analyst = await signInNewMember(org.id, "analyst");
    expect((await withCookie(analyst, `/api/v1/web-anomalies/${anomalyId}`)).status).toBe(200);
    const res = await withCookie<ErrorBody>(analyst, `/api/v1/web-anomalies/${anomalyId}/dismiss`, "POST", { reason: "no" });
    expect(res.status).toBe(403);
  });

  it("dismisses with a reason, stays listed by the external API as dismissed, and reopens; history and audit record both", async () => {
    const dismissed = await api<{ data: Detail }>(`/api/v1/web-anomalies/${anomalyId}/dismiss`, { method: "POST", key: org.key, body: { reason: "  Campaign launch  " } });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.data.status).toBe("dismissed");
    expect(dismissed.body.data.dismissal).toMatchObject({ reason: "Campaign launch" });
    expect(dismissed.body.data.dismissal?.dismissed_by).toMatch(/^api-key:/);

    // Idempotent: a second dismiss keeps the first dismissal and writes no second event.
    const again = await api<{ data: Detail }>(`/api/v1/web-anomalies/${anomalyId}/dismiss`, { method: "POST", key: org.key, body: {} });
    expect(again.body.data.dismissal?.reason).toBe("Campaign launch");

    const listed = await api<ListPage>(`/api/external/v1/anomalies/${websiteId}`, { key: org.key });
    expect(listed.status).toBe(200);
    expect(listed.body.data.anomalies.find((a) => a.id === anomalyId)).toMatchObject({ status: "dismissed", segment: null });

    const reopened = await api<{ data: Detail }>(`/api/v1/web-anomalies/${anomalyId}/reopen`, { method: "POST", key: org.key });
    expect(reopened.status).toBe(200);
    expect(reopened.body.data).toMatchObject({ status: "active", dismissal: null });
    // A detail always starts with its detection (synthesized for anomalies older than the history).
    expect(reopened.body.data.history.map((h) => h.action)).toEqual(["detected", "dismissed", "reopened"]);
    expect(reopened.body.data.history[1].reason).toBe("Campaign launch");
    // Reopening an active anomaly changes nothing.
    const noop = await api<{ data: Detail }>(`/api/v1/web-anomalies/${anomalyId}/reopen`, { method: "POST", key: org.key });
    expect(noop.body.data.history).toHaveLength(3);

    const audit = await db().auditEntry.findMany({ where: { orgId: org.id, targetId: anomalyId }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["anomaly.dismiss", "anomaly.reopen"]);
    expect(audit.every((a) => a.actor.startsWith("api-key:"))).toBe(true);
  });
});

describe("per-website settings endpoint", () => {
  let org: TestOrg;
  let admin: string;
  let analyst: string;
  let websiteId: string;
  const path = () => `/api/internal/websites/${websiteId}/settings`;

  beforeAll(async () => {
    org = await createTestOrg("pro");
    websiteId = (await createTestWebsite(org.id, { settings: { allowed_origins: ["https://shop.example"] } })).id;
    [admin, analyst] = await Promise.all([signInNewMember(org.id, "admin"), signInNewMember(org.id, "analyst")]);
  });

  it("reads the defaults: every metric watched, the spec's thresholds, no minimum traffic, segments on", async () => {
    const res = await withCookie<{ data: Record<string, unknown> }>(admin, path());
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      timezone: "UTC",
      thresholds: {},
      watched_metrics: ["visitors", "pageviews", "bounce_rate", "conversion_rate", "error_rate", "page_load_time"],
      min_daily_pageviews: 0,
      segments: { enabled: true, top_n: 5, min_weekly_volume: 200 },
    });
    expect(res.body.data.effective_thresholds).toMatchObject({ visitors: { info: 50, warning: 100, critical: 200 } });
  });

  it.each([
    ["an empty body", {}],
    ["unordered thresholds", { thresholds: { default: { info: 100, warning: 50, critical: 200 } } }],
    ["a negative threshold", { thresholds: { visitors: { info: -1, warning: 50, critical: 200 } } }],
    ["an unbounded threshold", { thresholds: { visitors: { info: 1, warning: 50, critical: 1e9 } } }],
    ["an unknown metric", { thresholds: { sales: { info: 10, warning: 50, critical: 200 } } }],
    ["an unknown watched metric", { watched_metrics: ["visitors", "sales"] }],
    ["no watched metric", { watched_metrics: [] }],
    ["an unknown time zone", { timezone: "Mars/Olympus" }],
    ["a fractional minimum", { min_daily_pageviews: 1.5 }],
    ["too many segments", { segments: { top_n: 21 } }],
    ["an unknown field", { colour: "blue" }],
  ])("rejects %s with 400 and changes nothing", async (_name, body) => {
    const res = await withCookie<ErrorBody>(admin, path(), "PATCH", body);
    expect(res.status).toBe(400);
    expect(typeof res.body.error.code).toBe("string");
    expect((await withCookie<{ data: { timezone: string; thresholds: object } }>(admin, path())).body.data).toMatchObject({ timezone: "UTC", thresholds: {} });
  });

  it("an analyst cannot change settings (403); another organization's site is 404", async () => {
    expect((await withCookie(analyst, path(), "PATCH", { min_daily_pageviews: 5 })).status).toBe(403);
    const otherOrg = await createTestOrg("pro");
    const stranger = await signInNewMember(otherOrg.id, "admin");
    expect((await withCookie(stranger, path(), "PATCH", { min_daily_pageviews: 5 })).status).toBe(404);
    expect((await withCookie(stranger, path())).status).toBe(404);
  });

  it("saves every setting, keeps the allowed origins, and writes an audit entry", async () => {
    const body = {
      timezone: "Europe/Berlin",
      thresholds: { default: { info: 30, warning: 60, critical: 120 }, error_rate: { info: 20, warning: 40, critical: 80 } },
      watched_metrics: ["visitors", "error_rate"],
      min_daily_pageviews: 500,
      segments: { enabled: false, top_n: 3 },
    };
    const res = await withCookie<{ data: Record<string, unknown> }>(admin, path(), "PATCH", body);
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ ...body, segments: { enabled: false, top_n: 3, min_weekly_volume: 200 } });
    expect(res.body.data.effective_thresholds).toMatchObject({ visitors: { info: 30, warning: 60, critical: 120 }, error_rate: { info: 20, warning: 40, critical: 80 } });
    const stored = await db().website.findUniqueOrThrow({ where: { id: websiteId } });
    expect(stored.timezone).toBe("Europe/Berlin");
    expect(JSON.parse(stored.settings).allowed_origins).toEqual(["https://shop.example"]);
    const audit = await db().auditEntry.findFirst({ where: { orgId: org.id, action: "settings.change", targetId: websiteId } });
    expect(audit?.actor).toMatch(/@session\.test$/);
  });
});
