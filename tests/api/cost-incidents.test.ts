// The cost job as a user meets it: daily per-service costs posted to the ingest API, one
// detection run, anomalies read back from GET /api/v1/anomalies.
import { describe, expect, it } from "vitest";
import { api, createTestOrg, createTestProvider, type TestOrg } from "../support/fixtures";
import { postSyntheticCosts, type SyntheticClock, type SyntheticService } from "../support/cloud-fixtures";
import { runDetection } from "@/lib/jobs/run-detection";
import { processDueDeliveries } from "@/lib/alerts/deliver";
import { db } from "@/lib/db/client";
import { addDays, dayStart, todayUtc } from "@/lib/time";

type Anomaly = {
  id: number;
  date: string;
  last_date: string;
  days: number;
  impact: number;
  direction: "up" | "down";
  actual_amount: number;
  expected_amount: number;
  expected_upper: number;
  deviation_percent: number;
  severity: string;
  is_resolved: boolean;
  resolved_at: string | null;
  withdrawn_at: string | null;
  top_services: Array<{ service: string; amount: number; vs_expected: number }>;
};

// The API's `days` window follows the server's clock, so the test's clock is the real time;
// every scenario is found by date and holds on any weekday.
const NOW = new Date();
const ago = (n: number) => addDays(todayUtc(NOW), -n);

async function scenario(services: SyntheticService[], clock: Omit<SyntheticClock, "now"> = {}): Promise<{ org: TestOrg; providerId: number; anomalies: Anomaly[] }> {
  const org = await createTestOrg("pro");
  const providerId = (await createTestProvider(org.id, "Incidents")).id;
  await postSyntheticCosts(org.key, providerId, services, { now: NOW, days: 120, seed: 5, ...clock });
  const summary = await runDetection({ now: NOW, orgIds: [org.id], waitForLockMs: 60_000 });
  expect(summary.status).toBe("succeeded");
  return { org, providerId, anomalies: await list(org, providerId) };
}

async function list(org: TestOrg, providerId: number, extra = ""): Promise<Anomaly[]> {
  const res = await api<{ data: Anomaly[] }>(`/api/v1/anomalies?days=130&provider_id=${providerId}${extra}`, { key: org.key });
  expect(res.status).toBe(200);
  return res.body.data;
}

describe("cost incidents through the ingest API and /api/v1/anomalies", () => {
  it("judges each service on its own band: a small service ×10 inside a large noisy bill alarms and is named", async () => {
    const { anomalies } = await scenario([
      { service: "EC2", base: 12_000, noise: 0.08 },
      { service: "RDS", base: 8_000, noise: 0.08 },
      { service: "Lambda", base: 30, noise: 0.03, incidents: { 5: 10 } },
    ]);
    const hit = anomalies.find((a) => a.date === ago(5));
    expect(hit, JSON.stringify(anomalies.map((a) => a.date))).toBeDefined();
    expect(hit!.top_services[0].service).toBe("Lambda");
    expect(hit!.top_services.map((s) => s.service)).toEqual(["Lambda"]);
    expect(hit!.top_services[0].vs_expected).toBeGreaterThan(200);
  });

  it("a new $500/day service alarms on its first day with expected 0; a new $2/day one never does", async () => {
    const { anomalies } = await scenario([
      { service: "EC2", base: 1_000 },
      { service: "S3", base: 200 },
      { service: "Bedrock", base: 500, startsAgo: 6 },
      { service: "SQS", base: 2, startsAgo: 20 },
    ]);
    const first = anomalies.find((a) => a.date === ago(6));
    expect(first).toBeDefined();
    const bedrock = first!.top_services.find((s) => s.service === "Bedrock")!;
    expect(bedrock.amount).toBeCloseTo(bedrock.vs_expected, 2); // expected 0
    expect(anomalies.filter((a) => a.date >= ago(22) && a.date <= ago(18))).toEqual([]);
    // Its later days are learned, not new alarms.
    expect(anomalies.filter((a) => a.date > ago(6))).toEqual([]);
  });

  it("one incident per spike with its extent, impact, and resolution after two in-band days", async () => {
    const { org, anomalies } = await scenario([
      { service: "EC2", base: 500, incidents: { 12: 3, 11: 3, 10: 3 } },
      { service: "S3", base: 120 },
    ]);
    const around = anomalies.filter((a) => a.date >= ago(14) && a.date <= ago(6));
    expect(around).toHaveLength(1);
    const incident = around[0];
    expect(incident.date).toBe(ago(12));
    expect(incident.last_date).toBe(ago(10));
    expect(incident.days).toBe(3);
    // About 3 × $1,000 over expected (weekends spend 80 %).
    expect(incident.impact).toBeGreaterThan(2000);
    expect(incident.impact).toBeLessThan(3300);
    expect(incident.is_resolved).toBe(true);
    expect(incident.resolved_at).toBe(`${ago(7)}T00:00:00Z`); // end of the second in-band day
    expect(incident.direction).toBe("up");
    // The detail carries the same extent.
    const detail = await api<{ data: Anomaly }>(`/api/v1/anomalies/${incident.id}`, { key: org.key });
    expect(detail.body.data).toMatchObject({ last_date: incident.last_date, days: 3, impact: incident.impact, is_resolved: true, resolved_at: incident.resolved_at });
    // About +160 % on its first day (warning by percent) and ~$3,000 moved (critical by
    // money): the lower of the two.
    expect(incident.deviation_percent).toBeGreaterThan(100);
    expect(incident.deviation_percent).toBeLessThan(200);
    expect(incident.severity).toBe("warning");
  });

  it("a lasting level shift is one incident, then the new level is learned", async () => {
    // Begun on the Wednesday 40-46 days ago, whatever the suite's date: see the todo below.
    const shiftAgo = 40 + ((dayStart(ago(40)).getUTCDay() - 3 + 7) % 7);
    const { anomalies } = await scenario([
      { service: "EC2", base: 600, shiftAgo, shiftFactor: 2 },
      { service: "S3", base: 100 },
    ]);
    const after = anomalies.filter((a) => a.date >= ago(shiftAgo + 2));
    expect(after.map((a) => a.date)).toEqual([ago(shiftAgo)]);
    expect(after[0].is_resolved).toBe(true);
  });

  // Known weakness (found 2026-12-02 by running the suite at other dates): a doubling begun on a
  // Saturday is one incident through the next Friday, then the following Monday alarms again
  // (weekday expectations still half-learned), so it shows as two incidents.
  it.todo("a lasting level shift begun on a Saturday is one incident as well");

  it("spend falling to zero is a drop: direction down, negative deviation, one incident", async () => {
    const { org, providerId, anomalies } = await scenario([
      { service: "EC2", base: 800, incidents: { 4: 0, 3: 0, 2: 0, 1: 0 } },
      { service: "S3", base: 200, incidents: { 4: 0, 3: 0, 2: 0, 1: 0 } },
    ]);
    const recent = anomalies.filter((a) => a.date >= ago(6));
    expect(recent).toHaveLength(1);
    expect(recent[0]).toMatchObject({ date: ago(4), direction: "down", last_date: ago(1), days: 4, is_resolved: false });
    expect(recent[0].deviation_percent).toBeLessThanOrEqual(-99);
    expect(recent[0].impact).toBeLessThan(0);
    expect(recent[0].top_services[0].vs_expected).toBeLessThan(0);
    // Begun 4 days ago and still going: inside a 2-day window too.
    const narrow = await api<{ data: Anomaly[] }>(`/api/v1/anomalies?days=2&provider_id=${providerId}`, { key: org.key });
    expect(narrow.body.data.map((a) => a.id)).toEqual([recent[0].id]);
  });

  it("a provider whose data stops arriving is 'data missing', not an alarm storm", async () => {
    const { org, providerId, anomalies } = await scenario([{ service: "EC2", base: 800 }, { service: "S3", base: 200 }], { untilAgo: 6 });
    expect(anomalies.filter((a) => a.date >= ago(8))).toEqual([]);
    const fresh = (await createTestProvider(org.id, "Fresh")).id;
    await postSyntheticCosts(org.key, fresh, [{ service: "EC2", base: 10 }], { now: NOW, days: 10 });
    const empty = (await createTestProvider(org.id, "Empty")).id;
    const res = await api<{ data: Array<{ id: number; data_status: string; last_data_date: string | null }> }>("/api/v1/providers", { key: org.key });
    expect(res.status).toBe(200);
    const byId = new Map(res.body.data.map((p) => [p.id, p]));
    expect(byId.get(providerId)).toMatchObject({ data_status: "missing", last_data_date: ago(6) });
    expect(byId.get(fresh)).toMatchObject({ data_status: "ok", last_data_date: ago(1) });
    expect(byId.get(empty)).toMatchObject({ data_status: "no_data", last_data_date: null });
  });

  it("performance: throughput falling to zero is a drop; latency falling is not an anomaly", async () => {
    const org = await createTestOrg("pro");
    const providerId = (await createTestProvider(org.id, "Perf")).id;
    const points: Array<{ timestamp: string; service: string; metric: string; value: number }> = [];
    for (let n = 90; n >= 1; n--) {
      const wobble = 1 + 0.02 * Math.sin(n * 1.7);
      const down = n <= 3;
      points.push({ timestamp: ago(n), service: "api", metric: "requests", value: down ? 0 : Math.round(50_000 * wobble) });
      points.push({ timestamp: ago(n), service: "api", metric: "p95_latency_ms", value: down ? 20 : 240 * wobble });
    }
    const posted = await api(`/api/v1/providers/${providerId}/metrics`, { method: "POST", key: org.key, body: points });
    expect(posted.status).toBe(200);
    await runDetection({ now: NOW, orgIds: [org.id], waitForLockMs: 60_000 });
    const res = await api<{ data: Array<Anomaly & { metric: string }> }>(`/api/v1/anomalies?days=130&provider_id=${providerId}&type=performance`, { key: org.key });
    const recent = res.body.data.filter((a) => a.date >= ago(5));
    expect(recent.map((a) => [a.metric, a.date, a.direction])).toEqual([["requests", ago(3), "down"]]);
    expect(recent[0].deviation_percent).toBeLessThan(-90);
  });

  it("a run with another floor keeps earlier anomalies, their dismissal and delivery log: withdrawn, not deleted", async () => {
    const { org, providerId, anomalies } = await scenario([
      { service: "EC2", base: 400, incidents: { 9: 3 } },
      { service: "RDS", base: 150, incidents: { 25: 4 } },
    ]);
    const spike = anomalies.find((a) => a.date === ago(9))!;
    const other = anomalies.find((a) => a.date === ago(25))!;
    expect(spike && other).toBeTruthy();
    const destination = await db().alertDestination.create({ data: { orgId: org.id, name: "log", kind: "webhook", url: "http://127.0.0.1:9/hook" } });
    await db().alertDelivery.create({ data: { destinationId: destination.id, anomalyId: spike.id, event: "created", status: "delivered", attempts: 1 } });
    expect((await api(`/api/v1/anomalies/${other.id}/dismiss`, { method: "POST", key: org.key, body: { reason: "known" } })).status).toBe(200);

    const previous = process.env.BANDWATCH_COST_FLOOR;
    process.env.BANDWATCH_COST_FLOOR = "100000";
    try {
      const summary = await runDetection({ now: NOW, orgIds: [org.id], waitForLockMs: 60_000 });
      expect(summary.removed).toBeGreaterThanOrEqual(1);
    } finally {
      if (previous === undefined) delete process.env.BANDWATCH_COST_FLOOR;
      else process.env.BANDWATCH_COST_FLOOR = previous;
    }
    // Hidden by default; the dismissed one stays as it was.
    const visible = await list(org, providerId);
    expect(visible.map((a) => a.id)).not.toContain(spike.id);
    expect(visible.find((a) => a.id === other.id)).toMatchObject({ withdrawn_at: null });
    // Still there with ?include_withdrawn=true, its detail and its delivery log.
    const all = await list(org, providerId, "&include_withdrawn=true");
    expect(all.find((a) => a.id === spike.id)?.withdrawn_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await api(`/api/v1/anomalies/${spike.id}`, { key: org.key })).status).toBe(200);
    expect(await db().alertDelivery.count({ where: { anomalyId: spike.id } })).toBe(1);

    // An alert still waiting to go out (immediate or in a digest) is not sent for a withdrawn anomaly.
    const pending = await db().alertDelivery.create({ data: { destinationId: destination.id, anomalyId: spike.id, event: "created", status: "pending", nextAttemptAt: new Date(0) } });
    const digest = await db().alertDestination.create({ data: { orgId: org.id, name: "digest", kind: "webhook", url: "http://127.0.0.1:9/digest", mode: "digest" } });
    const batched = await db().alertDelivery.create({ data: { destinationId: digest.id, anomalyId: spike.id, event: "created", status: "batched" } });
    await processDueDeliveries(NOW);
    expect(await db().alertDelivery.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({ status: "withdrawn", attempts: 0 });
    expect(await db().alertDelivery.findUniqueOrThrow({ where: { id: batched.id } })).toMatchObject({ status: "withdrawn" });
    expect(await db().alertDelivery.count({ where: { destinationId: digest.id, event: "digest" } })).toBe(0);

    // Back to the default floor: the same anomaly (same id) is shown again.
    await runDetection({ now: NOW, orgIds: [org.id], waitForLockMs: 60_000 });
    expect((await list(org, providerId)).find((a) => a.id === spike.id)).toMatchObject({ withdrawn_at: null });
  });

  it("rejects a malformed include_withdrawn with 400", async () => {
    const org = await createTestOrg("pro");
    const res = await api<{ error: { code: string; message: string } }>("/api/v1/anomalies?include_withdrawn=yes", { key: org.key });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_parameter");
    expect(res.body.error.message).toContain("include_withdrawn");
  });
});
