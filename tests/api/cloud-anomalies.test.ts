// The cloud anomalies API (/api/v1/anomalies) over real HTTP, per the InfraAudit spec.
import { beforeAll, describe, expect, it } from "vitest";
import { api, createTestOrg, createTestProvider, type TestOrg } from "../support/fixtures";
import { insertAnomaly, writeSyntheticCosts } from "../support/cloud-fixtures";
import { runDetection } from "@/lib/jobs/run-detection";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { addDays, todayUtc } from "@/lib/time";

type Anomaly = {
  id: number;
  type: string;
  provider_id: number;
  date: string;
  actual_amount: number;
  expected_amount: number;
  expected_upper: number;
  deviation_percent: number;
  top_services: Array<{ service: string; amount: number; vs_expected: number }>;
  status: string;
  detected_at: string;
};
type Detail = Anomaly & {
  series: Array<{ date: string; actual: number | null; expected: number | null; lower: number | null; upper: number | null }>;
  services: Array<{ service: string; amount: number; expected: number | null; vs_expected: number | null; share: number }>;
  dismissal: null | { reason: string | null; dismissed_by: string | null; dismissed_at: string };
};
type ErrorBody = { error: { code: string; message: string } };

/**
 * The test's one clock. The API's `days` window is relative to the server's clock, so it
 * is the real time; nothing below depends on which weekday that is (anomalies are found
 * by date, expectations hold for weekday and weekend spend alike).
 */
const NOW = new Date();
const TODAY = todayUtc(NOW);

const SPEC_FIELDS = ["id", "type", "provider_id", "date", "actual_amount", "expected_amount", "expected_upper", "deviation_percent", "top_services", "status", "detected_at"];

describe("detection → /api/v1/anomalies", () => {
  let org: TestOrg;
  let providerId: number;
  let spike: Anomaly;

  beforeAll(async () => {
    org = await createTestOrg("pro");
    const provider = await createTestProvider(org.id, "Detection provider");
    providerId = provider.id;
    await writeSyntheticCosts(org.id, providerId, [
      { service: "EC2", base: 500, incidents: { 6: 3 } },
      { service: "S3", base: 120 },
      { service: "Lambda", base: 40, incidents: { 6: 4 } },
      { service: "Route53", base: 0.4, incidents: { 15: 3 } }, // tiny: $0.80 extra must not alarm
    ], { now: NOW });
    const summary = await runDetection({ now: NOW, orgIds: [org.id], waitForLockMs: 60_000 });
    expect(summary.status).toBe("succeeded");
    const res = await api<{ data: Anomaly[] }>("/api/v1/anomalies", { key: org.key });
    expect(res.status).toBe(200);
    const found = res.body.data.find((a) => a.date === addDays(TODAY, -6));
    expect(found, "the injected spike six days ago is detected").toBeDefined();
    spike = found!;
  });

  it("returns every spec field with the spec's types", () => {
    for (const field of SPEC_FIELDS) expect(spike).toHaveProperty(field);
    expect(Number.isInteger(spike.id)).toBe(true);
    expect(spike.type).toBe("cost");
    expect(spike.provider_id).toBe(providerId);
    expect(spike.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const n of [spike.actual_amount, spike.expected_amount, spike.expected_upper, spike.deviation_percent]) expect(typeof n).toBe("number");
    expect(spike.status).toBe("active");
    expect(spike.detected_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  });

  it("flags spend above the upper bound and computes the deviation from expected", () => {
    expect(spike.actual_amount).toBeGreaterThan(spike.expected_upper);
    expect(spike.expected_upper).toBeGreaterThan(spike.expected_amount);
    const deviation = ((spike.actual_amount - spike.expected_amount) / spike.expected_amount) * 100;
    expect(spike.deviation_percent).toBeCloseTo(deviation, 0);
    // 500*3 + 40*4 vs 660 expected on a weekday (or 528 on a weekend): well over +100 %.
    expect(spike.deviation_percent).toBeGreaterThan(100);
  });

  it("ranks top services by vs_expected, largest first, contributors only", () => {
    const names = spike.top_services.map((s) => s.service);
    expect(names[0]).toBe("EC2");
    expect(names).toContain("Lambda");
    expect(names).not.toContain("S3");
    for (let i = 1; i < spike.top_services.length; i++) {
      expect(spike.top_services[i - 1].vs_expected).toBeGreaterThanOrEqual(spike.top_services[i].vs_expected);
    }
    for (const s of spike.top_services) expect(s.vs_expected).toBeGreaterThan(0);
    const ec2 = spike.top_services[0];
    expect(ec2.amount).toBeGreaterThan(1000);
    expect(ec2.vs_expected).toBeGreaterThan(600);
  });

  it("does not alert on a tiny service tripling (cost floor)", async () => {
    const res = await api<{ data: Anomaly[] }>("/api/v1/anomalies?days=90", { key: org.key });
    expect(res.body.data.map((a) => a.date)).not.toContain(addDays(TODAY, -15));
  });

  it("sets detected_at of backfilled days to the end of that day", () => {
    expect(spike.detected_at).toBe(`${addDays(spike.date, 1)}T00:00:00Z`);
  });

  it("re-running detection neither duplicates nor changes anomalies, and keeps dismissals", async () => {
    const before = (await api<{ data: Anomaly[] }>("/api/v1/anomalies?days=90", { key: org.key })).body.data;
    const dismiss = await api(`/api/v1/anomalies/${spike.id}/dismiss`, { method: "POST", key: org.key, body: { reason: "expected load test" } });
    expect(dismiss.status).toBe(200);
    await runDetection({ now: NOW, orgIds: [org.id], waitForLockMs: 60_000 });
    const after = (await api<{ data: Anomaly[] }>("/api/v1/anomalies?days=90", { key: org.key })).body.data;
    expect(after.map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
    expect(after.find((a) => a.id === spike.id)?.status).toBe("dismissed");
  });

  it("detail: series around the anomaly, every service's breakdown, dismissal", async () => {
    const res = await api<{ data: Detail }>(`/api/v1/anomalies/${spike.id}`, { key: org.key });
    expect(res.status).toBe(200);
    const d = res.body.data;
    for (const field of SPEC_FIELDS) expect(d).toHaveProperty(field);
    expect(d.series.length).toBeGreaterThanOrEqual(30);
    expect(d.series[0].date).toBe(addDays(d.date, -30));
    const own = d.series.find((p) => p.date === d.date)!;
    expect(own.actual).toBe(d.actual_amount);
    expect(own.expected).toBe(d.expected_amount);
    expect(own.upper).toBe(d.expected_upper);
    // Days after the anomaly (up to 7, here 5 until yesterday) are included.
    expect(d.series.at(-1)!.date > d.date).toBe(true);
    expect(d.services.map((s) => s.service).sort()).toEqual(["EC2", "Lambda", "Route53", "S3"]);
    const shares = d.services.reduce((sum, s) => sum + s.share, 0);
    expect(shares).toBeCloseTo(1, 2);
    expect(d.dismissal).toMatchObject({ reason: "expected load test" });
    expect(d.dismissal!.dismissed_by).toMatch(/^api-key:bw_/);
  });
});

describe("list filters and defaults", () => {
  let org: TestOrg;
  let p1: number;
  let p2: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    org = await createTestOrg("free"); // the cloud API is available on every plan
    p1 = (await createTestProvider(org.id, "P1")).id;
    p2 = (await createTestProvider(org.id, "P2", "gcp")).id;
    ids.recentCost = (await insertAnomaly(org.id, p1, { now: NOW, daysAgo: 2 })).id;
    ids.perf = (await insertAnomaly(org.id, p1, { now: NOW, daysAgo: 5, type: "performance" })).id;
    ids.dismissed = (await insertAnomaly(org.id, p2, { now: NOW, daysAgo: 10, status: "dismissed" })).id;
    ids.edge = (await insertAnomaly(org.id, p2, { now: NOW, daysAgo: 30 })).id;
    ids.old = (await insertAnomaly(org.id, p1, { now: NOW, daysAgo: 45 })).id;
  });

  const list = async (query = "") => {
    const res = await api<{ data: Anomaly[] }>(`/api/v1/anomalies${query}`, { key: org.key });
    expect(res.status).toBe(200);
    return res.body.data.map((a) => a.id);
  };

  it("defaults to the last 30 days, newest first", async () => {
    expect(await list()).toEqual([ids.recentCost, ids.perf, ids.dismissed, ids.edge]);
  });

  it("days widens and narrows the window", async () => {
    expect(await list("?days=60")).toContain(ids.old);
    expect(await list("?days=3")).toEqual([ids.recentCost]);
    expect(await list("?days=1")).toEqual([]);
  });

  it("filters by provider_id, type and status", async () => {
    expect(await list(`?provider_id=${p2}`)).toEqual([ids.dismissed, ids.edge]);
    expect(await list("?type=performance")).toEqual([ids.perf]);
    expect(await list("?type=cost")).toEqual([ids.recentCost, ids.dismissed, ids.edge]);
    expect(await list("?status=dismissed")).toEqual([ids.dismissed]);
    expect(await list("?status=active")).toEqual([ids.recentCost, ids.perf, ids.edge]);
    expect(await list(`?provider_id=${p1}&type=cost&status=active&days=90`)).toEqual([ids.recentCost, ids.old]);
  });

  it("an unknown provider id simply matches nothing", async () => {
    expect(await list("?provider_id=999999")).toEqual([]);
  });

  it.each([
    ["days=abc", "days"],
    ["days=0", "days"],
    ["days=-5", "days"],
    ["days=1.5", "days"],
    ["days=", "days"],
    ["type=foo", "type"],
    ["status=open", "status"],
    ["provider_id=x", "provider_id"],
    ["provider_id=0", "provider_id"],
  ])("rejects %s with 400 naming the parameter", async (query, name) => {
    const res = await api<ErrorBody>(`/api/v1/anomalies?${query}`, { key: org.key });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_parameter");
    expect(res.body.error.message).toContain(name);
  });

  it("lists providers so clients can find their ids", async () => {
    const res = await api<{ data: Array<{ id: number; kind: string; name: string }> }>("/api/v1/providers", { key: org.key });
    expect(res.status).toBe(200);
    expect(res.body.data.map((p) => [p.id, p.kind, p.name])).toEqual([
      [p1, "aws", "P1"],
      [p2, "gcp", "P2"],
    ]);
  });
});

describe("auth, isolation and errors", () => {
  let a: TestOrg;
  let b: TestOrg;
  let anomalyOfB: number;

  beforeAll(async () => {
    a = await createTestOrg();
    b = await createTestOrg();
    const pb = await createTestProvider(b.id);
    anomalyOfB = (await insertAnomaly(b.id, pb.id, { now: NOW, daysAgo: 1 })).id;
  });

  it("401 without a key, with a malformed header, or with an unknown key", async () => {
    for (const headers of [{} as Record<string, string>, { authorization: "Basic abc" }, { authorization: "Bearer bw_nope" }, { authorization: `Bearer ${a.key}x` }]) {
      const res = await api<ErrorBody>("/api/v1/anomalies", { headers });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }
  });

  it("401 with a revoked key", async () => {
    const { key, record } = await createApiKey(a.id, "to revoke");
    expect((await api("/api/v1/anomalies", { key })).status).toBe(200);
    await revokeApiKey(a.id, record.prefix);
    expect((await api("/api/v1/anomalies", { key })).status).toBe(401);
  });

  it("another organization's anomaly is a 404, never leaked", async () => {
    const detail = await api<ErrorBody>(`/api/v1/anomalies/${anomalyOfB}`, { key: a.key });
    expect(detail.status).toBe(404);
    expect(detail.body.error.code).toBe("not_found");
    const dismiss = await api<ErrorBody>(`/api/v1/anomalies/${anomalyOfB}/dismiss`, { method: "POST", key: a.key, body: {} });
    expect(dismiss.status).toBe(404);
    const list = await api<{ data: Anomaly[] }>("/api/v1/anomalies?days=365", { key: a.key });
    expect(list.body.data.map((x) => x.id)).not.toContain(anomalyOfB);
    // And it is still active for its owner.
    const own = await api<{ data: Detail }>(`/api/v1/anomalies/${anomalyOfB}`, { key: b.key });
    expect(own.body.data.status).toBe("active");
  });

  it("400 for a non-numeric id, 404 for an unknown one", async () => {
    expect((await api<ErrorBody>("/api/v1/anomalies/abc", { key: a.key })).status).toBe(400);
    expect((await api<ErrorBody>("/api/v1/anomalies/99999999", { key: a.key })).status).toBe(404);
  });

  it("405 with the API's error shape for unsupported methods", async () => {
    for (const [method, path] of [
      ["DELETE", "/api/v1/anomalies"],
      ["POST", "/api/v1/anomalies"],
      ["PUT", `/api/v1/anomalies/${anomalyOfB}`],
      ["GET", `/api/v1/anomalies/${anomalyOfB}/dismiss`],
    ]) {
      const res = await api<ErrorBody>(path, { method, key: b.key });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.body.error.code).toBe("method_not_allowed");
      expect(res.headers.get("allow")).toBeTruthy();
    }
  });

  it("unknown endpoints under /api/v1 answer 404 in the API's shape", async () => {
    const res = await api<ErrorBody>("/api/v1/nothing-here", { key: a.key });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});

describe("POST /api/v1/anomalies/{id}/dismiss", () => {
  let org: TestOrg;
  let id: number;

  beforeAll(async () => {
    org = await createTestOrg();
    const p = await createTestProvider(org.id);
    id = (await insertAnomaly(org.id, p.id, { now: NOW, daysAgo: 3 })).id;
  });

  it("rejects bad bodies with 400 and changes nothing", async () => {
    const cases: Array<{ body?: unknown; rawBody?: string }> = [
      { rawBody: '{"reason":' },
      { rawBody: "not json" },
      { body: { reason: "x".repeat(1001) } },
      { body: { reason: 42 } },
      { body: { reason: "ok", extra: true } },
    ];
    for (const c of cases) {
      const res = await api<ErrorBody>(`/api/v1/anomalies/${id}/dismiss`, { method: "POST", key: org.key, ...c, headers: { "content-type": "application/json" } });
      expect(res.status, JSON.stringify(c).slice(0, 60)).toBe(400);
      expect(res.body.error.code).toBe("invalid_body");
    }
    const detail = await api<{ data: Detail }>(`/api/v1/anomalies/${id}`, { key: org.key });
    expect(detail.body.data.status).toBe("active");
  });

  it("dismisses with a reason, records who and when, returns the updated anomaly", async () => {
    const reason = "r".repeat(1000);
    const res = await api<{ data: Detail }>(`/api/v1/anomalies/${id}/dismiss`, { method: "POST", key: org.key, body: { reason } });
    expect(res.status).toBe(200);
    expect(res.body.data.id).toBe(id);
    expect(res.body.data.status).toBe("dismissed");
    expect(res.body.data.dismissal?.reason).toBe(reason);
    expect(res.body.data.dismissal?.dismissed_by).toMatch(/^api-key:/);
    expect(Date.parse(res.body.data.dismissal!.dismissed_at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("dismissing twice is harmless: reason kept unless a new one is given", async () => {
    const first = await api<{ data: Detail }>(`/api/v1/anomalies/${id}`, { key: org.key });
    const again = await api<{ data: Detail }>(`/api/v1/anomalies/${id}/dismiss`, { method: "POST", key: org.key });
    expect(again.status).toBe(200);
    expect(again.body.data.dismissal).toEqual(first.body.data.dismissal);
    const renamed = await api<{ data: Detail }>(`/api/v1/anomalies/${id}/dismiss`, { method: "POST", key: org.key, body: { reason: "new reason" } });
    expect(renamed.body.data.dismissal?.reason).toBe("new reason");
    expect(renamed.body.data.dismissal?.dismissed_at).toBe(first.body.data.dismissal?.dismissed_at);
  });

  it("appears under status=dismissed", async () => {
    const res = await api<{ data: Anomaly[] }>("/api/v1/anomalies?status=dismissed", { key: org.key });
    expect(res.body.data.map((a) => a.id)).toEqual([id]);
  });
});
