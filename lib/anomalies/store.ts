// Writes detector findings into the one anomaly table shared by cost, performance
// and web detection. Keyed by (seriesKey, periodStart): re-runs update, never duplicate.
import { db } from "@/lib/db/client";
import { config } from "@/lib/config";
import { SEVERITY_RANK, type AnomalyType, type Direction, type Severity } from "@/lib/vocabulary";
import { storedTopServicesEqual, type TopServices } from "./top-services";
import { sameMonitorFields, type MonitorFields, type StoredMonitorFields } from "./monitor-fields";
import { withoutRejectedLookalikes } from "./feedback";
import { recordWithdrawals, SyncHistory } from "./sync-history";
import { loadSuppressionMatcher, type SuppressionFields } from "./suppressions";
import { insertNewAnomalies, newAnomalyRow, updateJudgedAnomalies } from "./anomaly-rows";
import type { Anomaly } from "@/generated/sqlite/client";

export interface AnomalyDraft {
  type: AnomalyType;
  providerId?: number | null;
  websiteId?: string | null;
  metric: string;
  seriesKey: string;
  day: string;
  periodStart: Date;
  periodEnd: Date;
  peakAt: Date;
  actual: number;
  expected: number;
  expectedLower: number;
  expectedUpper: number;
  deviationPercent: number;
  severity: Severity;
  direction: Direction;
  score: number;
  topServices: TopServices;
  isResolved?: boolean;
  resolvedAt?: Date | null;
  /** End of the period that raised the alarm (its first day) when the draft spans several; detected_at derives from it. */
  alarmEnd?: Date;
  /** Daily incidents: last out-of-band day, length in days, total excess over expected. */
  lastDay?: string | null;
  days?: number;
  impact?: number;
  /** Cost anomalies: their monitor, dimension and root causes (lib/anomalies/monitor-fields.ts). */
  monitor?: MonitorFields;
}

export interface SyncResult {
  created: number;
  updated: number;
  removed: number;
  createdIds: number[];
  escalatedIds: number[];
}

/**
 * When the job flags a period that ended more than one job period ago (backfill,
 * import, seed), the anomaly reads as detected when that period ended; otherwise now.
 */
export function detectedAtFor(periodEnd: Date, now: Date): Date {
  const jobPeriodMs = Math.max(1, config.detectIntervalMinutes || 60) * 60_000;
  return now.getTime() - periodEnd.getTime() > jobPeriodMs ? periodEnd : now;
}

type StoredNumbers = {
  actual: number;
  expected: number;
  expectedUpper: number;
  expectedLower: number;
  severity: Severity;
  topServices: unknown;
  periodEnd: Date;
  isResolved: boolean;
  lastDay: string | null;
  days: number;
  impact: number;
  direction: Direction;
  withdrawnAt: Date | null;
} & StoredMonitorFields;

/**
 * Equal to the cent. Not round(a) === round(b): a stored float comes back with 15 significant
 * digits (the database driver), so 1320.6149999999998 is stored as 1320.615, and rounding the
 * two lands on either side of the half cent: every run would "update" an unchanged anomaly.
 */
const sameCents = (a: number, b: number) => Math.abs(a - b) < 0.005;

function sameNumbers(a: StoredNumbers, b: AnomalyDraft) {
  return (
    sameCents(a.actual, b.actual) &&
    sameCents(a.expected, b.expected) &&
    sameCents(a.expectedUpper, b.expectedUpper) &&
    sameCents(a.expectedLower, b.expectedLower) &&
    a.severity === b.severity &&
    storedTopServicesEqual(a.topServices, b.topServices) &&
    a.periodEnd.getTime() === b.periodEnd.getTime() &&
    a.isResolved === (b.isResolved ?? false) &&
    a.lastDay === (b.lastDay ?? null) &&
    a.days === (b.days ?? 1) &&
    sameCents(a.impact, b.impact ?? 0) &&
    a.direction === b.direction &&
    a.withdrawnAt === null &&
    sameMonitorFields(a, b.monitor)
  );
}

const WRITE_BATCH = 500;

/**
 * A domain job's guard: throws (the runtime's LeaseLostError) when the run no longer holds its
 * lease. Jobs call it before every write through this store, so a run that lost its lease to
 * another instance stops before it writes. Defined here, beside the writes it guards, so that
 * the domain jobs do not depend on the runtime that calls them.
 */
export type AssertLease = () => Promise<void>;
/** For a job run outside the scheduler (CLI, tests): nothing to lose. */
export const noLease: AssertLease = async () => undefined;

/** An empty tally, for a job that sums the results of several syncs. */
export function emptySyncResult(): SyncResult {
  return { created: 0, updated: 0, removed: 0, createdIds: [], escalatedIds: [] };
}

/** Adds one sync's tally to a job's running total. */
export function addSyncResult(into: SyncResult, from: SyncResult): void {
  into.created += from.created;
  into.updated += from.updated;
  into.removed += from.removed;
  into.createdIds.push(...from.createdIds);
  into.escalatedIds.push(...from.escalatedIds);
}

export interface SyncOptions {
  /** Withdraw the series' active anomalies that no draft supports any more. */
  removeStale?: boolean;
  /** The drafts cover only anomalies from this day on (an incremental run's window); earlier ones are left as they are. */
  fromDay?: string;
  /**
   * The stored anomalies of `seriesKeys` (from `fromDay` on), when the caller read them for many
   * series at once (the cloud job reads an organization's windows in one statement).
   */
  existing?: Anomaly[];
  /**
   * The series with any feedback on their anomalies, when the caller read them once for many
   * syncs: a series without feedback has no rejected look-alikes, so that read is skipped.
   */
  seriesWithFeedback?: ReadonlySet<string>;
  /** Called once before the first write (the job's lease check); a sync with nothing to change writes nothing. */
  beforeWrite?: AssertLease;
}

/**
 * Makes the stored anomalies of `seriesKeys` match `drafts`. Dismissed anomalies keep
 * their status and dismissal; active anomalies that the data no longer supports
 * (a correction changed the day, another sensitivity or floor) are withdrawn when
 * `removeStale` is set (`removed` counts them).
 */
export async function syncAnomalies(
  orgId: string,
  seriesKeys: string[],
  allDrafts: AnomalyDraft[],
  now: Date,
  opts: SyncOptions = {},
): Promise<SyncResult> {
  const result = emptySyncResult();
  if (seriesKeys.length === 0) return result;
  // Issue 13: look-alikes of anomalies people called "not accurate" are not raised (lib/anomalies/feedback.ts).
  const feedbackApplies = !opts.seriesWithFeedback || seriesKeys.some((key) => opts.seriesWithFeedback!.has(key));
  const drafts = feedbackApplies ? await withoutRejectedLookalikes(orgId, allDrafts) : allDrafts;
  const history = new SyncHistory(orgId);
  const existing = opts.existing ?? (await db().anomaly.findMany({ where: { orgId, seriesKey: { in: seriesKeys }, ...(opts.fromDay ? { day: { gte: opts.fromDay } } : {}) } }));
  const byKey = new Map(existing.map((a) => [`${a.seriesKey}|${a.periodStart.getTime()}`, a]));
  const seen = new Set<string>();

  const updates: Array<{ id: number; draft: AnomalyDraft }> = [];
  const creates: AnomalyDraft[] = [];
  for (const draft of drafts) {
    const key = `${draft.seriesKey}|${draft.periodStart.getTime()}`;
    seen.add(key);
    const current = byKey.get(key);
    if (!current) {
      creates.push(draft);
      continue;
    }
    if (sameNumbers(current, draft)) continue;
    updates.push({ id: current.id, draft });
    if (SEVERITY_RANK[draft.severity] > SEVERITY_RANK[current.severity] && current.status === "active") {
      result.escalatedIds.push(current.id);
      history.escalated(current.id, current.severity, draft.severity, now);
    }
    if (draft.isResolved && !current.isResolved) history.resolved(current.id, draft.resolvedAt ?? now);
  }

  const stale = opts.removeStale ? existing.filter((a) => !seen.has(`${a.seriesKey}|${a.periodStart.getTime()}`) && a.status === "active" && a.withdrawnAt === null) : [];
  // Nothing to write (the usual daily run of a quiet series): no lease check, no statement.
  if (updates.length === 0 && creates.length === 0 && stale.length === 0) return result;
  await opts.beforeWrite?.();
  // Batched: a first run over a large organization creates thousands of anomalies.
  await updateJudgedAnomalies(orgId, updates);
  result.updated += updates.length;
  // New anomalies under a suppression rule in force are recorded as dismissed (never alerted).
  const suppression: (draft: AnomalyDraft) => SuppressionFields = creates.length ? await loadSuppressionMatcher(orgId, now) : () => ({});
  const createdAt = new Date();
  for (let i = 0; i < creates.length; i += WRITE_BATCH) {
    const batch = creates.slice(i, i + WRITE_BATCH);
    const suppressed = batch.map((draft) => suppression(draft));
    const detectedAt = batch.map((draft) => detectedAtFor(draft.alarmEnd ?? draft.periodEnd, now));
    const rows = batch.map((draft, k) => newAnomalyRow(orgId, draft, detectedAt[k], suppressed[k], createdAt));
    const inserted = await insertNewAnomalies(rows);
    const ids: number[] = [];
    for (const [j, id] of inserted.entries()) {
      // Someone stored this one meanwhile (runs are serialised by a lease, so this is rare).
      ids.push(id ?? (await matchStoredDraft(orgId, batch[j])));
    }
    result.created += ids.length;
    result.createdIds.push(...ids);
    ids.forEach((id, j) => {
      history.detected(id, detectedAt[j]);
      const rule = suppressed[j];
      if (rule?.suppressedBy !== undefined && rule.dismissedBy !== undefined) history.suppressed(id, rule.suppressedBy, rule.dismissedBy, rule.dismissReason ?? null, now);
    });
  }
  await history.write();

  result.removed += await withdrawAnomalies(orgId, stale.map((a) => a.id), now);
  return result;
}

/**
 * A create that found its (seriesKey, periodStart) already stored (someone wrote it meanwhile):
 * the stored row is made to match the draft, as a re-run would, and its id answered.
 */
async function matchStoredDraft(orgId: string, draft: AnomalyDraft): Promise<number> {
  const stored = await db().anomaly.findFirst({ where: { orgId, seriesKey: draft.seriesKey, periodStart: draft.periodStart }, select: { id: true } });
  if (!stored) throw new Error(`anomaly ${draft.seriesKey} ${draft.day}: neither created nor found`);
  await updateJudgedAnomalies(orgId, [{ id: stored.id, draft }]);
  return stored.id;
}

/**
 * Anomalies the current data (or settings) no longer support are withdrawn, never deleted:
 * their dismissal and alert delivery log stay, lists hide them unless asked, and a later
 * run that supports them again brings them back. Returns how many were withdrawn.
 */
export async function withdrawAnomalies(orgId: string, ids: number[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  // Which of them are still shown, so the history records only real withdrawals.
  const shown = (await db().anomaly.findMany({ where: { orgId, id: { in: ids }, withdrawnAt: null }, select: { id: true } })).map((a) => a.id);
  const r = await db().anomaly.updateMany({ where: { orgId, id: { in: shown }, withdrawnAt: null }, data: { withdrawnAt: now } });
  await recordWithdrawals(orgId, shown, now);
  return r.count;
}
