// Two detection runs at the same time (separate processes, like two app instances
// over one database) must neither duplicate nor lose anomalies.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createTestOrg, createTestProvider } from "../support/fixtures";
import { writeSyntheticCosts } from "../support/cloud-fixtures";
import { runDetection } from "@/lib/jobs/run-detection";
import { costSeriesKey } from "@/lib/cloud/job";
import { addDays, todayUtc } from "@/lib/time";

// The test's clock, fixed so nothing depends on which weekday the suite runs on; the
// CLI runs receive it too (`--now`).
const NOW = new Date("2026-11-28T12:00:00Z");

function detectProcess(): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.resolve("bin/bandwatch.mjs"), "detect", "--wait", "180", "--now", NOW.toISOString()], { env: process.env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    child.on("exit", (code) => resolve({ code: code ?? 1, stderr }));
  });
}

describe(`concurrent detection (${process.env.TEST_DB_KIND ?? "db"})`, () => {
  it("two simultaneous runs produce exactly the anomalies of one run", async () => {
    const org = await createTestOrg();
    const provider = await createTestProvider(org.id);
    await writeSyntheticCosts(org.id, provider.id, [
      { service: "EC2", base: 400, incidents: { 4: 3, 20: 2.5, 40: 4 } },
      { service: "RDS", base: 150, incidents: { 30: 5 } },
    ], { now: NOW, days: 120, seed: 7 });
    const startedAt = new Date();

    const [first, second] = await Promise.all([detectProcess(), detectProcess()]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);

    const rows = await db().anomaly.findMany({ where: { orgId: org.id }, select: { seriesKey: true, day: true } });
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const keys = rows.map((r) => `${r.seriesKey}|${r.day}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(rows.every((r) => r.seriesKey === costSeriesKey(provider.id))).toBe(true);

    // The lease serialised them: the runs that started in this test never overlapped.
    const runs = await db().detectionRun.findMany({ where: { startedAt: { gte: startedAt } }, orderBy: { startedAt: "asc" } });
    expect(runs.filter((r) => r.status === "succeeded").length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i].startedAt.getTime()).toBeGreaterThanOrEqual(runs[i - 1].finishedAt!.getTime());
    }

    // A later sequential run changes nothing.
    const again = await runDetection({ now: NOW, orgIds: [org.id], waitForLockMs: 60_000 });
    expect(again.status).toBe("succeeded");
    expect(again.created).toBe(0);
    expect(await db().anomaly.count({ where: { orgId: org.id } })).toBe(rows.length);
  });

  it("a new day's data updates an existing anomaly instead of adding one", async () => {
    const org = await createTestOrg();
    const provider = await createTestProvider(org.id);
    await writeSyntheticCosts(org.id, provider.id, [{ service: "EC2", base: 300, incidents: { 3: 4 } }], { now: NOW, days: 60, seed: 11 });
    await runDetection({ now: NOW, orgIds: [org.id], waitForLockMs: 60_000 });
    const before = await db().anomaly.findMany({ where: { orgId: org.id } });
    // Found by its date: the spike's size depends on whether that day is a weekend.
    const target = before.find((a) => a.day === addDays(todayUtc(NOW), -3))!;
    expect(target).toBeDefined();
    // A late-arriving line item for that day (e.g. an import correction) raises its spend.
    await db().costEntry.create({ data: { orgId: org.id, providerId: provider.id, day: target.day, service: "EC2", amount: 250, source: "late" } });
    const { rollupCostDays } = await import("@/lib/cloud/rollup");
    await rollupCostDays(org.id, provider.id, [target.day]);
    await runDetection({ now: NOW, orgIds: [org.id], waitForLockMs: 60_000 });
    const after = await db().anomaly.findMany({ where: { orgId: org.id } });
    expect(after.length).toBe(before.length);
    const updated = after.find((a) => a.id === target.id)!;
    expect(updated.actual).toBeCloseTo(target.actual + 250, 2);
    expect(updated.detectedAt.getTime()).toBe(target.detectedAt.getTime());
  });
});
