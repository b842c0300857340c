// The cost job writes each full batch of bands while it judges the next providers (lib/cloud/job.ts,
// judgeProviders). A write that fails must still fail the run, leave no checkpoint for the series
// it did not store (so the next run judges them from their first day), and the run after the fault
// must end where a full run over the same data ends.
import { afterAll, describe, expect, it } from "vitest";
import { createTestOrg, createTestProvider } from "../support/fixtures";
import { writeSyntheticCosts, type SyntheticService } from "../support/cloud-fixtures";
import { db, dbProvider } from "@/lib/db/client";
import { costSeriesKey, detectCloudForOrg } from "@/lib/cloud/job";
import { runDetection } from "@/lib/jobs/run-detection";

/** A fixed clock: nothing here depends on today's date or weekday. */
const NOW = new Date("2026-05-20T08:00:00Z");
const SERVICES: SyntheticService[] = [
  { service: "EC2", base: 300, incidents: { 9: 3 } },
  { service: "S3", base: 40 },
];

const postgres = dbProvider() === "postgresql";
const suffix = Math.random().toString(36).slice(2, 10);
const TRIGGER = `bw_test_fail_band_${suffix}`;

/** Band rows of `providerId` are refused from now on (a trigger that aborts their insert). */
async function refuseBands(providerId: number) {
  if (postgres) {
    await db().$executeRawUnsafe(
      `CREATE FUNCTION ${TRIGGER}() RETURNS trigger AS $$ BEGIN IF NEW."providerId" = ${providerId} THEN RAISE EXCEPTION 'injected band failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await db().$executeRawUnsafe(`CREATE TRIGGER ${TRIGGER} BEFORE INSERT ON "SeriesBand" FOR EACH ROW EXECUTE FUNCTION ${TRIGGER}()`);
  } else {
    await db().$executeRawUnsafe(`CREATE TRIGGER ${TRIGGER} BEFORE INSERT ON "SeriesBand" WHEN NEW."providerId" = ${providerId} BEGIN SELECT RAISE(ABORT, 'injected band failure'); END`);
  }
}

async function acceptBands() {
  if (postgres) {
    await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${TRIGGER} ON "SeriesBand"`);
    await db().$executeRawUnsafe(`DROP FUNCTION IF EXISTS ${TRIGGER}()`);
  } else {
    await db().$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${TRIGGER}`);
  }
}

async function orgWithProviders(count: number): Promise<{ orgId: string; providers: number[] }> {
  const orgId = (await createTestOrg()).id;
  const providers: number[] = [];
  for (let i = 0; i < count; i++) {
    const provider = await createTestProvider(orgId, `Provider ${i}`);
    providers.push(provider.id);
    await writeSyntheticCosts(orgId, provider.id, SERVICES, { now: NOW, days: 60, seed: 7 + i });
  }
  return { orgId, providers };
}

describe("a failed band write while the run goes on", () => {
  afterAll(acceptBands);

  // The third of four providers: the failure surfaces when the fourth's batch waits for it;
  // the last: it surfaces only when the run waits for its last write.
  it.each([
    ["a provider in the middle", 2],
    ["the last provider", 3],
  ])("%s: fails the run, keeps no checkpoint for the series it did not store, and the next run repairs everything", async (_, refused) => {
    const { orgId, providers } = await orgWithProviders(4);
    await refuseBands(providers[refused]);
    // One point per batch: every provider fills a batch, so each write runs while the next provider is judged.
    await expect(detectCloudForOrg(orgId, NOW, undefined, 1)).rejects.toThrow(/injected band failure/);
    const afterFailure = await db().seriesCheckpoint.findMany({ where: { orgId }, select: { seriesKey: true } });
    const keys = afterFailure.map((c) => c.seriesKey);
    expect(keys, "the refused series keeps no checkpoint").not.toContain(costSeriesKey(providers[refused]));
    expect(keys, "the series written before the failure keep theirs").toContain(costSeriesKey(providers[0]));
    expect(await db().seriesBand.count({ where: { orgId, providerId: providers[refused] } })).toBe(0);

    await acceptBands();
    const repaired = await runDetection({ now: NOW, orgIds: [orgId], waitForLockMs: 60_000 });
    expect(repaired.status).toBe("succeeded");
    expect(await db().seriesBand.count({ where: { orgId, providerId: providers[refused] } })).toBeGreaterThan(0);
    expect((await db().seriesCheckpoint.findMany({ where: { orgId } })).length).toBe(providers.length);
    const anomalies = await db().anomaly.count({ where: { orgId, withdrawnAt: null } });
    expect(anomalies, "the injected incidents are found").toBeGreaterThanOrEqual(providers.length);

    // A rebuild over the same data changes nothing: the repaired state is a full run's.
    const rebuild = await runDetection({ now: NOW, orgIds: [orgId], waitForLockMs: 60_000, rebuild: true });
    expect(rebuild).toMatchObject({ status: "succeeded", created: 0, updated: 0, removed: 0 });
  });
});
