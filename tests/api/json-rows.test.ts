// The one-parameter bulk writes (lib/db/json-rows.ts) that detection stores its anomalies,
// events and bands with: what they store must read back through the ORM exactly as if the ORM
// had written it (types, nulls, JSON, enums, timestamps), figures bit for bit, a duplicate is
// skipped instead of failing the batch, and an update never reaches another organization's row.
import { describe, expect, it } from "vitest";
import { createTestOrg, createTestProvider } from "../support/fixtures";
import { db } from "@/lib/db/client";
import { insertNewAnomalies, newAnomalyRow, updateJudgedAnomalies } from "@/lib/anomalies/anomaly-rows";
import { recordAnomalyEvents } from "@/lib/anomalies/history";
import { syncAnomalies, type AnomalyDraft } from "@/lib/anomalies/store";

/** Figures whose shortest form needs 17 digits: a write that keeps fewer changes them. */
const AWKWARD = [252.42857549798737, 0.30000000000000004, 1154.3500000000022, 1e-7 / 3, -512.0599999999995];

function draftFor(providerId: number, day: string, overrides: Partial<AnomalyDraft> = {}): AnomalyDraft {
  return {
    type: "cost",
    providerId,
    metric: "cost",
    seriesKey: `cost:${providerId}`,
    day,
    periodStart: new Date(`${day}T00:00:00Z`),
    periodEnd: new Date(`${day}T23:59:59.999Z`),
    peakAt: new Date(`${day}T00:00:00Z`),
    actual: AWKWARD[0],
    expected: AWKWARD[1],
    expectedLower: AWKWARD[3],
    expectedUpper: AWKWARD[2],
    deviationPercent: 12.5,
    severity: "warning",
    direction: "down",
    score: AWKWARD[4],
    topServices: [{ service: "EC2 \"quoted\" ✓", amount: 1.5, vs_expected: -0.25 }],
    isResolved: true,
    resolvedAt: new Date(`${day}T12:00:00.123Z`),
    lastDay: day,
    days: 3,
    impact: AWKWARD[2],
    monitor: { monitorId: null, dimensionKey: "account", dimensionValue: "123", rootCauses: [] },
    ...overrides,
  };
}

describe("bulk JSON rows: stored as the ORM would store them", () => {
  it("inserts anomalies with every column as the ORM reads it, figures exact, duplicates skipped", async () => {
    const org = await createTestOrg();
    const provider = await createTestProvider(org.id);
    const now = new Date("2026-03-04T05:06:07.089Z");
    const drafts = [draftFor(provider.id, "2026-03-01"), draftFor(provider.id, "2026-03-02", { monitor: undefined, direction: "up", severity: "critical" })];
    const rows = drafts.map((d) => newAnomalyRow(org.id, d, now, {}, now));
    const ids = await insertNewAnomalies(rows);
    expect(ids.every((id) => typeof id === "number")).toBe(true);

    const stored = await db().anomaly.findMany({ where: { orgId: org.id }, orderBy: { day: "asc" } });
    expect(stored.map((a) => a.id)).toEqual(ids);
    const [first, second] = stored;
    expect(first.actual).toBe(AWKWARD[0]);
    expect(first.expected).toBe(AWKWARD[1]);
    expect(first.expectedLower).toBe(AWKWARD[3]);
    expect(first.expectedUpper).toBe(AWKWARD[2]);
    expect(first.score).toBe(AWKWARD[4]);
    expect(first.impact).toBe(AWKWARD[2]);
    expect(first.topServices).toEqual(drafts[0].topServices);
    expect(first.periodStart.toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(first.resolvedAt?.toISOString()).toBe("2026-03-01T12:00:00.123Z");
    expect(first.detectedAt.toISOString()).toBe(now.toISOString());
    expect(first).toMatchObject({ status: "active", severity: "warning", direction: "down", isResolved: true, provisional: false, days: 3, dimensionKey: "account", dimensionValue: "123", withdrawnAt: null, explainedBy: null, segmentDimension: null });
    expect(first.rootCauses).toEqual([]);
    expect(first.publicId).toMatch(/^[0-9a-f-]{36}$/);
    // The schema's defaults for a draft without a monitor.
    expect(second).toMatchObject({ severity: "critical", direction: "up", monitorId: null, dimensionKey: null, causeAccounts: "", causeRegions: "" });

    // The same (seriesKey, periodStart) again: skipped (undefined), the stored row untouched.
    const again = await insertNewAnomalies([newAnomalyRow(org.id, { ...drafts[0], actual: 1 }, now, {}, now), newAnomalyRow(org.id, draftFor(provider.id, "2026-03-03"), now, {}, now)]);
    expect(again[0]).toBeUndefined();
    expect(typeof again[1]).toBe("number");
    expect((await db().anomaly.findUniqueOrThrow({ where: { id: ids[0]! } })).actual).toBe(AWKWARD[0]);
  });

  it("updates figures exactly, within the organization only", async () => {
    const org = await createTestOrg();
    const other = await createTestOrg();
    const provider = await createTestProvider(org.id);
    const now = new Date("2026-03-04T00:00:00Z");
    const [id] = await insertNewAnomalies([newAnomalyRow(org.id, draftFor(provider.id, "2026-03-01"), now, {}, now)]);
    const changed = draftFor(provider.id, "2026-03-01", { actual: AWKWARD[2], expectedLower: AWKWARD[0], severity: "critical", monitor: undefined });

    await updateJudgedAnomalies(other.id, [{ id: id!, draft: changed }]);
    expect((await db().anomaly.findUniqueOrThrow({ where: { id: id! } })).actual, "another organization's update reaches nothing").toBe(AWKWARD[0]);

    await db().anomaly.update({ where: { id: id! }, data: { withdrawnAt: now } });
    await updateJudgedAnomalies(org.id, [{ id: id!, draft: changed }]);
    const row = await db().anomaly.findUniqueOrThrow({ where: { id: id! } });
    expect(row.actual).toBe(AWKWARD[2]);
    expect(row.expectedLower).toBe(AWKWARD[0]);
    expect(row.severity).toBe("critical");
    expect(row.withdrawnAt, "a re-judged anomaly is shown again").toBeNull();
    expect(row.dimensionKey, "a draft without a monitor leaves the monitor columns").toBe("account");
    expect(row.updatedAt.getTime()).toBeGreaterThan(now.getTime());
  });

  it("records events with their defaults and JSON details", async () => {
    const org = await createTestOrg();
    const provider = await createTestProvider(org.id);
    const now = new Date("2026-03-04T00:00:00Z");
    const [id] = await insertNewAnomalies([newAnomalyRow(org.id, draftFor(provider.id, "2026-03-01"), now, {}, now)]);
    await recordAnomalyEvents([
      { orgId: org.id, anomalyId: id!, action: "escalated", by: "system", at: now, details: { from: "info", to: "critical" } },
      { orgId: org.id, anomalyId: id!, action: "feedback", by: "a@b.c", feedback: "not_accurate", reason: "it's ok" },
    ]);
    const events = await db().anomalyEvent.findMany({ where: { anomalyId: id! }, orderBy: { id: "asc" } });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ action: "escalated", by: "system", reason: null, feedback: null, details: { from: "info", to: "critical" } });
    expect(events[0].at.toISOString()).toBe(now.toISOString());
    expect(events[1]).toMatchObject({ action: "feedback", feedback: "not_accurate", reason: "it's ok", details: {} });
    expect(Math.abs(events[1].at.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("a create that finds its anomaly already stored (written meanwhile) updates that row, no duplicate", async () => {
    const org = await createTestOrg();
    const provider = await createTestProvider(org.id);
    const now = new Date("2026-03-04T00:00:00Z");
    const first = draftFor(provider.id, "2026-03-01");
    await syncAnomalies(org.id, [first.seriesKey], [first], now);
    const [stored] = await db().anomaly.findMany({ where: { orgId: org.id } });
    // The sync is told nothing is stored yet (as a run that read before another wrote would be).
    const changed = { ...first, actual: AWKWARD[2], severity: "critical" as const };
    const result = await syncAnomalies(org.id, [first.seriesKey], [changed], now, { existing: [] });
    const rows = await db().anomaly.findMany({ where: { orgId: org.id } });
    expect(rows).toHaveLength(1);
    expect(result.createdIds).toEqual([stored.id]);
    expect(rows[0]).toMatchObject({ id: stored.id, actual: AWKWARD[2], severity: "critical" });
  });
});
