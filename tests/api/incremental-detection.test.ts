// Issue 12, incremental detection: the cloud job continues each series from its checkpoint
// (lib/cloud/resume.ts) and re-judges only the days after it. Its results must be exactly a
// full run's: the same anomalies (every figure) and the same stored bands, whether the data
// arrived day by day (with restatements, a new service, an outage and an old correction on
// the way) or all at once.
import { beforeAll, describe, expect, it } from "vitest";
import { createTestOrg, createTestProvider, writeCosts } from "../support/fixtures";
import { syntheticCostRows, type SyntheticService } from "../support/cloud-fixtures";
import { runDetection, type DetectionSummary } from "@/lib/jobs/run-detection";
import { db } from "@/lib/db/client";
import { addDays, todayUtc } from "@/lib/time";
import { RESUME_MARGIN_DAYS } from "@/lib/cloud/resume";

/** The clock of the last run; every other instant counts back from it (never the wall clock). */
const FINAL_NOW = new Date("2026-08-19T06:00:00Z");
const FINAL_TODAY = todayUtc(FINAL_NOW);
const STEPS = 16;
const HISTORY_DAYS = 140;
/**
 * Spend: an EC2 step, an S3 incident still open when a checkpoint is taken (day −10), a new
 * Bedrock service, a Lambda spike and a day where everything stops.
 */
const SERVICES: SyntheticService[] = [
  { service: "EC2", base: 500, incidents: { 19: 2.2, 18: 2.1 }, noise: 0.03 },
  { service: "S3", base: 120, incidents: { 40: 3, 11: 4, 10: 4, 9: 4 } },
  { service: "Lambda", base: 40, incidents: { 3: 5 } },
  { service: "Bedrock", base: 260, startsAgo: 6 },
  { service: "Route53", base: 0.4 },
];
const OUTAGE_AGO = 1;

function allCostRows() {
  return syntheticCostRows(SERVICES, { now: FINAL_NOW, days: HISTORY_DAYS, seed: 7 }).map((r) =>
    r.day === addDays(FINAL_TODAY, -OUTAGE_AGO) ? { ...r, amount: 0 } : r,
  );
}

function latencyRows(orgId: string, providerId: number) {
  const rows = [];
  for (let ago = HISTORY_DAYS; ago >= 1; ago--) {
    for (const [service, base] of [["api", 180], ["worker", 420]] as const) {
      const wobble = 1 + 0.04 * Math.sin(ago * 1.7 + base);
      const spike = service === "api" && ago === 5 ? 3.5 : 1;
      rows.push({ orgId, providerId, service, metric: "p95_latency_ms", day: addDays(FINAL_TODAY, -ago), value: Math.round(base * wobble * spike), samples: 24 });
    }
  }
  return rows;
}

async function detect(orgId: string, now: Date, rebuild = false): Promise<DetectionSummary> {
  const summary = await runDetection({ now, orgIds: [orgId], waitForLockMs: 60_000, rebuild });
  expect(summary.status, summary.error).toBe("succeeded");
  return summary;
}

/** Every figure a full run decides, per anomaly (ids, clocks of creation and history aside). */
async function anomaliesOf(orgId: string) {
  const rows = await db().anomaly.findMany({
    where: { orgId, withdrawnAt: null, type: { in: ["cost", "performance"] } },
    orderBy: [{ seriesKey: "asc" }, { periodStart: "asc" }],
  });
  return rows.map((a) => ({
    series: a.seriesKey.replace(/:\d+/, ":P"),
    day: a.day,
    lastDay: a.lastDay,
    days: a.days,
    actual: a.actual,
    expected: a.expected,
    lower: a.expectedLower,
    upper: a.expectedUpper,
    deviation: a.deviationPercent,
    severity: a.severity,
    direction: a.direction,
    score: a.score,
    impact: a.impact,
    topServices: a.topServices,
    isResolved: a.isResolved,
    resolvedAt: a.resolvedAt,
    periodEnd: a.periodEnd,
    status: a.status,
  }));
}

async function bandsOf(orgId: string) {
  const rows = await db().seriesBand.findMany({ where: { orgId }, orderBy: [{ seriesKey: "asc" }, { day: "asc" }, { service: "asc" }] });
  return rows.map((r) => ({ series: r.seriesKey.replace(/:\d+/, ":P"), day: r.day, service: r.service, actual: r.actual, expected: r.expected, lower: r.lower, upper: r.upper, breakdown: r.breakdown }));
}

describe("incremental detection: a run continues from the checkpoint and matches a full run", () => {
  const daily = { org: "", provider: 0 };
  const once = { org: "", provider: 0 };
  const summaries: DetectionSummary[] = [];
  const OLD_CORRECTION_STEP = 9;

  beforeAll(async () => {
    const rows = allCostRows();
    for (const target of [daily, once]) {
      target.org = (await createTestOrg("pro")).id;
      target.provider = (await createTestProvider(target.org, "Incremental")).id;
    }
    // All at once, one full run at the final clock.
    await writeCosts(once.org, once.provider, rows);
    await db().metricDaily.createMany({ data: latencyRows(once.org, once.provider) });
    await detect(once.org, FINAL_NOW);

    // Day by day: the history up to STEPS days ago, then one day per run.
    const firstNew = addDays(FINAL_TODAY, -STEPS);
    await writeCosts(daily.org, daily.provider, rows.filter((r) => r.day < firstNew));
    await db().metricDaily.createMany({ data: latencyRows(daily.org, daily.provider).filter((r) => r.day < firstNew) });
    summaries.push(await detect(daily.org, new Date(FINAL_NOW.getTime() - STEPS * 86_400_000)));
    for (let step = STEPS - 1; step >= 0; step--) {
      const day = addDays(FINAL_TODAY, -step - 1);
      await writeCosts(daily.org, daily.provider, rows.filter((r) => r.day === day));
      await db().metricDaily.createMany({ data: latencyRows(daily.org, daily.provider).filter((r) => r.day === day) });
      if (step === 12) {
        // A restatement inside the margin: yesterday's S3 is revised (both orgs get it).
        for (const target of [daily, once]) {
          await db().costDaily.updateMany({ where: { providerId: target.provider, day: addDays(day, -1), service: "S3" }, data: { amount: 133.33 } });
        }
      }
      if (step === OLD_CORRECTION_STEP) {
        // A correction far behind the checkpoint: the provider must be rebuilt.
        for (const target of [daily, once]) {
          await db().costDaily.updateMany({ where: { providerId: target.provider, day: addDays(FINAL_TODAY, -60), service: "EC2" }, data: { amount: 1900 } });
        }
      }
      summaries.push(await detect(daily.org, new Date(FINAL_NOW.getTime() - step * 86_400_000)));
    }
    // The twin saw the two corrections after its run: judge it again, in full.
    await detect(once.org, FINAL_NOW, true);
  }, 600_000);

  it("the daily runs continue their checkpoints (and rebuild after an old correction)", async () => {
    expect(summaries[0].resumedSeries).toBe(0);
    const resumedRuns = summaries.slice(1).filter((s) => s.resumedSeries === 2);
    // Every daily run resumed the cost and the latency series, except the one after the old correction.
    expect(resumedRuns).toHaveLength(STEPS - 1);
    expect(summaries[1 + STEPS - 1 - OLD_CORRECTION_STEP].resumedSeries).toBe(0);
    const checkpoints = await db().seriesCheckpoint.findMany({ where: { orgId: daily.org } });
    // A checkpoint lies a week or two behind the last day: it moves a week at a time.
    expect(checkpoints).toHaveLength(2);
    for (const c of checkpoints) {
      expect(c.throughDay <= addDays(FINAL_TODAY, -1 - RESUME_MARGIN_DAYS)).toBe(true);
      expect(c.throughDay > addDays(FINAL_TODAY, -1 - 2 * RESUME_MARGIN_DAYS)).toBe(true);
    }
  });

  it("finds the incidents a cost tool exists for, day by day", async () => {
    const found = await anomaliesOf(daily.org);
    const days = (series: string) => found.filter((a) => a.series === series).map((a) => a.day);
    expect(days("cost:P")).toEqual(expect.arrayContaining([-19, -11, -6, -3, -OUTAGE_AGO].map((ago) => addDays(FINAL_TODAY, ago))));
    expect(days("performance:P:p95_latency_ms")).toContain(addDays(FINAL_TODAY, -5));
  });

  it("day by day equals all at once: the same anomalies and the same stored bands", async () => {
    expect(await anomaliesOf(daily.org)).toEqual(await anomaliesOf(once.org));
    expect(await bandsOf(daily.org)).toEqual(await bandsOf(once.org));
  });

  it("a rebuild of the day-by-day organization changes nothing", async () => {
    const bands = await bandsOf(daily.org);
    const rebuilt = await detect(daily.org, FINAL_NOW, true);
    expect(rebuilt.resumedSeries).toBe(0);
    expect({ created: rebuilt.created, updated: rebuilt.updated, removed: rebuilt.removed }).toEqual({ created: 0, updated: 0, removed: 0 });
    expect(await bandsOf(daily.org)).toEqual(bands);
  });
});
