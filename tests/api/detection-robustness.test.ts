// The detection job keeps going when one organization fails, and stops writing when it
// has lost its lease to another run (real database, real lease table).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTestOrg, createTestProvider } from "../support/fixtures";
import { writeSyntheticCosts } from "../support/cloud-fixtures";
import { runDetection, type OrgDetector } from "@/lib/jobs/run-detection";
import { detectCloudForOrg } from "@/lib/cloud/job";
import { detectionWindow, loadCostSeries, MAX_FUTURE_DAYS, MAX_HISTORY_DAYS } from "@/lib/cloud/series";

const NOW = new Date("2026-10-14T12:00:00Z");

async function orgWithSpike(seed: number) {
  const org = await createTestOrg();
  const provider = await createTestProvider(org.id);
  await writeSyntheticCosts(org.id, provider.id, [{ service: "EC2", base: 400, incidents: { 5: 4 } }], { now: NOW, days: 60, seed });
  return org;
}

describe(`detection robustness (${process.env.TEST_DB_KIND ?? "db"})`, () => {
  it("one organization's failure does not stop detection for the others", async () => {
    const broken = await orgWithSpike(1);
    const healthy = await orgWithSpike(2);
    const failing: OrgDetector = async (orgId, now, assertLease) => {
      if (orgId === broken.id) throw new Error("corrupt rollup");
      return detectCloudForOrg(orgId, now, assertLease);
    };
    const summary = await runDetection({ now: NOW, orgIds: [broken.id, healthy.id], waitForLockMs: 60_000, detectors: [failing] });
    expect(summary.status).toBe("failed");
    expect(summary.failedOrganizations).toEqual([{ id: broken.id, error: "corrupt rollup" }]);
    expect(summary.organizations).toBe(2);
    expect(await db().anomaly.count({ where: { orgId: healthy.id } })).toBeGreaterThan(0);
    expect(await db().anomaly.count({ where: { orgId: broken.id } })).toBe(0);
    const run = await db().detectionRun.findUniqueOrThrow({ where: { id: summary.runId! } });
    expect(run.status).toBe("failed");
    expect(run.error).toContain(broken.id);
  });

  it("a run that lost its lease stops before writing", async () => {
    const first = await orgWithSpike(3);
    const second = await orgWithSpike(4);
    const stealing: OrgDetector = async (orgId, now, assertLease) => {
      // Another instance takes the lease over (expired at once, so other runs are not held up).
      await db().jobLock.updateMany({ where: { name: "detection" }, data: { holder: "another-instance", lockedUntil: new Date(0) } });
      return detectCloudForOrg(orgId, now, assertLease);
    };
    const summary = await runDetection({ now: NOW, orgIds: [first.id, second.id], waitForLockMs: 60_000, detectors: [stealing] });
    expect(summary.status).toBe("failed");
    expect(summary.error).toMatch(/lost the "detection" lease/);
    expect(summary.organizations).toBe(1); // stopped: the second organization was not started
    expect(await db().anomaly.count({ where: { orgId: { in: [first.id, second.id] } } })).toBe(0);
  });
});

describe("bounded day grid", () => {
  it("a corrupt far-past or far-future date cannot build a huge grid; the real incident is still found", async () => {
    const org = await orgWithSpike(5);
    const provider = await db().provider.findFirstOrThrow({ where: { orgId: org.id } });
    // Rows a broken import could leave behind (ingest validation would refuse them).
    await db().costDaily.createMany({
      data: ["0001-01-01", "2999-12-31", "2026-10-30"].map((day) => ({ orgId: org.id, providerId: provider.id, day, service: "EC2", amount: 40_000 })),
    });
    // What the job reads: at most three years back, at most two days ahead.
    const window = detectionWindow(NOW);
    const series = await loadCostSeries(org.id, provider.id, window.untilDay, window.fromDay);
    expect(series.days.length).toBeLessThanOrEqual(MAX_HISTORY_DAYS + MAX_FUTURE_DAYS + 1);
    expect(series.days.at(-1)! <= "2026-10-16").toBe(true);
    const summary = await runDetection({ now: NOW, orgIds: [org.id], waitForLockMs: 60_000 });
    expect(summary.status).toBe("succeeded");
    const days = (await db().anomaly.findMany({ where: { orgId: org.id }, select: { day: true } })).map((a) => a.day);
    expect(days).toContain("2026-10-09"); // the spike five days before NOW
    expect(days.every((d) => d >= "2023-01-01" && d <= "2026-10-16")).toBe(true);
  });
});
