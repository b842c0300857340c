// Issue 13 part 5: feedback, reopen and the history of an anomaly over real HTTP, the
// history the detection sync writes, and the "not accurate" rule applied to later drafts.
import { beforeAll, describe, expect, it } from "vitest";
import { api, BASE_URL, createTestOrg, createTestProvider, type TestOrg } from "../support/fixtures";
import { insertAnomaly } from "../support/cloud-fixtures";
import { createTestWebsite, insertWebAnomaly } from "../support/web-fixtures";
import { signInNewMember } from "../support/session";
import { recordAnomalyEvents } from "@/lib/anomalies/history";
import { db } from "@/lib/db/client";
import { syncAnomalies, type AnomalyDraft } from "@/lib/anomalies/store";
import { FEEDBACK_SIMILAR_FACTOR, FEEDBACK_WINDOW_DAYS } from "@/lib/anomalies/feedback";
import { addDays, dayEnd, dayStart } from "@/lib/time";

type History = Array<{ action: string; at: string; by: string; reason: string | null; feedback: string | null; details: Record<string, unknown> }>;
type Detail = { id: number; status: string; history: History; feedback: string | null; dismissal: null | { reason: string | null } };
type ErrorBody = { error: { code: string; message: string } };

// Fixed days: nothing here depends on today's date.
const NOW = new Date("2026-06-10T12:00:00.000Z");

function draft(seriesKey: string, day: string, actual: number, expected: number, over: Partial<AnomalyDraft> = {}): AnomalyDraft {
  return {
    type: "cost",
    providerId: null,
    metric: "cost",
    seriesKey,
    day,
    periodStart: dayStart(day),
    periodEnd: dayEnd(day),
    peakAt: dayStart(day),
    actual,
    expected,
    expectedLower: expected * 0.8,
    expectedUpper: expected * 1.2,
    deviationPercent: ((actual - expected) / expected) * 100,
    severity: "warning",
    direction: "up",
    score: 1,
    topServices: [],
    ...over,
  };
}

const actions = (history: History) => history.map((e) => e.action);

describe("feedback, reopen and history (/api/v1/anomalies/{id})", () => {
  let org: TestOrg;
  let other: TestOrg;
  let providerId: number;

  beforeAll(async () => {
    [org, other] = await Promise.all([createTestOrg("pro"), createTestOrg("pro")]);
    providerId = (await createTestProvider(org.id, "Feedback provider")).id;
  });

  const detail = async (id: number) => (await api<{ data: Detail }>(`/api/v1/anomalies/${id}`, { key: org.key })).body.data;

  it("starts every detail's history with its detection, oldest first", async () => {
    const anomaly = await insertAnomaly(org.id, providerId, { now: NOW, daysAgo: 3 });
    const d = await detail(anomaly.id);
    expect(d.history).toEqual([{ action: "detected", at: anomaly.detectedAt.toISOString(), by: "system", reason: null, feedback: null, details: {} }]);
    expect(d.feedback).toBeNull();
  });

  it("records accurate feedback in the history and the audit log without changing the status", async () => {
    const anomaly = await insertAnomaly(org.id, providerId, { now: NOW, daysAgo: 4 });
    const res = await api<{ data: Detail }>(`/api/v1/anomalies/${anomaly.id}/feedback`, { method: "POST", key: org.key, body: { feedback: "accurate", note: "  real spike  " } });
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe("active");
    expect(res.body.data.feedback).toBe("accurate");
    expect(actions(res.body.data.history)).toEqual(["detected", "feedback"]);
    expect(res.body.data.history[1]).toMatchObject({ feedback: "accurate", reason: "real spike" });
    expect(res.body.data.history[1].by).toMatch(/^api-key:/);
    const audit = await db().auditEntry.findMany({ where: { orgId: org.id, action: "anomaly.feedback", targetId: String(anomaly.id) } });
    expect(audit).toHaveLength(1);
  });

  it("treats planned feedback as a dismissal, and reopen undoes it (idempotently)", async () => {
    const anomaly = await insertAnomaly(org.id, providerId, { now: NOW, daysAgo: 5 });
    const planned = await api<{ data: Detail }>(`/api/v1/anomalies/${anomaly.id}/feedback`, { method: "POST", key: org.key, body: { feedback: "planned" } });
    expect(planned.status).toBe(200);
    expect(planned.body.data.status).toBe("dismissed");
    expect(planned.body.data.dismissal?.reason).toBe("Planned activity");
    expect(actions(planned.body.data.history)).toEqual(["detected", "dismissed", "feedback"]);

    const reopened = await api<{ data: Detail }>(`/api/v1/anomalies/${anomaly.id}/reopen`, { method: "POST", key: org.key });
    expect(reopened.status).toBe(200);
    expect(reopened.body.data.status).toBe("active");
    expect(reopened.body.data.dismissal).toBeNull();
    expect(actions(reopened.body.data.history)).toEqual(["detected", "dismissed", "feedback", "reopened"]);
    const again = await api<{ data: Detail }>(`/api/v1/anomalies/${anomaly.id}/reopen`, { method: "POST", key: org.key });
    expect(again.status).toBe(200);
    expect(actions(again.body.data.history)).toEqual(["detected", "dismissed", "feedback", "reopened"]);
    expect(await db().auditEntry.count({ where: { orgId: org.id, action: "anomaly.reopen", targetId: String(anomaly.id) } })).toBe(1);

    // The ordinary dismissal and a reopen of it also show up.
    await api(`/api/v1/anomalies/${anomaly.id}/dismiss`, { method: "POST", key: org.key, body: { reason: "again" } });
    expect(actions((await detail(anomaly.id)).history).slice(-1)).toEqual(["dismissed"]);
  });

  it("rejects bad input with 400 in the one error shape, and other organizations' anomalies with 404", async () => {
    const anomaly = await insertAnomaly(org.id, providerId, { now: NOW, daysAgo: 6 });
    const path = `/api/v1/anomalies/${anomaly.id}/feedback`;
    for (const body of [{ feedback: "maybe" }, {}, { feedback: "accurate", note: "x".repeat(1001) }, { feedback: "accurate", extra: 1 }, { feedback: 1 }]) {
      const res = await api<ErrorBody>(path, { method: "POST", key: org.key, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(typeof res.body.error.code).toBe("string");
      expect(typeof res.body.error.message).toBe("string");
    }
    expect((await api<ErrorBody>(`/api/v1/anomalies/abc/feedback`, { method: "POST", key: org.key, body: { feedback: "accurate" } })).status).toBe(400);
    expect((await api<ErrorBody>(`/api/v1/anomalies/abc/reopen`, { method: "POST", key: org.key })).status).toBe(400);
    const foreign = await api<ErrorBody>(path, { method: "POST", key: other.key, body: { feedback: "accurate" } });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("not_found");
    expect((await api<ErrorBody>(`/api/v1/anomalies/${anomaly.id}/reopen`, { method: "POST", key: other.key })).status).toBe(404);
    expect((await api<ErrorBody>(`/api/v1/anomalies/2147483000/reopen`, { method: "POST", key: org.key })).status).toBe(404);
    expect((await api(path, { method: "POST", key: null, body: { feedback: "accurate" } })).status).toBe(401);
    expect((await detail(anomaly.id)).history).toHaveLength(1);
  });
});

describe("the detection sync's history and the not-accurate rule", () => {
  let org: TestOrg;

  beforeAll(async () => {
    org = await createTestOrg("pro");
  });

  const storedId = async (seriesKey: string, day: string) =>
    (await db().anomaly.findUnique({ where: { seriesKey_periodStart: { seriesKey, periodStart: dayStart(day) } } }))?.id ?? null;
  const historyOf = async (id: number) => (await api<{ data: Detail }>(`/api/v1/anomalies/${id}`, { key: org.key })).body.data.history;

  it("records detected, escalated, resolved and withdrawn", async () => {
    const key = `hist:${org.id}`;
    const day = "2026-05-01";
    await syncAnomalies(org.id, [key], [draft(key, day, 450, 300)], NOW);
    const id = (await storedId(key, day))!;
    await syncAnomalies(org.id, [key], [draft(key, day, 900, 300, { severity: "critical" })], NOW);
    await syncAnomalies(org.id, [key], [draft(key, day, 900, 300, { severity: "critical", isResolved: true, resolvedAt: NOW })], NOW);
    await syncAnomalies(org.id, [key], [], NOW, { removeStale: true });
    const history = await historyOf(id);
    expect(actions(history)).toEqual(["detected", "escalated", "resolved", "withdrawn"]);
    expect(history[1].details).toEqual({ from: "warning", to: "critical" });
    // Withdrawing again records nothing new.
    await syncAnomalies(org.id, [key], [], NOW, { removeStale: true });
    expect(await historyOf(id)).toHaveLength(4);
  });

  it("does not raise look-alikes of an anomaly marked not accurate, within its window and size bound", async () => {
    const key = `rule:${org.id}`;
    const first = "2026-05-01";
    await syncAnomalies(org.id, [key], [draft(key, first, 400, 300)], NOW);
    const rejected = (await storedId(key, first))!;
    const res = await api(`/api/v1/anomalies/${rejected}/feedback`, { method: "POST", key: org.key, body: { feedback: "not_accurate" } });
    expect(res.status).toBe(200);

    const similar = addDays(first, 7);
    const larger = addDays(first, 8);
    const late = addDays(first, FEEDBACK_WINDOW_DAYS + 1);
    const drafts = [
      draft(key, first, 400, 300),
      draft(key, similar, 300 + 100 * FEEDBACK_SIMILAR_FACTOR, 300), // exactly at the bound: muted
      draft(key, larger, 300 + 100 * FEEDBACK_SIMILAR_FACTOR + 50, 300), // beyond it: raised
      draft(key, late, 400, 300), // after the window: raised
    ];
    await syncAnomalies(org.id, [key], drafts, NOW);
    expect(await storedId(key, first)).toBe(rejected);
    expect(await storedId(key, similar)).toBeNull();
    expect(await storedId(key, larger)).not.toBeNull();
    expect(await storedId(key, late)).not.toBeNull();

    // Marking it accurate again lifts the rule.
    await api(`/api/v1/anomalies/${rejected}/feedback`, { method: "POST", key: org.key, body: { feedback: "accurate" } });
    await syncAnomalies(org.id, [key], drafts, NOW);
    expect(await storedId(key, similar)).not.toBeNull();
  });
});

describe("web anomalies: the detail's history (/api/v1/web-anomalies/{id})", () => {
  it("answers the web anomaly with its history, 404 for another organization, 400 for a bad id", async () => {
    const [org, other] = await Promise.all([createTestOrg("pro"), createTestOrg("pro")]);
    const website = await createTestWebsite(org.id);
    const anomaly = await insertWebAnomaly(org.id, website.id, { detectedAt: NOW });
    await recordAnomalyEvents([{ orgId: org.id, anomalyId: anomaly.id, action: "resolved", by: "system", at: new Date(NOW.getTime() + 3_600_000) }]);
    const cookie = await signInNewMember(org.id, "analyst");
    const path = `/api/v1/web-anomalies/anom_${anomaly.publicId}`;
    const res = await fetch(`${BASE_URL}${path}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { id: string; metric_name: string; history: History; feedback: string | null } };
    expect(body.data.id).toBe(`anom_${anomaly.publicId}`);
    expect(body.data.metric_name).toBe("visitors");
    expect(actions(body.data.history)).toEqual(["detected", "resolved"]);
    expect(body.data.feedback).toBeNull();

    const otherCookie = await signInNewMember(other.id, "analyst");
    expect((await fetch(`${BASE_URL}${path}`, { headers: { cookie: otherCookie } })).status).toBe(404);
    const bad = await fetch(`${BASE_URL}/api/v1/web-anomalies/nope`, { headers: { cookie } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorBody).error.code).toBe("invalid_parameter");
  });
});
