// After new or corrected cost data lands, the org's series are re-evaluated so that
// anomalies appear (or disappear, when a correction removed the spike) without waiting
// for the schedule. If another run holds the lock, the scheduled run picks the data up:
// detection always re-reads the whole rollup, so nothing is lost by skipping.
import { runDetection, type DetectionSummary } from "@/lib/jobs/run-detection";

export async function redetectAfterIngest(orgId: string, waitForLockMs = 20_000): Promise<Pick<DetectionSummary, "status" | "created" | "updated" | "removed">> {
  const summary = await runDetection({ orgIds: [orgId], waitForLockMs });
  return { status: summary.status, created: summary.created, updated: summary.updated, removed: summary.removed };
}

/** `wait`: run now and report; otherwise start a run in the background and answer "queued". */
export async function detectionAfterIngest(orgId: string, wait: boolean): Promise<"queued" | "succeeded" | "skipped" | "failed"> {
  if (wait) return (await redetectAfterIngest(orgId)).status;
  void redetectAfterIngest(orgId, 120_000).catch((error: unknown) => console.error("[bandwatch] detection after ingest failed", error));
  return "queued";
}
