// POST /api/collect and the hourly rollups over real HTTP: valid events (native and
// Plausible-style), bots, malformed, oversized and unknown-site payloads, and rollups
// that stay correct when events arrive late.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { api, createTestOrg, type TestOrg } from "../support/fixtures";
import { BROWSER_UA, createTestWebsite } from "../support/web-fixtures";

const HOUR = 3_600_000;
type Hours = { success: true; data: { hours: Array<{ hour: string; metrics: Record<string, number> }> } };

function collect(body: unknown, opts: { ua?: string; ip?: string; raw?: string; contentType?: string } = {}) {
  return api<Record<string, unknown>>("/api/collect", {
    method: "POST",
    headers: { "user-agent": opts.ua ?? BROWSER_UA, "x-forwarded-for": opts.ip ?? "203.0.113.7", "content-type": opts.contentType ?? "text/plain;charset=UTF-8" },
    rawBody: opts.raw ?? JSON.stringify(body),
  });
}

async function hourMetrics(org: TestOrg, websiteId: string, hour: Date, until: (m: Record<string, number>) => boolean) {
  const deadline = Date.now() + 20_000;
  let last: Record<string, number> = {};
  while (Date.now() < deadline) {
    const res = await api<Hours>(`/api/external/v1/websites/${websiteId}/metrics?hours=48`, { key: org.key });
    expect(res.status).toBe(200);
    last = res.body.data.hours.find((h) => h.hour === hour.toISOString())?.metrics ?? {};
    if (until(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  return last;
}

describe("POST /api/collect", () => {
  let org: TestOrg;
  let site: { id: string; domain: string };

  beforeAll(async () => {
    org = await createTestOrg("pro");
    site = await createTestWebsite(org.id);
  });

  it("accepts a pageview by website id and stores it without the IP", async () => {
    const res = await collect({ type: "pageview", website: site.id, url: `https://${site.domain}/pricing?x=1`, referrer: "https://news.example/" });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 1, ignored: 0 });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const rows = await db().webEvent.findMany({ where: { websiteId: site.id, path: "/pricing" } });
    expect(rows).toHaveLength(1);
    expect(rows[0].visitorHash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(rows[0])).not.toContain("203.0.113.7");
  });

  it("accepts Plausible-style events (long and short keys) by domain", async () => {
    const a = await collect({ name: "pageview", url: `https://${site.domain}/plausible`, domain: site.domain, referrer: null });
    expect(a.status).toBe(202);
    const b = await collect({ n: "Signup", u: `https://${site.domain}/signup`, d: site.domain, p: { plan: "pro" } }, { contentType: "application/json" });
    expect(b.status).toBe(202);
    const goal = await db().webEvent.findFirst({ where: { websiteId: site.id, type: "event", name: "Signup" } });
    expect(goal?.props).toBe(JSON.stringify({ plan: "pro" }));
  });

  it("accepts batches of events", async () => {
    const res = await collect({ website: site.id, events: [{ type: "pageview", url: "/a" }, { type: "timing", url: "/a", load_time_ms: 900 }, { type: "error", url: "/a", name: "TypeError: x is undefined" }] });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 3, ignored: 0 });
  });

  it("ignores bots (answered, not stored)", async () => {
    const before = await db().webEvent.count({ where: { websiteId: site.id } });
    for (const ua of ["Googlebot/2.1 (+http://www.google.com/bot.html)", "Mozilla/5.0 (compatible; bingbot/2.0)", "curl/8.5.0", "Mozilla/5.0 HeadlessChrome/120.0", ""]) {
      const res = await collect({ type: "pageview", website: site.id, url: "/bot" }, { ua });
      expect(res.status).toBe(202);
      expect(res.body).toEqual({ accepted: 0, ignored: 1 });
    }
    expect(await db().webEvent.count({ where: { websiteId: site.id } })).toBe(before);
  });

  it("rejects malformed and invalid payloads with 400", async () => {
    const cases: Array<[unknown, string | undefined]> = [
      [undefined, "{not json"],
      [{ type: "click", website: site.id }, undefined],
      [{ type: "timing", website: site.id, url: "/" }, undefined],
      [{ type: "event", website: site.id, url: "/" }, undefined],
      [{ type: "pageview", url: "/" }, undefined],
      [{ type: "pageview", website: "nope", url: "/" }, undefined],
      [{ type: "pageview", website: site.id, ts: "yesterday-ish" }, undefined],
      [{ type: "pageview", website: site.id, ts: new Date(Date.now() + 3 * HOUR).toISOString() }, undefined],
      [{ type: "pageview", website: site.id, ts: new Date(Date.now() - 40 * 24 * HOUR).toISOString() }, undefined],
      [{ website: site.id, events: [] }, undefined],
      [{}, undefined],
    ];
    for (const [body, raw] of cases) {
      const res = await collect(body, { raw });
      expect(res.status, JSON.stringify(body ?? raw)).toBe(400);
      expect((res.body as { error: { code: string } }).error.code).toBe("invalid_body");
    }
  });

  it("rejects oversized payloads with 413", async () => {
    const res = await collect({ type: "pageview", website: site.id, url: "/", props: { blob: "x".repeat(70 * 1024) } });
    expect(res.status).toBe(413);
    expect((res.body as { error: { code: string } }).error.code).toBe("payload_too_large");
  });

  it("answers 404 with a clear message for an unknown site", async () => {
    const byDomain = await collect({ name: "pageview", url: "https://unknown-site.example/", domain: "unknown-site.example" });
    expect(byDomain.status).toBe(404);
    expect((byDomain.body as { error: { message: string } }).error.message).toContain("unknown-site.example");
    const byId = await collect({ type: "pageview", website: "00000000-0000-4000-8000-000000000000", url: "/" });
    expect(byId.status).toBe(404);
  });

  it("answers CORS preflight and rejects GET with 405", async () => {
    const pre = await api("/api/collect", { method: "OPTIONS" });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-methods")).toContain("POST");
    expect((await api("/api/collect")).status).toBe(405);
  });

  it("serves the tracker script", async () => {
    const res = await fetch(`${process.env.APP_URL ?? "http://127.0.0.1:3000"}/tracker.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    const text = await res.text();
    expect(text).toContain("sendBeacon");
    expect(text).toContain("/api/collect");
    const { gzipSync } = await import("node:zlib");
    expect(gzipSync(text).length).toBeLessThan(2048);
  });
});

describe("hourly rollups", () => {
  it("computes the six metrics of an hour and recomputes it when late events arrive", async () => {
    const org = await createTestOrg("pro");
    const site = await createTestWebsite(org.id);
    const hourStart = new Date(Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR);
    const at = (minutes: number) => new Date(hourStart.getTime() + minutes * 60_000).toISOString();
    // Visitor A: 3 pageviews and a goal; B: 1 pageview (bounce) and an error; C: 1 pageview (bounce).
    await collect({ website: site.id, events: [{ type: "pageview", url: "/", ts: at(1) }, { type: "pageview", url: "/p", ts: at(2) }, { type: "pageview", url: "/c", ts: at(3) }, { type: "event", name: "Purchase", url: "/c", ts: at(4) }, { type: "timing", url: "/", load_time_ms: 1000, ts: at(1) }] }, { ip: "198.51.100.1" });
    await collect({ website: site.id, events: [{ type: "pageview", url: "/", ts: at(10) }, { type: "error", name: "boom", url: "/", ts: at(11) }, { type: "timing", url: "/", load_time_ms: 2000, ts: at(10) }] }, { ip: "198.51.100.2" });
    await collect({ type: "pageview", website: site.id, url: "/", ts: at(20) }, { ip: "198.51.100.3" });
    const first = await hourMetrics(org, site.id, hourStart, (m) => m.pageviews === 5);
    expect(first).toEqual({ visitors: 3, pageviews: 5, bounce_rate: 66.6667, conversion_rate: 33.3333, error_rate: 20, page_load_time: 1.5 });

    // Much later, C's second pageview of that hour arrives (offline tab): C no longer bounced.
    await collect({ type: "pageview", website: site.id, url: "/more", ts: at(25) }, { ip: "198.51.100.3" });
    const second = await hourMetrics(org, site.id, hourStart, (m) => m.pageviews === 6);
    expect(second).toEqual({ visitors: 3, pageviews: 6, bounce_rate: 33.3333, conversion_rate: 33.3333, error_rate: 16.6667, page_load_time: 1.5 });
  });
});
