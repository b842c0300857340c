// Issue 13 parts 4 and 6 over real HTTP: the month-end forecast and the provider budget, alert
// subscriptions (monitors, dollar and percentage thresholds with any/all, daily and weekly
// digests with a clock) and the rule each delivery names, and the forecast-over-budget alert.
import { defaultMonitor } from "@/lib/cloud/monitors";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, BASE_URL, createTestOrg, createTestProvider, writeCosts, type TestOrg } from "../support/fixtures";
import { insertAnomaly } from "../support/cloud-fixtures";
import { signInNewMember } from "../support/session";
import { db } from "@/lib/db/client";
import { dispatchAnomalyAlerts } from "@/lib/alerts/dispatch";
import { processDueDeliveries } from "@/lib/alerts/deliver";
import { dispatchForecastAlerts } from "@/lib/alerts/forecast-alerts";
import { addDays, dayRange, dayStart } from "@/lib/time";

type ErrorBody = { error: { code: string; message: string } };
type Forecast = { month: string; currency: string; spent_to_date: number; forecast_total: number; lower: number; upper: number; last_month_total: number; budget: number | null; over_budget: boolean; recurring_to_come: number };
type Delivery = { id: string; destination_id: string; event: string; status: string; matched_rule: string | null; anomaly_id: number | null };
type Destination = { id: string; monitor_ids: string[]; min_impact_percent: number; threshold_mode: string; frequency: string; mode: string; forecast_alerts: boolean };

let server: Server;
let receiverUrl: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function call<T>(cookie: string, path: string, method = "GET", body?: unknown) {
  const res = await fetch(`${BASE_URL}${path}`, { method, headers: { cookie, ...(body !== undefined ? { "content-type": "application/json" } : {}) }, body: body !== undefined ? JSON.stringify(body) : undefined });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

// A fixed month: weekdays 100, weekends 60, and a 500 charge on the 20th of every month.
const AS_OF = "2026-03-15";
const spendOn = (day: string) => {
  const weekday = dayStart(day).getUTCDay();
  return (weekday === 0 || weekday === 6 ? 60 : 100) + (day.endsWith("-20") ? 500 : 0);
};
const sum = (days: string[]) => days.reduce((s, d) => s + spendOn(d), 0);

describe("month-end forecast and budget", () => {
  let org: TestOrg;
  let other: TestOrg;
  let providerId: number;
  let admin: string;

  beforeAll(async () => {
    [org, other] = await Promise.all([createTestOrg("pro"), createTestOrg("pro")]);
    providerId = (await createTestProvider(org.id, "Forecast provider")).id;
    await writeCosts(org.id, providerId, dayRange("2025-09-01", AS_OF).map((day) => ({ day, service: "EC2", amount: spendOn(day) })));
    admin = await signInNewMember(org.id, "admin");
  });

  it("forecasts the month from spend so far, the weekly pattern and the recurring charge still to come", async () => {
    const res = await api<{ data: Forecast }>(`/api/v1/providers/${providerId}/forecast?as_of=${AS_OF}`, { key: org.key });
    expect(res.status).toBe(200);
    const f = res.body.data;
    expect(f.month).toBe("2026-03");
    expect(f.currency).toBe("USD");
    expect(f.spent_to_date).toBe(sum(dayRange("2026-03-01", AS_OF)));
    expect(f.last_month_total).toBe(sum(dayRange("2026-02-01", "2026-02-28")));
    const truth = sum(dayRange("2026-03-01", "2026-03-31"));
    expect(Math.abs(f.forecast_total - truth) / truth).toBeLessThan(0.03);
    expect(f.recurring_to_come).toBeGreaterThan(400);
    expect(f.lower).toBeLessThanOrEqual(f.forecast_total);
    expect(f.upper).toBeGreaterThanOrEqual(f.forecast_total);
    expect(f.lower).toBeGreaterThanOrEqual(f.spent_to_date);
    expect(f.budget).toBeNull();
    expect(f.over_budget).toBe(false);
  });

  it("sets the budget on the provider (PATCH) and compares the forecast with it", async () => {
    for (const body of [{}, { budget: -1 }, { budget: "10" }, { budget: 2e12 }, { name: "x", extra: true }]) {
      const bad = await call<ErrorBody>(admin, `/api/internal/providers/${providerId}`, "PATCH", body);
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(typeof bad.body.error.code).toBe("string");
    }
    const analyst = await signInNewMember(org.id, "analyst");
    expect((await call(analyst, `/api/internal/providers/${providerId}`, "PATCH", { budget: 1 })).status).toBe(403);
    const set = await call<{ data: { budget: number | null; name: string } }>(admin, `/api/internal/providers/${providerId}`, "PATCH", { budget: 2500 });
    expect(set.status).toBe(200);
    expect(set.body.data).toMatchObject({ budget: 2500, name: "Forecast provider" });
    const f = (await api<{ data: Forecast }>(`/api/v1/providers/${providerId}/forecast?as_of=${AS_OF}`, { key: org.key })).body.data;
    expect(f).toMatchObject({ budget: 2500, over_budget: true });
    const listed = await api<{ data: Array<{ id: number; budget: number | null }> }>("/api/v1/providers", { key: org.key });
    expect(listed.body.data.find((p) => p.id === providerId)?.budget).toBe(2500);
  });

  it("rejects bad input with 400 and another organization's provider with 404", async () => {
    for (const query of ["?as_of=2026-02-30", "?as_of=1900-01-01", "?as_of=tomorrow", `?as_of=${addDays(AS_OF, 100_000)}`]) {
      const res = await api<ErrorBody>(`/api/v1/providers/${providerId}/forecast${query}`, { key: org.key });
      expect(res.status, query).toBe(400);
      expect(typeof res.body.error.message).toBe("string");
    }
    expect((await api<ErrorBody>(`/api/v1/providers/abc/forecast`, { key: org.key })).status).toBe(400);
    const foreign = await api<ErrorBody>(`/api/v1/providers/${providerId}/forecast?as_of=${AS_OF}`, { key: other.key });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("not_found");
    const otherAdmin = await signInNewMember(other.id, "admin");
    expect((await call(otherAdmin, `/api/internal/providers/${providerId}`, "PATCH", { budget: 1 })).status).toBe(404);
  });

  it("alerts a destination that asks, once per provider and month, when the forecast exceeds the budget", async () => {
    const created = await call<{ data: Destination }>(admin, "/api/internal/alerts/destinations", "POST", { kind: "webhook", name: "Budget", url: receiverUrl, forecast_alerts: true });
    expect(created.status).toBe(201);
    expect(created.body.data.forecast_alerts).toBe(true);
    const clock = new Date(`${AS_OF}T12:00:00Z`);
    expect(await dispatchForecastAlerts(org.id, clock)).toBe(1);
    expect(await dispatchForecastAlerts(org.id, clock)).toBe(0);
    const log = await call<{ data: Delivery[] }>(admin, `/api/internal/alerts/deliveries?destination_id=${created.body.data.id}`);
    expect(log.body.data).toHaveLength(1);
    expect(log.body.data[0].event).toBe("forecast");
    expect(log.body.data[0].matched_rule).toMatch(/^forecast [\d.]+ > budget 2500 USD \(2026-03\)$/);
  });
});

describe("alert subscriptions: rules, monitors, thresholds and digests", () => {
  let org: TestOrg;
  let admin: string;
  let anomalyId: number;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    org = await createTestOrg("pro");
    admin = await signInNewMember(org.id, "admin");
    const providerId = (await createTestProvider(org.id, "Rules provider")).id;
    // 450 against 300 expected: $150 and +50 %. Recent, so it is not too old to alert about.
    anomalyId = (await insertAnomaly(org.id, providerId, { now: new Date(), daysAgo: 1, actual: 450, expected: 300 })).id;
  });

  const create = async (name: string, fields: Record<string, unknown>) => {
    const res = await call<{ data: Destination }>(admin, "/api/internal/alerts/destinations", "POST", { kind: "webhook", name, url: receiverUrl, ...fields });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[name] = res.body.data.id;
    return res.body.data;
  };

  it("stores and returns the subscription fields, with defaults, and validates them", async () => {
    const plain = await create("plain", {});
    expect(plain).toMatchObject({ monitor_ids: [], min_impact_percent: 0, threshold_mode: "any", frequency: "immediate", mode: "immediate", forecast_alerts: false });
    const daily = await create("daily", { frequency: "daily" });
    expect(daily).toMatchObject({ frequency: "daily", mode: "digest" });
    const bad = [
      { threshold_mode: "some" },
      { frequency: "hourly" },
      { min_impact_percent: -1 },
      { min_impact_percent: "5" },
      { monitor_ids: Array.from({ length: 51 }, (_, i) => `m${i}`) },
      { monitor_ids: ["bad id!"] },
      { monitor_ids: "default" },
      { forecast_alerts: "yes" },
    ];
    for (const fields of bad) {
      const res = await call<ErrorBody>(admin, "/api/internal/alerts/destinations", "POST", { kind: "webhook", name: "bad", url: receiverUrl, ...fields });
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.body.error.code).toBe("invalid_body");
    }
    const patched = await call<{ data: Destination }>(admin, `/api/internal/alerts/destinations/${daily.id}`, "PATCH", { frequency: "weekly", min_impact_percent: 10 });
    expect(patched.body.data).toMatchObject({ frequency: "weekly", mode: "digest", min_impact_percent: 10 });
    await call(admin, `/api/internal/alerts/destinations/${daily.id}`, "PATCH", { frequency: "daily", min_impact_percent: 0 });
  });

  it("matches by monitor and by thresholds combined with any / all, and names the rule in the log", async () => {
    await create("any-dollar", { min_impact: 100, min_impact_percent: 80, threshold_mode: "any" });
    await create("any-percent", { min_impact: 1000, min_impact_percent: 40, threshold_mode: "any" });
    await create("all-both", { min_impact: 100, min_impact_percent: 40, threshold_mode: "all" });
    await create("all-fails", { min_impact: 100, min_impact_percent: 60, threshold_mode: "all" });
    // The anomaly belongs to the organization's default (services) monitor.
    const monitor = await defaultMonitor(org.id);
    await db().anomaly.updateMany({ where: { id: anomalyId, orgId: org.id }, data: { monitorId: monitor.id } });
    await create("monitor-default", { monitor_ids: [String(monitor.id)] });
    await create("monitor-other", { monitor_ids: [String(monitor.id + 1000)] });
    await create("weekly", { frequency: "weekly" });
    await dispatchAnomalyAlerts(org.id, [anomalyId], [], new Date());
    const rows = await db().alertDelivery.findMany({ where: { anomalyId } });
    const ruleOf = (name: string) => rows.find((r) => r.destinationId === ids[name])?.matchedRule ?? null;
    expect(ruleOf("plain")).toBe("every anomaly");
    expect(ruleOf("any-dollar")).toBe("impact 150 ≥ 100");
    expect(ruleOf("any-percent")).toBe("deviation 50% ≥ 40%");
    expect(ruleOf("all-both")).toBe("impact 150 ≥ 100 and deviation 50% ≥ 40%");
    expect(ruleOf("all-fails")).toBeNull();
    expect(ruleOf("monitor-default")).toBe(`monitor ${monitor.id}`);
    expect(ruleOf("monitor-other")).toBeNull();
    expect(ruleOf("daily")).toBe("every anomaly (daily digest)");
    expect(rows.find((r) => r.destinationId === ids.daily)?.status).toBe("batched");
    const log = await call<{ data: Delivery[] }>(admin, `/api/internal/alerts/deliveries?destination_id=${ids["all-both"]}`);
    expect(log.body.data[0]).toMatchObject({ anomaly_id: anomalyId, matched_rule: "impact 150 ≥ 100 and deviation 50% ≥ 40%" });
  });

  it("sends a daily digest once its day is over and a weekly one once its week is over (with a clock)", async () => {
    const digestsOf = (name: string) => db().alertDelivery.findMany({ where: { destinationId: ids[name], event: "digest" } });
    const item = await db().alertDelivery.findFirstOrThrow({ where: { destinationId: ids.daily, anomalyId } });
    // Within the day the item was collected in: nothing yet, for either frequency.
    await processDueDeliveries(item.createdAt);
    expect(await digestsOf("daily")).toHaveLength(0);
    expect(await digestsOf("weekly")).toHaveLength(0);
    // The next day the daily digest goes out with its one item; a week later the weekly one
    // surely has (whichever weekday the item was collected on).
    const nextDay = new Date(Date.UTC(item.createdAt.getUTCFullYear(), item.createdAt.getUTCMonth(), item.createdAt.getUTCDate() + 1, 1));
    await processDueDeliveries(nextDay);
    const daily = await digestsOf("daily");
    expect(daily).toHaveLength(1);
    expect(daily[0].matchedRule).toBe("daily digest of 1");
    const weekEnd = new Date(nextDay.getTime() + 7 * 86_400_000);
    await processDueDeliveries(weekEnd);
    const weekly = await digestsOf("weekly");
    expect(weekly).toHaveLength(1);
    expect(weekly[0].matchedRule).toBe("weekly digest of 1");
    expect(await db().alertDelivery.count({ where: { destinationId: { in: [ids.daily, ids.weekly] }, status: "batched" } })).toBe(0);
    const log = await call<{ data: Delivery[] }>(admin, `/api/internal/alerts/deliveries?destination_id=${ids.weekly}`);
    expect(log.body.data.find((d) => d.event === "digest")?.matched_rule).toBe("weekly digest of 1");
  });
});
