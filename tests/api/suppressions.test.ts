// Suppression rules (GET/POST/DELETE /api/v1/suppressions, the dismiss body's suppress_days
// and scope) and the alert simulator (POST /api/v1/simulations), over HTTP against the
// running app; detection runs in process with an explicit clock.
import { beforeAll, describe, expect, it } from "vitest";
import { api, createTestOrg, createTestProvider, type TestOrg } from "../support/fixtures";
import { insertAnomaly, writeSyntheticCosts, type SyntheticService } from "../support/cloud-fixtures";
import { createTestWebsite } from "../support/web-fixtures";
import { runDetection } from "@/lib/jobs/run-detection";
import { db } from "@/lib/db/client";
import { addDays, todayUtc } from "@/lib/time";
import { validateAgainst } from "@/lib/openapi/validate";

type ErrorBody = { error: { code: string; message: string } };
type Rule = { id: number; scope: Record<string, unknown>; until: string; reason: string; created_by: string; created_at: string; active: boolean; matches: number };
type Anomaly = {
  id: number;
  date: string;
  status: string;
  suppressed_by: number | null;
  dismissal?: { reason: string | null; dismissed_by: string | null } | null;
  history?: Array<{ action: string; by: string; reason: string | null; details: Record<string, unknown> | null }>;
};
type Simulation = {
  days: number;
  alerts: number;
  anomalies: Array<{ date: string; type: string; provider_id?: number; metric: string; impact: number; alerted: boolean; suppressed: boolean }>;
  by_week: Array<{ week: string; alerts: number }>;
  current: { alerts: number };
};

// The API's windows follow the server's clock, so the test's clock is the real time; runs
// "in the past" or "in the future" pass their own `now`. Every check is by date.
const NOW = new Date();
const DAY_MS = 86_400_000;
const ago = (n: number) => addDays(todayUtc(NOW), -n);
const at = (daysFromNow: number) => new Date(NOW.getTime() + daysFromNow * DAY_MS);

/** EC2 ×4 on the given days ago: each an incident of about +$3,000 that no setting can miss. */
function bill(spikes: number[]): SyntheticService[] {
  return [
    { service: "EC2", base: 1_000, incidents: Object.fromEntries(spikes.map((d) => [d, 4])) },
    { service: "S3", base: 200 },
  ];
}

async function plantedOrg(spikes: number[]): Promise<{ org: TestOrg; providerId: number }> {
  const org = await createTestOrg("pro");
  const providerId = (await createTestProvider(org.id, "Suppressed")).id;
  // Written straight to the database: an ingest over the API would start the server's own
  // re-detection at the wall clock, and these tests choose when detection runs.
  await writeSyntheticCosts(org.id, providerId, bill(spikes), { now: NOW, days: 120, seed: 11 });
  return { org, providerId };
}

async function detect(org: TestOrg, now: Date) {
  const summary = await runDetection({ now, orgIds: [org.id], waitForLockMs: 60_000 });
  expect(summary.status).toBe("succeeded");
}

async function anomalies(org: TestOrg): Promise<Anomaly[]> {
  const res = await api<{ data: Anomaly[] }>(`/api/v1/anomalies?days=130`, { key: org.key });
  expect(res.status).toBe(200);
  return res.body.data;
}

async function rules(org: TestOrg): Promise<Rule[]> {
  const res = await api<{ data: Rule[] }>("/api/v1/suppressions", { key: org.key });
  expect(res.status).toBe(200);
  return res.body.data;
}

/** A digest destination queues deliveries without sending anything, so the test can count them. */
async function addDestination(orgId: string) {
  await db().alertDestination.create({ data: { orgId, name: "digest", kind: "webhook", url: "http://127.0.0.1:9/hook", mode: "digest" } });
}
const deliveriesOf = (anomalyId: number) => db().alertDelivery.count({ where: { anomalyId } });

describe("dismiss with suppress_days", () => {
  it("creates a rule that records the next run's matching anomaly as dismissed and unalerted; deleting the rule keeps it", async () => {
    const { org, providerId } = await plantedOrg([40, 2]);
    await addDestination(org.id);
    await detect(org, at(-29));
    const first = (await anomalies(org)).find((a) => a.date === ago(40));
    expect(first?.status).toBe("active");

    const dismissed = await api<{ data: Anomaly }>(`/api/v1/anomalies/${first!.id}/dismiss`, {
      method: "POST",
      key: org.key,
      body: { reason: "quarterly load test", suppress_days: 60, scope: "series" },
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.data.status).toBe("dismissed");
    const [rule] = await rules(org);
    expect(rule).toMatchObject({ scope: { provider_id: providerId, metric: "cost" }, reason: "quarterly load test", active: true, matches: 0 });
    expect(rule.created_by).toMatch(/^api-key:/);
    expect(new Date(rule.until).getTime() - Date.now()).toBeGreaterThan(59 * DAY_MS);

    await detect(org, NOW);
    // Two days old: recent enough to be alerted (BANDWATCH_ALERT_MAX_AGE_DAYS 3) were it not suppressed.
    const next = (await anomalies(org)).find((a) => a.date === ago(2));
    expect(next).toMatchObject({ status: "dismissed", suppressed_by: rule.id });
    const detail = await api<{ data: Anomaly }>(`/api/v1/anomalies/${next!.id}`, { key: org.key });
    expect(detail.body.data.dismissal).toMatchObject({ reason: "quarterly load test", dismissed_by: `suppression:${rule.id}` });
    // Its history says why it was never active: detected, then dismissed by the rule.
    expect(detail.body.data.history?.map((h) => h.action)).toEqual(["detected", "dismissed"]);
    expect(detail.body.data.history?.[1]).toMatchObject({ by: `suppression:${rule.id}`, reason: "quarterly load test", details: { via: "suppression", rule_id: rule.id } });
    expect(await deliveriesOf(next!.id)).toBe(0);
    expect((await rules(org))[0].matches).toBe(1);

    expect((await api(`/api/v1/suppressions/${rule.id}`, { method: "DELETE", key: org.key })).status).toBe(204);
    expect((await api<ErrorBody>(`/api/v1/suppressions/${rule.id}`, { method: "DELETE", key: org.key })).status).toBe(404);
    expect(await rules(org)).toEqual([]);
    expect((await anomalies(org)).find((a) => a.id === next!.id)).toMatchObject({ status: "dismissed", suppressed_by: rule.id });
    const audit = await db().auditEntry.findMany({ where: { orgId: org.id, action: { startsWith: "suppression." } }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["suppression.create", "suppression.delete"]);
  });

  it("scope 'service' matches the same top service; bad suppress_days or scope is a 400 that dismisses nothing", async () => {
    const org = await createTestOrg();
    const p = await createTestProvider(org.id);
    const id = (await insertAnomaly(org.id, p.id, { now: NOW, daysAgo: 3 })).id;
    const bad: unknown[] = [{ suppress_days: 0 }, { suppress_days: 366 }, { suppress_days: "5" }, { suppress_days: 1.5 }, { suppress_days: 5, scope: "all" }, { scope: "series" }];
    for (const body of bad) {
      const res = await api<ErrorBody>(`/api/v1/anomalies/${id}/dismiss`, { method: "POST", key: org.key, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("invalid_body");
    }
    expect((await anomalies(org))[0].status).toBe("active");
    expect(await rules(org)).toEqual([]);

    const ok = await api(`/api/v1/anomalies/${id}/dismiss`, { method: "POST", key: org.key, body: { suppress_days: 7, scope: "service" } });
    expect(ok.status).toBe(200);
    const [rule] = await rules(org);
    expect(rule.scope).toEqual({ provider_id: p.id, service: "EC2" });
    expect(rule.reason).toBe("Dismissed");
  });
});

describe("rule expiry", () => {
  it("suppresses while in force; after `until` new anomalies alert again and nothing is retro-alerted", async () => {
    const { org, providerId } = await plantedOrg([40, 6, 2]);
    await addDestination(org.id);
    const created = await api<{ data: Rule }>("/api/v1/suppressions", {
      method: "POST",
      key: org.key,
      body: { scope: { provider_id: providerId }, until: at(0.5).toISOString(), reason: "migration week" },
    });
    expect(created.status).toBe(201);
    const rule = created.body.data;
    expect(rule).toMatchObject({ scope: { provider_id: providerId }, reason: "migration week", active: true, matches: 0 });

    await detect(org, at(-5)); // the rule is in force; the spike 2 days ago is not in the data yet
    const during = await anomalies(org);
    const suppressed = during.filter((a) => a.date === ago(40) || a.date === ago(6));
    expect(suppressed).toHaveLength(2);
    for (const a of suppressed) expect(a).toMatchObject({ status: "dismissed", suppressed_by: rule.id });

    await detect(org, at(1)); // the rule has expired
    const after = await anomalies(org);
    const fresh = after.find((a) => a.date === ago(2));
    expect(fresh).toMatchObject({ status: "active", suppressed_by: null });
    expect(await deliveriesOf(fresh!.id)).toBeGreaterThan(0);
    for (const a of suppressed) {
      expect(after.find((b) => b.id === a.id)).toMatchObject({ status: "dismissed", suppressed_by: rule.id });
      expect(await deliveriesOf(a.id)).toBe(0);
    }
    // `matches` counts every anomaly the rule dismissed: the two spikes, and whatever else the
    // provider's history holds on the suite's date (its first weeks may hold a start-up alarm).
    const matched = during.filter((a) => a.suppressed_by === rule.id).length;
    expect(matched).toBeGreaterThanOrEqual(2);
    expect((await rules(org))[0]).toMatchObject({ id: rule.id, matches: matched });
  });
});

describe("/api/v1/suppressions input and isolation", () => {
  let org: TestOrg;
  let other: TestOrg;
  let providerId: number;
  let otherProvider: number;
  let otherWebsite: string;

  beforeAll(async () => {
    org = await createTestOrg();
    other = await createTestOrg();
    providerId = (await createTestProvider(org.id)).id;
    otherProvider = (await createTestProvider(other.id)).id;
    otherWebsite = (await createTestWebsite(other.id)).id;
  });

  it("rejects bad bodies with 400 invalid_body", async () => {
    const bad: unknown[] = [
      {},
      { scope: {} },
      { scope: { provider_id: "1" } },
      { scope: { metric: "" } },
      { scope: { service: "x".repeat(201) } },
      { scope: { website_id: "not-a-uuid" } },
      { scope: { metric: "cost" }, days: 0 },
      { scope: { metric: "cost" }, days: 366 },
      { scope: { metric: "cost" }, until: "tomorrow" },
      { scope: { metric: "cost" }, until: "2026-02-30" },
      { scope: { metric: "cost" }, until: "2030-02-30T10:00:00Z" },
      { scope: { metric: "cost" }, until: ago(1) },
      { scope: { metric: "cost" }, until: addDays(todayUtc(NOW), 400) },
      { scope: { metric: "cost" }, until: addDays(todayUtc(NOW), 10), days: 5 },
      { scope: { metric: "cost" }, reason: "x".repeat(1001) },
      { scope: { metric: "cost", extra: 1 } },
      { scope: { metric: "cost" }, extra: 1 },
    ];
    for (const body of bad) {
      const res = await api<ErrorBody>("/api/v1/suppressions", { method: "POST", key: org.key, body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe("invalid_body");
    }
    expect((await api<ErrorBody>("/api/v1/suppressions", { method: "POST", key: org.key, rawBody: "{", headers: { "content-type": "application/json" } })).status).toBe(400);
    expect(await rules(org)).toEqual([]);
  });

  it("another organization's provider, website or rule is a 404; bad ids are 400; no key is 401", async () => {
    for (const scope of [{ provider_id: otherProvider }, { website_id: otherWebsite, metric: "visitors" }]) {
      const res = await api<ErrorBody>("/api/v1/suppressions", { method: "POST", key: org.key, body: { scope } });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("not_found");
    }
    const theirs = await api<{ data: Rule }>("/api/v1/suppressions", { method: "POST", key: other.key, body: { scope: { provider_id: otherProvider }, days: 3 } });
    expect(theirs.status).toBe(201);
    expect((await api(`/api/v1/suppressions/${theirs.body.data.id}`, { method: "DELETE", key: org.key })).status).toBe(404);
    expect(await rules(org)).toEqual([]);
    expect((await rules(other)).map((r) => r.id)).toEqual([theirs.body.data.id]);
    expect((await api<ErrorBody>("/api/v1/suppressions/abc", { method: "DELETE", key: org.key })).status).toBe(400);
    expect((await api<ErrorBody>("/api/v1/suppressions/0", { method: "DELETE", key: org.key })).status).toBe(400);
    expect((await api("/api/v1/suppressions")).status).toBe(401);
    expect((await api("/api/v1/suppressions", { method: "PUT", key: org.key, body: {} })).status).toBe(405);
  });

  it("defaults to 30 days and the given reason; lists newest first", async () => {
    const a = await api<{ data: Rule }>("/api/v1/suppressions", { method: "POST", key: org.key, body: { scope: { provider_id: providerId, service: "EC2" }, reason: "  rightsizing  " } });
    expect(a.status).toBe(201);
    expect(a.body.data.reason).toBe("rightsizing");
    const days = (new Date(a.body.data.until).getTime() - new Date(a.body.data.created_at).getTime()) / DAY_MS;
    expect(days).toBeCloseTo(30, 5);
    const b = await api<{ data: Rule }>("/api/v1/suppressions", { method: "POST", key: org.key, body: { scope: { account_id: "123456789012" }, until: addDays(todayUtc(NOW), 3) } });
    expect(b.status).toBe(201);
    expect(b.body.data.until).toBe(`${addDays(todayUtc(NOW), 4)}T00:00:00.000Z`); // the end of that day
    expect((await rules(org)).map((r) => r.id)).toEqual([b.body.data.id, a.body.data.id]);
  });
});

describe("POST /api/v1/simulations", () => {
  let org: TestOrg;
  let providerId: number;

  beforeAll(async () => {
    // No two spikes 28-31, 59-62 or 89-92 days apart: near a month end such a pair is what a
    // month-end batch looks like (the detector's calendar recurrence), and whether the pair
    // falls near a month end depends on the day the suite runs.
    ({ org, providerId } = await plantedOrg([45, 20, 10]));
  });

  const simulate = (body: unknown, key = org.key) => api<{ data: Simulation }>("/api/v1/simulations", { method: "POST", key, body });

  it("counts the planted incidents over the stored data without writing anything", async () => {
    const res = await simulate({ min_impact: 1000 });
    expect(res.status).toBe(200);
    const sim = res.body.data;
    expect(sim.days).toBe(90);
    expect(sim.alerts).toBe(3);
    expect(sim.anomalies.filter((a) => a.alerted).map((a) => a.date)).toEqual([ago(10), ago(20), ago(45)]);
    for (const a of sim.anomalies.filter((x) => x.alerted)) expect(a).toMatchObject({ type: "cost", provider_id: providerId, metric: "cost" });
    expect(sim.anomalies.find((a) => a.date === ago(10))!.impact).toBeGreaterThan(2000);
    expect(sim.by_week.reduce((s, w) => s + w.alerts, 0)).toBe(3);
    expect(sim.by_week.every((w) => new Date(`${w.week}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(sim.current.alerts).toBeGreaterThanOrEqual(3);
    expect(await db().anomaly.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("narrows by days, cost floor and suppressions; `current` is what detection really records", async () => {
    const short = (await simulate({ days: 15, min_impact: 1000 })).body.data;
    expect(short.alerts).toBe(1);
    expect(short.anomalies.every((a) => a.date >= ago(14))).toBe(true);

    const floor = (await simulate({ cost_floor: 50_000 })).body.data;
    expect(floor.alerts).toBe(0);
    expect(floor.anomalies).toEqual([]);

    const suppressed = (await simulate({ min_impact: 1000, suppressions: [{ scope: { provider_id: providerId } }] })).body.data;
    expect(suppressed.alerts).toBe(0);
    expect(suppressed.anomalies.filter((a) => a.date === ago(10))).toMatchObject([{ suppressed: true, alerted: false }]);
    const partly = (await simulate({ min_impact: 1000, suppressions: [{ scope: { provider_id: providerId }, until: ago(15) }] })).body.data;
    expect(partly.alerts).toBe(1);

    const today = (await simulate({})).body.data;
    await detect(org, NOW);
    const recorded = (await anomalies(org)).filter((a) => a.status === "active" && a.date >= ago(89));
    expect(today.current.alerts).toBe(recorded.length);
    expect(today.alerts).toBe(today.current.alerts);
  });

  it("rejects bad bodies with 400 and sees only the caller's organization", async () => {
    const bad: unknown[] = [
      { days: 0 },
      { days: 181 },
      { days: "90" },
      { days: 1.5 },
      { sensitivity: 2 },
      { sensitivity: -0.1 },
      { cost_floor: -1 },
      { min_impact: "5" },
      { min_impact_percent: -3 },
      { suppressions: [{ scope: {} }] },
      { suppressions: [{ scope: { metric: "cost" }, until: "soon" }] },
      { suppressions: [{ scope: { metric: "cost" }, until: "2026-02-30T00:00:00Z" }] },
      { suppressions: Array.from({ length: 51 }, () => ({ scope: { metric: "cost" } })) },
      { extra: true },
    ];
    for (const body of bad) {
      const res = await api<ErrorBody>("/api/v1/simulations", { method: "POST", key: org.key, body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe("invalid_body");
    }
    const other = await createTestOrg();
    const theirs = (await simulate({}, other.key)).body.data;
    expect(theirs).toMatchObject({ alerts: 0, anomalies: [], current: { alerts: 0 } });
    expect((await api("/api/v1/simulations", { method: "POST", body: {} })).status).toBe(401);
    expect((await api("/api/v1/simulations", { key: org.key })).status).toBe(405);
  });
});

describe("the OpenAPI document describes the answers", () => {
  it("validates the rule list, a new rule and a simulation against /api/openapi.json", async () => {
    type Doc = { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }> }>> };
    const doc = (await api<Doc>("/api/openapi.json")).body;
    const schemaOf = (p: string, method: string, status: number) => doc.paths[p]?.[method]?.responses[String(status)]?.content?.["application/json"]?.schema ?? {};
    const { org, providerId } = await plantedOrg([10]);
    const created = await api("/api/v1/suppressions", { method: "POST", key: org.key, body: { scope: { provider_id: providerId }, days: 2 } });
    expect(validateAgainst(schemaOf("/api/v1/suppressions", "post", 201), created.body)).toEqual([]);
    expect(validateAgainst(schemaOf("/api/v1/suppressions", "get", 200), (await api("/api/v1/suppressions", { key: org.key })).body)).toEqual([]);
    const simulation = await api("/api/v1/simulations", { method: "POST", key: org.key, body: { days: 30 } });
    expect(simulation.status).toBe(200);
    expect(validateAgainst(schemaOf("/api/v1/simulations", "post", 200), simulation.body)).toEqual([]);
    expect(Object.keys(schemaOf("/api/v1/simulations", "post", 200))).not.toEqual([]);
  });
});
