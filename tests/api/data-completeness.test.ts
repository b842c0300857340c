// Issue 14, parts 2 and 3 over HTTP: provider ↔ website links and unit costs, cost explained by
// traffic, unit-cost anomalies, provisional cost days (alert gate, re-scoring when the day
// settles) and the tracking heartbeat. Detection runs with an explicit clock.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { runDetection } from "@/lib/jobs/run-detection";
import { rollupCostDays } from "@/lib/cloud/rollup";
import { seededRandom, gaussian } from "@/lib/seed/random";
import { addDays, dayStart, todayUtc } from "@/lib/time";
import { SEVERITY_RANK } from "@/lib/vocabulary";
import { api, createTestOrg, createTestProvider, type TestOrg } from "../support/fixtures";
import { writeSyntheticCosts, type SyntheticService } from "../support/cloud-fixtures";
import { createTestWebsite } from "../support/web-fixtures";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// The APIs' windows follow the server's clock, so the test's clock is the real time; every
// scenario is placed relative to it and holds on any weekday.
const NOW = new Date();
const TODAY = todayUtc(NOW);
const ago = (n: number) => addDays(TODAY, -n);

type CloudAnomaly = {
  id: number;
  date: string;
  metric: string;
  severity: "info" | "warning" | "critical";
  impact: number;
  provisional: boolean;
  explained_by: { website_id: string; metric: string; deviation_percent: number } | null;
  withdrawn_at: string | null;
};
type Link = { provider_id: number; website_id: string; services: string[]; created_at: string };
type UnitCostDay = { date: string; cost: number; visitors: number; pageviews: number; cost_per_1k_visitors: number | null; expected: number | null; lower: number | null; upper: number | null };

async function detect(org: TestOrg, now = NOW) {
  const summary = await runDetection({ now, orgIds: [org.id], waitForLockMs: 60_000 });
  expect(summary.status, summary.error).toBe("succeeded");
}

async function cloudAnomalies(org: TestOrg, providerId: number, extra = ""): Promise<CloudAnomaly[]> {
  const res = await api<{ data: CloudAnomaly[] }>(`/api/v1/anomalies?days=130&provider_id=${providerId}${extra}`, { key: org.key });
  expect(res.status).toBe(200);
  return res.body.data;
}

/** Hourly visitors and pageviews for `days` days up to the end of yesterday, with daily multipliers by days-ago. */
async function writeTraffic(websiteId: string, opts: { days: number; visitorsPerHour: number; factors?: Record<number, number>; seed?: number }) {
  const rand = seededRandom(opts.seed ?? 3);
  const rows = [];
  for (let a = opts.days; a >= 1; a--) {
    const start = dayStart(ago(a)).getTime();
    for (let h = 0; h < 24; h++) {
      const visitors = Math.max(1, Math.round(opts.visitorsPerHour * (opts.factors?.[a] ?? 1) * Math.exp(0.03 * gaussian(rand))));
      rows.push({ websiteId, metric: "visitors", hour: new Date(start + h * HOUR), value: visitors, source: "import" });
      rows.push({ websiteId, metric: "pageviews", hour: new Date(start + h * HOUR), value: visitors * 2, source: "import" });
    }
  }
  await db().webMetricHour.createMany({ data: rows });
}

describe("provider links", () => {
  it("links, lists, replaces and removes a website; bounds its input; hides other organizations", async () => {
    const org = await createTestOrg();
    const provider = await createTestProvider(org.id);
    const site = await createTestWebsite(org.id);
    const base = `/api/v1/providers/${provider.id}/links`;

    const created = await api<{ data: Link }>(base, { method: "POST", key: org.key, body: { website_id: site.id, services: ["EC2", "CloudFront", "EC2"] } });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ provider_id: provider.id, website_id: site.id, services: ["CloudFront", "EC2"] });
    const replaced = await api<{ data: Link }>(base, { method: "POST", key: org.key, body: { website_id: site.id } });
    expect(replaced.body.data.services).toEqual([]);
    const listed = await api<{ data: Link[] }>(base, { key: org.key });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((l) => l.website_id)).toEqual([site.id]);

    for (const body of [{}, { website_id: "nope" }, { website_id: site.id, services: "EC2" }, { website_id: site.id, services: [""] }, { website_id: site.id, services: ["x".repeat(201)] }, { website_id: site.id, services: Array.from({ length: 101 }, (_, i) => `s${i}`) }, { website_id: site.id, extra: 1 }]) {
      const res = await api<{ error: { code: string } }>(base, { method: "POST", key: org.key, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBeTruthy();
    }
    expect((await api(`/api/v1/providers/abc/links`, { key: org.key })).status).toBe(400);
    expect((await api(base, { method: "DELETE", key: org.key })).status).toBe(400);

    const other = await createTestOrg();
    const otherSite = await createTestWebsite(other.id);
    expect((await api(base, { key: other.key })).status).toBe(404);
    expect((await api(base, { method: "POST", key: other.key, body: { website_id: otherSite.id } })).status).toBe(404);
    expect((await api(base, { method: "POST", key: org.key, body: { website_id: otherSite.id } })).status).toBe(404);
    const foreign = await api(`${base}?website_id=${site.id}`, { method: "DELETE", key: other.key });
    expect(foreign.status, foreign.text).toBe(404);

    expect((await api(`${base}?website_id=${site.id}`, { method: "DELETE", key: org.key })).status).toBe(204);
    expect((await api(`${base}?website_id=${site.id}`, { method: "DELETE", key: org.key })).status).toBe(404);
    await api(base, { method: "POST", key: org.key, body: { website_id: site.id } });
    expect((await api(base, { method: "DELETE", key: org.key, body: { website_id: site.id } })).status).toBe(204);
    expect((await api<{ data: Link[] }>(base, { key: org.key })).body.data).toEqual([]);
  });
});

describe("cost explained by traffic", () => {
  const services: SyntheticService[] = [{ service: "Compute", base: 1000, noise: 0.02, incidents: { 5: 3, 16: 3 } }];

  it("serves daily unit costs with a band, explains a spend rise that follows traffic and raises a unit-cost anomaly when traffic is flat", async () => {
    const org = await createTestOrg();
    const site = await createTestWebsite(org.id);
    const linked = await createTestProvider(org.id, "Linked");
    const alone = await createTestProvider(org.id, "Not linked");
    for (const p of [linked, alone]) await writeSyntheticCosts(org.id, p.id, services, { now: NOW, days: 120, seed: 9 });
    // Five days ago traffic tripled with the spend; sixteen days ago it stayed flat (not a week apart: that reads as a weekly charge).
    await writeTraffic(site.id, { days: 120, visitorsPerHour: 50, factors: { 5: 3 } });
    expect((await api(`/api/v1/providers/${linked.id}/links`, { method: "POST", key: org.key, body: { website_id: site.id } })).status).toBe(201);

    const res = await api<{ data: UnitCostDay[] }>(`/api/v1/providers/${linked.id}/unit-costs?website_id=${site.id}&days=30`, { key: org.key });
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(30);
    expect(res.body.data[29].date).toBe(TODAY);
    const day = res.body.data.find((d) => d.date === ago(20))!;
    expect(day.cost_per_1k_visitors).toBeCloseTo((day.cost / day.visitors) * 1000, 2);
    expect(day.pageviews).toBe(day.visitors * 2);
    expect(day.lower!).toBeLessThanOrEqual(day.expected!);
    expect(day.upper!).toBeGreaterThanOrEqual(day.expected!);
    const explainedDay = res.body.data.find((d) => d.date === ago(5))!;
    expect(explainedDay.cost_per_1k_visitors!).toBeLessThanOrEqual(explainedDay.upper!);
    const flatDay = res.body.data.find((d) => d.date === ago(16))!;
    expect(flatDay.cost_per_1k_visitors!).toBeGreaterThan(flatDay.upper!);
    // Without website_id the provider's only link is meant.
    expect((await api<{ data: UnitCostDay[] }>(`/api/v1/providers/${linked.id}/unit-costs`, { key: org.key })).body.data).toHaveLength(30);

    await detect(org);
    const mine = await cloudAnomalies(org, linked.id);
    const theirs = await cloudAnomalies(org, alone.id);
    const explained = mine.find((a) => a.metric === "cost" && a.date === ago(5))!;
    const twin = theirs.find((a) => a.metric === "cost" && a.date === ago(5))!;
    expect(explained.explained_by).toMatchObject({ website_id: site.id, metric: "visitors" });
    expect(explained.explained_by!.deviation_percent).toBeGreaterThan(100);
    expect(twin.explained_by).toBeNull();
    // One level lower than the same rise on the unlinked twin provider.
    expect(twin.severity).not.toBe("info");
    expect(SEVERITY_RANK[explained.severity]).toBe(SEVERITY_RANK[twin.severity] - 1);
    const unexplained = mine.find((a) => a.metric === "cost" && a.date === ago(16))!;
    expect(unexplained.explained_by).toBeNull();
    const unit = mine.filter((a) => a.metric === "cost_per_1k_visitors");
    expect(unit.map((a) => a.date)).toEqual([ago(16)]);
    expect(theirs.some((a) => a.metric === "cost_per_1k_visitors")).toBe(false);

    // A second run changes nothing (no duplicate, same explanation).
    await detect(org);
    expect(await cloudAnomalies(org, linked.id)).toEqual(mine);
  });

  it("rejects bad unit-cost queries and hides other organizations", async () => {
    const org = await createTestOrg();
    const provider = await createTestProvider(org.id);
    const [a, b] = [await createTestWebsite(org.id), await createTestWebsite(org.id)];
    const base = `/api/v1/providers/${provider.id}/unit-costs`;
    expect((await api(`${base}?website_id=${a.id}`, { key: org.key })).status).toBe(404); // not linked
    for (const w of [a, b]) await api(`/api/v1/providers/${provider.id}/links`, { method: "POST", key: org.key, body: { website_id: w.id } });
    expect((await api(base, { key: org.key })).status).toBe(400); // two links: which one?
    for (const q of ["days=0", "days=366", "days=abc", "website_id=x"]) expect((await api(`${base}?${q}`, { key: org.key })).status, q).toBe(400);
    expect((await api(`${base}?website_id=${a.id}&days=7`, { key: org.key })).status).toBe(200);
    const other = await createTestOrg();
    expect((await api(`${base}?website_id=${a.id}`, { key: other.key })).status).toBe(404);
  });
});

describe("provisional cost days", () => {
  async function setDay(orgId: string, providerId: number, day: string, amount: number) {
    await db().costEntry.updateMany({ where: { providerId, day }, data: { amount } });
    await rollupCostDays(orgId, providerId, [day]);
  }

  async function historyOf(anomalyId: number) {
    return db().anomalyEvent.findMany({ where: { anomalyId }, orderBy: { id: "asc" } });
  }

  it("flags anomalies on unsettled days, holds small ones from alerts, and re-scores them when the day settles", async () => {
    const org = await createTestOrg();
    await db().alertDestination.create({ data: { orgId: org.id, name: "hook", kind: "webhook", url: "http://127.0.0.2:9/hook", minSeverity: "info" } });
    const small = await createTestProvider(org.id, "Small");
    const big = await createTestProvider(org.id, "Big");
    const corrected = await createTestProvider(org.id, "Corrected away");
    const raised = await createTestProvider(org.id, "Corrected up");
    await writeSyntheticCosts(org.id, small.id, [{ service: "S", base: 100, noise: 0.01, incidents: { 1: 1.25 } }], { now: NOW, days: 90, seed: 1 });
    await writeSyntheticCosts(org.id, big.id, [{ service: "S", base: 1000, noise: 0.01, incidents: { 1: 3 } }], { now: NOW, days: 90, seed: 2 });
    await writeSyntheticCosts(org.id, corrected.id, [{ service: "S", base: 1000, noise: 0.01, incidents: { 1: 3 } }], { now: NOW, days: 90, seed: 3 });
    await writeSyntheticCosts(org.id, raised.id, [{ service: "S", base: 1000, noise: 0.01, incidents: { 1: 1.6 } }], { now: NOW, days: 90, seed: 4 });
    await detect(org);

    const first = async (providerId: number) => (await cloudAnomalies(org, providerId, "&include_withdrawn=true")).find((a) => a.date === ago(1))!;
    const [s, b, c, r] = [await first(small.id), await first(big.id), await first(corrected.id), await first(raised.id)];
    for (const a of [s, b, c, r]) expect(a.provisional).toBe(true);
    expect(s.impact).toBeGreaterThan(10);
    expect(s.impact).toBeLessThan(30);
    const deliveries = async (id: number) => db().alertDelivery.count({ where: { anomalyId: id } });
    expect(await deliveries(s.id)).toBe(0); // held: below three cost floors
    expect(await deliveries(b.id)).toBeGreaterThan(0);
    const providers = await api<{ data: Array<{ id: number; settlement_days: number }> }>("/api/v1/providers", { key: org.key });
    expect(providers.body.data.find((p) => p.id === small.id)?.settlement_days).toBe(2);

    // Before the day settles, the bill is corrected: one back to normal, one higher.
    const weekend = [0, 6].includes(dayStart(ago(1)).getUTCDay()); // the fixtures' weekly pattern
    await setDay(org.id, corrected.id, ago(1), weekend ? 800 : 1000);
    await setDay(org.id, raised.id, ago(1), 4000);
    await detect(org, new Date(NOW.getTime() + 2 * DAY));

    const [s2, b2, c2, r2] = [await first(small.id), await first(big.id), await first(corrected.id), await first(raised.id)];
    for (const a of [s2, b2, c2, r2]) expect(a.provisional).toBe(false);
    const lastAction = async (id: number) => (await historyOf(id)).at(-1)?.action;
    expect(await lastAction(s.id)).toBe("confirmed");
    expect(await lastAction(b.id)).toBe("confirmed");
    expect(await lastAction(c.id)).toBe("withdrawn");
    expect(c2.withdrawn_at).not.toBeNull();
    expect(await lastAction(r.id)).toBe("escalated");
    expect(r2.severity).toBe("critical");
    // The held one is alerted now that its day settled; the big one is not alerted twice.
    expect(await deliveries(s.id)).toBeGreaterThan(0);
    expect(await db().alertDelivery.count({ where: { anomalyId: b.id, event: "created" } })).toBe(1);
    // Nothing is deleted: the withdrawn one is still served on request.
    expect((await api(`/api/v1/anomalies/${c.id}`, { key: org.key })).status).toBe(200);
  });
});

describe("tracking heartbeat", () => {
  type WebPage = { success: true; data: { anomalies: Array<{ id: string; metric_name: string; severity: string; is_resolved: boolean }> } };
  // Pinned ten minutes into the current hour: the silent hours are whole hours.
  const now = new Date(Math.floor(NOW.getTime() / HOUR) * HOUR + 10 * 60_000);
  const thisHour = Math.floor(now.getTime() / HOUR) * HOUR;

  async function pageviews(websiteId: string, perHour: number, fromHoursAgo: number, toHoursAgo: number) {
    const rows = [];
    for (let h = fromHoursAgo; h >= toHoursAgo; h--) rows.push({ websiteId, metric: "pageviews", hour: new Date(thisHour - h * HOUR), value: perHour, source: "events" });
    await db().webMetricHour.createMany({ data: rows });
  }

  async function tracking(org: TestOrg, websiteId: string) {
    const res = await api<WebPage>(`/api/external/v1/anomalies/${websiteId}?range=7d&metric=tracking`, { key: org.key });
    expect(res.status).toBe(200);
    return res.body.data.anomalies;
  }

  it("raises a critical tracking anomaly when a busy site goes silent, not for a quiet one, and resolves it when events resume", async () => {
    const org = await createTestOrg();
    const busy = await createTestWebsite(org.id);
    const quiet = await createTestWebsite(org.id);
    const blip = await createTestWebsite(org.id);
    await pageviews(busy.id, 30, 30 * 24, 5); // silent for the last 4 complete hours
    await pageviews(quiet.id, 0.2, 30 * 24, 5); // rarely has events: 4 empty hours are normal
    await pageviews(blip.id, 30, 30 * 24, 2); // one empty hour
    await detect(org, now);

    const open = await tracking(org, busy.id);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ metric_name: "tracking", severity: "critical", is_resolved: false });
    expect(await tracking(org, quiet.id)).toEqual([]);
    expect(await tracking(org, blip.id)).toEqual([]);
    // The filter accepts "tracking" and still rejects unknown metrics.
    expect((await api(`/api/external/v1/anomalies/${busy.id}?metric=bogus`, { key: org.key })).status).toBe(400);

    // Another run during the same silence keeps the one anomaly; events arriving again resolve it.
    await detect(org, now);
    expect(await tracking(org, busy.id)).toHaveLength(1);
    await pageviews(busy.id, 30, 1, 1);
    await detect(org, now);
    const resolved = await tracking(org, busy.id);
    expect(resolved).toHaveLength(1);
    expect(resolved[0].is_resolved).toBe(true);
    const row = await db().anomaly.findFirstOrThrow({ where: { publicId: resolved[0].id.slice(5) } });
    expect(row.resolvedAt?.getTime()).toBe(thisHour - HOUR);
    expect((await db().anomalyEvent.findMany({ where: { anomalyId: row.id } })).map((e) => e.action)).toContain("resolved");
  });
});
