// One detection run over every organization: cost, performance and web series.
// Only one run works at a time (a lease), so concurrent triggers never race.
import { db } from "@/lib/db/client";
import { acquire, type Lease } from "./lock";
import { detectCloudForOrg } from "./detect-cloud";
import { detectWebForOrg } from "./detect-web";
import { dispatchAnomalyAlerts } from "@/lib/alerts/dispatch";

const LOCK_NAME = "detection";
const LEASE_MS = 5 * 60_000;

export interface DetectionSummary {
  status: "succeeded" | "skipped" | "failed";
  runId?: string;
  organizations: number;
  series: number;
  created: number;
  updated: number;
  removed: number;
  durationMs: number;
  error?: string;
}

export interface RunOptions {
  now?: Date;
  /** Wait this long for a concurrent run to finish instead of skipping (CLI: yes; schedule: no). */
  waitForLockMs?: number;
  orgIds?: string[];
}

export async function runDetection(options: RunOptions = {}): Promise<DetectionSummary> {
  const started = Date.now();
  const lease: Lease | null = await acquire(LOCK_NAME, LEASE_MS, options.waitForLockMs ?? 0);
  if (!lease) return { status: "skipped", organizations: 0, series: 0, created: 0, updated: 0, removed: 0, durationMs: Date.now() - started };
  const run = await db().detectionRun.create({ data: {} });
  const summary: DetectionSummary = { status: "succeeded", runId: run.id, organizations: 0, series: 0, created: 0, updated: 0, removed: 0, durationMs: 0 };
  const heartbeat = setInterval(() => void lease.renew().catch(() => undefined), LEASE_MS / 3);
  try {
    const now = options.now ?? new Date();
    const orgs = await db().organization.findMany({
      where: options.orgIds ? { id: { in: options.orgIds } } : {},
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    for (const org of orgs) {
      summary.organizations += 1;
      const parts = [await detectCloudForOrg(org.id, now), await detectWebForOrg(org.id, now)];
      for (const part of parts) {
        summary.series += part.series;
        summary.created += part.sync.created;
        summary.updated += part.sync.updated;
        summary.removed += part.sync.removed;
      }
      // Queues alert deliveries only (no network); a failure here must not fail detection.
      await dispatchAnomalyAlerts(org.id, parts.flatMap((p) => p.sync.createdIds), parts.flatMap((p) => p.sync.escalatedIds), now).catch((error: unknown) =>
        console.error("[bandwatch] queueing alerts failed", error),
      );
    }
  } catch (error) {
    summary.status = "failed";
    summary.error = error instanceof Error ? error.message : String(error);
  } finally {
    clearInterval(heartbeat);
    summary.durationMs = Date.now() - started;
    await db().detectionRun.update({
      where: { id: run.id },
      data: { finishedAt: new Date(), status: summary.status, seriesCount: summary.series, created: summary.created, updated: summary.updated, error: summary.error ?? null },
    });
    await lease.release();
  }
  return summary;
}
