// One detection run over every organization: cost, performance and web series.
// Only one run works at a time (a lease), so concurrent triggers never race. A run that
// loses its lease stops before its next write; one organization's failure is recorded
// and the others are still detected.
import { db } from "@/lib/db/client";
import { acquire, LeaseLostError, type Lease } from "./lock";
import { detectCloudForOrg } from "@/lib/cloud/job";
import { detectWebForOrg } from "@/lib/web/job";
import { detectMonitorsForOrg } from "@/lib/cloud/monitor-job";
import type { AssertLease, SyncResult } from "@/lib/anomalies/store";
import { dispatchAnomalyAlerts } from "@/lib/alerts/dispatch";
import { detectCompletenessForOrg } from "./completeness";
import { pruneAuditLog } from "@/lib/org/audit-log";
import { forgetCheckpoints } from "@/lib/cloud/resume";

const LOCK_NAME = "detection";
const LEASE_MS = 5 * 60_000;

export interface DetectionSummary {
  status: "succeeded" | "skipped" | "failed";
  runId?: string;
  organizations: number;
  series: number;
  /** Cloud series continued from their checkpoint instead of judged from their first day (lib/cloud/resume.ts). */
  resumedSeries: number;
  created: number;
  updated: number;
  /** Anomalies withdrawn because the data or settings no longer support them (never deleted). */
  removed: number;
  durationMs: number;
  /** Organizations whose detection failed; the others were still detected. */
  failedOrganizations: Array<{ id: string; error: string }>;
  error?: string;
}

/** One part of an organization's detection (cost and performance, web). */
export type OrgDetector = (orgId: string, now: Date, assertLease: AssertLease) => Promise<{ series: number; resumed?: number; sync: SyncResult }>;

export interface RunOptions {
  now?: Date;
  /** Wait this long for a concurrent run to finish instead of skipping (CLI: yes; schedule: no). */
  waitForLockMs?: number;
  orgIds?: string[];
  /** Judge every cloud series from its first day instead of continuing its checkpoint (lib/cloud/resume.ts). */
  rebuild?: boolean;
  /** The parts run per organization (default: cloud, web, then completeness and unit costs); tests substitute failing ones. */
  detectors?: OrgDetector[];
}

const DEFAULT_DETECTORS: OrgDetector[] = [detectCloudForOrg, detectMonitorsForOrg, detectWebForOrg, detectCompletenessForOrg];

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Renews the lease before every write: a run whose lease was taken over (it stalled past
 * the lease, another instance started) must not write over the newer run's results.
 */
function leaseGuard(lease: Lease): { assert: AssertLease; stop: () => void } {
  let lost = false;
  const heartbeat = setInterval(() => {
    lease.renew().then(
      (held) => {
        if (!held) lost = true;
      },
      // A failed renewal (database briefly unavailable) is not a loss; the next write's check decides.
      () => undefined,
    );
  }, LEASE_MS / 3);
  return {
    async assert() {
      if (lost || !(await lease.renew())) {
        lost = true;
        throw new LeaseLostError(lease.name);
      }
    },
    stop: () => clearInterval(heartbeat),
  };
}

async function detectOrg(orgId: string, now: Date, detectors: OrgDetector[], assertLease: AssertLease, summary: DetectionSummary) {
  const parts = [];
  for (const detect of detectors) parts.push(await detect(orgId, now, assertLease));
  for (const part of parts) {
    summary.series += part.series;
    summary.resumedSeries += part.resumed ?? 0;
    summary.created += part.sync.created;
    summary.updated += part.sync.updated;
    summary.removed += part.sync.removed;
  }
  // Queues alert deliveries only (no network); a failure here must not fail detection.
  await dispatchAnomalyAlerts(orgId, parts.flatMap((p) => p.sync.createdIds), parts.flatMap((p) => p.sync.escalatedIds), now).catch((error: unknown) =>
    console.error("[bandwatch] queueing alerts failed", error),
  );
}

export async function runDetection(options: RunOptions = {}): Promise<DetectionSummary> {
  const started = Date.now();
  const lease: Lease | null = await acquire(LOCK_NAME, LEASE_MS, options.waitForLockMs ?? 0);
  if (!lease) return { status: "skipped", organizations: 0, series: 0, resumedSeries: 0, created: 0, updated: 0, removed: 0, durationMs: Date.now() - started, failedOrganizations: [] };
  const run = await db().detectionRun.create({ data: {} });
  const summary: DetectionSummary = { status: "succeeded", runId: run.id, organizations: 0, series: 0, resumedSeries: 0, created: 0, updated: 0, removed: 0, durationMs: 0, failedOrganizations: [] };
  const guard = leaseGuard(lease);
  try {
    const now = options.now ?? new Date();
    const orgs = await db().organization.findMany({
      where: options.orgIds ? { id: { in: options.orgIds } } : {},
      select: { id: true },
      orderBy: { createdAt: "asc" },
    });
    if (options.rebuild) await forgetCheckpoints(orgs.map((o) => o.id));
    for (const org of orgs) {
      summary.organizations += 1;
      try {
        await detectOrg(org.id, now, options.detectors ?? DEFAULT_DETECTORS, guard.assert, summary);
      } catch (error) {
        if (error instanceof LeaseLostError) throw error;
        console.error(`[bandwatch] detection failed for organization ${org.id}`, error);
        summary.failedOrganizations.push({ id: org.id, error: message(error) });
      }
    }
    // Housekeeping by the wall clock, not the run's `now` (a backfill's clock must not prune today's entries).
    await pruneAuditLog(new Date()).catch((error: unknown) => console.error("[bandwatch] audit log pruning failed", error));
    if (summary.failedOrganizations.length) {
      summary.status = "failed";
      summary.error = `detection failed for ${summary.failedOrganizations.length} of ${orgs.length} organizations: ${summary.failedOrganizations.map((f) => `${f.id}: ${f.error}`).join("; ")}`;
    }
  } catch (error) {
    summary.status = "failed";
    summary.error = message(error);
  } finally {
    guard.stop();
    summary.durationMs = Date.now() - started;
    await db().detectionRun.update({
      where: { id: run.id },
      data: { finishedAt: new Date(), status: summary.status, seriesCount: summary.series, created: summary.created, updated: summary.updated, error: summary.error ?? null },
    });
    await lease.release();
  }
  return summary;
}
