// From imported history to the external API: POST hourly metrics over HTTP, run the
// detection job, read the anomalies back; detected_at and ids stay stable on re-runs.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { detectWebForOrg } from "@/lib/web/job";
import { generateSiteHistory } from "@/lib/seed/web-history";
import { api, createTestOrg } from "../support/fixtures";
import { createTestWebsite } from "../support/web-fixtures";

const HOUR = 3_600_000;
type Page = { success: true; data: { anomalies: Array<{ id: string; metric_name: string; severity: string; deviation_percentage: number; detected_at: string; is_resolved: boolean; actual_value: number; expected_value: number }>; pagination: { total: number } } };

describe("web detection end to end", () => {
  it("imports history, detects the injected incidents and serves them with stable detected_at", async () => {
    const org = await createTestOrg("pro");
    const site = await createTestWebsite(org.id);
    // The API's range follows the server's clock, so the test's clock stays near real time,
    // pinned ten minutes into the previous hour: both runs below (now, now + 5 min) judge the
    // same complete hours whatever the wall clock's minute (CI once crossed an hour between them).
    const now = new Date(Math.floor(Date.now() / HOUR) * HOUR - HOUR + 10 * 60_000);
    const lastHour = Math.floor(now.getTime() / HOUR) * HOUR - HOUR;
    const points = generateSiteHistory(
      {
        peakVisitors: 800, pagesPerVisit: 3, bounceRate: 40, conversionRate: 0, errorRate: 0.5, loadTimeSeconds: 1.1, peakHourUtc: 14, weekendFactor: 0.8,
        incidents: [
          { kind: "viral_spike", startsHoursAgo: 100, durationHours: 5, factor: 4 },
          { kind: "viral_spike", startsHoursAgo: 0, durationHours: 3, factor: 4 },
        ],
      },
      lastHour,
      40 * 24,
      11,
    ).filter((p) => p.metric === "visitors");
    const rows = points.map((p) => ({ hour: new Date(p.hour).toISOString(), metric: p.metric, value: p.value }));
    const imported = await api<{ success: true; data: { imported: number } }>(`/api/external/v1/websites/${site.id}/metrics`, { method: "POST", key: org.key, body: rows });
    expect(imported.status).toBe(200);
    expect(imported.body.data.imported).toBe(rows.length);

    await detectWebForOrg(org.id, now);
    const res = await api<Page>(`/api/external/v1/anomalies/${site.id}?range=30d&metric=visitors`, { key: org.key });
    expect(res.status).toBe(200);
    const anomalies = res.body.data.anomalies;
    expect(anomalies).toHaveLength(2);
    const [ongoing, past] = anomalies;
    expect(ongoing.is_resolved).toBe(false);
    expect(past.is_resolved).toBe(true);
    for (const a of anomalies) {
      expect(a.severity).toBe("critical");
      expect(a.deviation_percentage).toBeGreaterThan(200);
      expect(a.deviation_percentage).toBeCloseTo(((a.actual_value - a.expected_value) / a.expected_value) * 100, 0);
    }
    // Backfilled incident: detected_at is the end of its first anomalous hour, in the data's past.
    const pastRow = await db().anomaly.findFirstOrThrow({ where: { publicId: past.id.slice(5) } });
    expect(past.detected_at).toBe(new Date(pastRow.periodStart.getTime() + HOUR).toISOString());
    expect(Date.parse(past.detected_at)).toBeLessThan(now.getTime() - 90 * HOUR);

    // A later run (one hour on, nothing new) keeps ids and detected_at.
    await detectWebForOrg(org.id, new Date(now.getTime() + 5 * 60_000));
    const again = await api<Page>(`/api/external/v1/anomalies/${site.id}?range=30d&metric=visitors`, { key: org.key });
    expect(again.body.data.anomalies.map((a) => [a.id, a.detected_at])).toEqual(anomalies.map((a) => [a.id, a.detected_at]));
  });

  it("validates metric imports", async () => {
    const org = await createTestOrg("pro");
    const site = await createTestWebsite(org.id);
    const url = `/api/external/v1/websites/${site.id}/metrics`;
    const bad = await api<{ success: false; error: { code: string; message: string } }>(url, { method: "POST", key: org.key, body: [{ hour: "2026-01-01T00:00:00Z", metric: "sessions", value: 1 }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("INVALID_BODY");
    expect((await api(url, { method: "POST", key: org.key, body: { hour: "x" } })).status).toBe(400);
    expect((await api(url, { method: "POST", key: org.key, body: [] })).status).toBe(400);
    expect((await api(url, { method: "POST", key: org.key, body: [{ hour: "yesterday", metric: "visitors", value: 1 }] })).status).toBe(400);
    expect((await api(url, { method: "POST", key: org.key, body: [{ hour: "2026-01-01T00:00:00Z", metric: "visitors", value: -1 }] })).status).toBe(400);
    expect((await api(url, { method: "POST", body: [] })).status).toBe(401);
    const other = await createTestOrg("pro");
    expect((await api(url, { method: "POST", key: other.key, body: [{ hour: "2026-01-01T00:00:00Z", metric: "visitors", value: 1 }] })).status).toBe(404);
  });

  it("lists only the caller's websites", async () => {
    const org = await createTestOrg("free");
    const mine = await createTestWebsite(org.id);
    await createTestWebsite((await createTestOrg("pro")).id);
    const res = await api<{ success: true; data: { websites: Array<{ id: string; domain: string }> } }>("/api/external/v1/websites", { headers: { "x-api-key": org.key } });
    expect(res.status).toBe(200);
    expect(res.body.data.websites.map((w) => w.id)).toEqual([mine.id]);
    expect(res.headers.get("x-ratelimit-limit")).toBe("100");
  });
});
