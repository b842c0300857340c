// The detection job keeps going when one organization fails, and stops writing when it
// has lost its lease to another run (real database, real lease table).
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTestOrg, createTestProvider } from "../support/fixtures";
import { writeSyntheticCosts } from "../support/cloud-fixtures";
import { runDetection, type OrgDetector } from "@/lib/jobs/run-detection";
import { detectCloudForOrg } from "@/lib/jobs/detect-cloud";

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
