// Web incidents the current data no longer supports are withdrawn by the detection job,
// not deleted: hidden from the website API, kept in the database with their deliveries.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { detectWebForOrg } from "@/lib/web/job";
import { generateSiteHistory } from "@/lib/seed/web-history";
import { api, createTestOrg } from "../support/fixtures";
import { createTestWebsite, insertWebAnomaly } from "../support/web-fixtures";

const HOUR = 3_600_000;
type Page = { success: true; data: { anomalies: Array<{ id: string }> } };

describe("web detection keeps history", () => {
  it("withdraws an incident the data no longer supports instead of deleting it", async () => {
    const org = await createTestOrg("pro");
    const site = await createTestWebsite(org.id);
    // The API's range follows the server's clock, so the test's clock is the real time.
    const now = new Date();
    const lastHour = Math.floor(now.getTime() / HOUR) * HOUR - HOUR;
    const profile = { peakVisitors: 800, pagesPerVisit: 3, bounceRate: 40, conversionRate: 0, errorRate: 0.5, loadTimeSeconds: 1.1, peakHourUtc: 14, weekendFactor: 0.8, incidents: [] };
    const rows = generateSiteHistory(profile, lastHour, 30 * 24, 3)
      .filter((p) => p.metric === "visitors")
      .map((p) => ({ hour: new Date(p.hour).toISOString(), metric: p.metric, value: p.value }));
    expect((await api(`/api/external/v1/websites/${site.id}/metrics`, { method: "POST", key: org.key, body: rows })).status).toBe(200);
    // An incident stored by an earlier run (e.g. before a correction of the data) 20 hours ago.
    const stale = await insertWebAnomaly(org.id, site.id, { metric: "visitors", detectedAt: new Date(lastHour - 20 * HOUR) });
    const destination = await db().alertDestination.create({ data: { orgId: org.id, name: "log", kind: "webhook", url: "http://127.0.0.1:9/hook" } });
    await db().alertDelivery.create({ data: { destinationId: destination.id, anomalyId: stale.id, event: "created", status: "delivered", attempts: 1 } });
    const listed = async () => (await api<Page>(`/api/external/v1/anomalies/${site.id}?range=7d&metric=visitors`, { key: org.key })).body.data.anomalies.map((a) => a.id);
    expect(await listed()).toContain(`anom_${stale.publicId}`);

    const result = await detectWebForOrg(org.id, now);
    expect(result.sync.removed).toBe(1);
    expect(await listed()).not.toContain(`anom_${stale.publicId}`);
    const row = await db().anomaly.findUniqueOrThrow({ where: { id: stale.id } });
    expect(row.withdrawnAt).not.toBeNull();
    expect(await db().alertDelivery.count({ where: { anomalyId: stale.id } })).toBe(1);
  });
});
