// Issue 15 part 2 over real HTTP: collection stores the parsed browser and device; the hourly
// rollup keeps segment counts; detection (with a clock) judges the biggest segments through the
// same engine; the external API lists segment anomalies with `segment` and filters by it.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { detectWebForOrg } from "@/lib/web/job";
import { api, createTestOrg } from "../support/fixtures";
import { createTestWebsite } from "../support/web-fixtures";

const HOUR = 3_600_000;
const IPHONE_UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
type Listed = { id: string; metric_name: string; segment: { dimension: string; value: string } | null; status: string };
type Page = { success: true; data: { anomalies: Listed[]; pagination: { total: number } } };

/** A daily-seasonal hourly count with a little deterministic wobble (no randomness: the test cannot flake). */
function hourlyCount(base: number, hour: number): number {
  const h = (hour / HOUR) % 24;
  return Math.round(base * (1 + 0.5 * Math.sin((2 * Math.PI * h) / 24)) + ((hour / HOUR) % 5) - 2);
}

async function poll<T>(read: () => Promise<T | null>, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error("timed out waiting for the rollup");
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("web segments", () => {
  it("collection stores browser and device; the rollup counts pages, referrer hosts, browsers, devices and events", async () => {
    const org = await createTestOrg("pro");
    const site = await createTestWebsite(org.id);
    const events = [
      { type: "pageview", url: `https://${site.domain}/pricing`, referrer: "https://www.news.example/story" },
      { type: "pageview", url: `https://${site.domain}/pricing`, referrer: `https://${site.domain}/` },
      { type: "event", name: "signup", url: `https://${site.domain}/pricing` },
    ];
    const res = await api<{ accepted: number }>("/api/collect", { method: "POST", headers: { "user-agent": IPHONE_UA }, body: { website: site.id, events } });
    expect(res.status).toBe(202);
    const stored = await db().webEvent.findMany({ where: { websiteId: site.id }, select: { browser: true, device: true } });
    expect(stored).toHaveLength(3);
    expect(stored.every((e) => e.device === "mobile" && e.browser !== null && /safari/i.test(e.browser))).toBe(true);

    const rows = await poll(async () => {
      const found = await db().webSegmentHour.findMany({ where: { websiteId: site.id }, select: { dimension: true, value: true, count: true } });
      return found.length >= 5 ? found : null;
    });
    const count = (dimension: string, value: string) => rows.find((r) => r.dimension === dimension && r.value === value)?.count;
    expect(count("page", "/pricing")).toBe(2);
    // Moving between the site's own pages is not a referral; www. is dropped from hosts.
    expect(rows.filter((r) => r.dimension === "referrer")).toEqual([{ dimension: "referrer", value: "news.example", count: 1 }]);
    expect(count("device", "mobile")).toBe(2);
    expect(count("event", "signup")).toBe(1);
  });

  it("detects an incident of one page, lists it with its segment and filters by segment", async () => {
    const org = await createTestOrg("pro");
    const site = await createTestWebsite(org.id);
    // The API's range follows the server's clock, so the test's clock stays near real time.
    const now = new Date(Math.floor(Date.now() / HOUR) * HOUR - HOUR + 10 * 60_000);
    const lastHour = Math.floor(now.getTime() / HOUR) * HOUR - HOUR;
    const data: Array<{ websiteId: string; dimension: "page" | "referrer"; value: string; hour: Date; count: number }> = [];
    for (let hour = lastHour - 30 * 24 * HOUR; hour <= lastHour; hour += HOUR) {
      const incident = hour > lastHour - 3 * HOUR;
      data.push({ websiteId: site.id, dimension: "page", value: "/pricing", hour: new Date(hour), count: hourlyCount(60, hour) * (incident ? 6 : 1) });
      data.push({ websiteId: site.id, dimension: "page", value: "/blog", hour: new Date(hour), count: hourlyCount(40, hour) });
      // Too small to judge (under the default minimum weekly volume of 200), even with a spike.
      data.push({ websiteId: site.id, dimension: "referrer", value: "tiny.example", hour: new Date(hour), count: incident ? 30 : 0 });
    }
    await db().webSegmentHour.createMany({ data });

    await detectWebForOrg(org.id, now);
    const all = await api<Page>(`/api/external/v1/anomalies/${site.id}?range=24h`, { key: org.key });
    expect(all.status).toBe(200);
    expect(all.body.data.anomalies.map((a) => a.segment)).toEqual([{ dimension: "page", value: "/pricing" }]);
    expect(all.body.data.anomalies[0]).toMatchObject({ metric_name: "pageviews", status: "active" });

    const pricing = await api<Page>(`/api/external/v1/anomalies/${site.id}?range=24h&segment=${encodeURIComponent("page:/pricing")}`, { key: org.key });
    expect(pricing.body.data.pagination.total).toBe(1);
    for (const filter of ["page:/blog", "site", "referrer", "browser:Chrome"]) {
      const none = await api<Page>(`/api/external/v1/anomalies/${site.id}?range=24h&segment=${encodeURIComponent(filter)}`, { key: org.key });
      expect(none.status).toBe(200);
      expect(none.body.data.pagination.total).toBe(0);
    }
    const dimension = await api<Page>(`/api/external/v1/anomalies/${site.id}?range=24h&segment=page`, { key: org.key });
    expect(dimension.body.data.pagination.total).toBe(1);

    // The detail carries the hourly series around it.
    const detail = await api<{ data: { segment: unknown; series: unknown[] } }>(`/api/v1/web-anomalies/${all.body.data.anomalies[0].id}`, { key: org.key });
    expect(detail.status).toBe(200);
    expect(detail.body.data.segment).toEqual({ dimension: "page", value: "/pricing" });
    expect(detail.body.data.series.length).toBeGreaterThan(48);

    // A re-run with the same clock neither duplicates nor loses it.
    await detectWebForOrg(org.id, now);
    const again = await api<Page>(`/api/external/v1/anomalies/${site.id}?range=24h`, { key: org.key });
    expect(again.body.data.anomalies.map((a) => a.id)).toEqual(all.body.data.anomalies.map((a) => a.id));
  });

  it.each(["nope:x", "page:", "x".repeat(300), "PAGE:/pricing"])("rejects the segment filter %s with 400 in the spec's error shape", async (filter) => {
    const org = await createTestOrg("pro");
    const site = await createTestWebsite(org.id);
    const res = await api<{ success: false; error: { code: string } }>(`/api/external/v1/anomalies/${site.id}?segment=${encodeURIComponent(filter)}`, { key: org.key });
    expect(res.status).toBe(400);
    expect(res.body.success).toBe(false);
    expect(typeof res.body.error.code).toBe("string");
  });
});
