// The data-completeness and cost-by-traffic pass of a detection run (issue 14), after the cost
// and web jobs and before alerts are queued: provisional cost days (lib/cloud/provisional.ts),
// the tracking heartbeat (lib/web/heartbeat.ts) and unit costs (lib/cloud/unit-costs.ts).
import { addSyncResult, emptySyncResult, noLease, syncAnomalies, type AssertLease, type SyncResult } from "@/lib/anomalies/store";
import { settleProvisionalDays } from "@/lib/cloud/provisional";
import { explainAndDetectUnitCosts } from "@/lib/cloud/unit-costs";
import { checkHeartbeats } from "@/lib/web/heartbeat";

export async function detectCompletenessForOrg(orgId: string, now: Date, assertLease: AssertLease = noLease): Promise<{ series: number; sync: SyncResult }> {
  const sync = emptySyncResult();
  await assertLease();
  const unitSeries = await explainAndDetectUnitCosts(orgId, now, async (key, drafts) => {
    await assertLease();
    addSyncResult(sync, await syncAnomalies(orgId, [key], drafts, now, { removeStale: true }));
  });
  // After the unit costs: their anomalies are cost anomalies on (possibly) unsettled days too.
  await assertLease();
  addSyncResult(sync, await settleProvisionalDays(orgId, now));
  await assertLease();
  const heartbeat = await checkHeartbeats(orgId, now);
  addSyncResult(sync, heartbeat.sync);
  return { series: unitSeries + heartbeat.series, sync };
}
