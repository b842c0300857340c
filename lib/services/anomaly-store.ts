// Writes detector findings into the one anomaly table shared by cost, performance
// and web detection. Keyed by (seriesKey, periodStart): re-runs update, never duplicate.
import { db } from "@/lib/db/client";
import { config } from "@/lib/config";

export interface AnomalyDraft {
  type: "cost" | "performance" | "web";
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
  severity: "info" | "warning" | "critical";
  direction: "up" | "down";
  score: number;
  topServices: Array<{ service: string; amount: number; vs_expected: number }>;
  isResolved?: boolean;
  resolvedAt?: Date | null;
}

export interface SyncResult {
  created: number;
  updated: number;
  removed: number;
  createdIds: number[];
  escalatedIds: number[];
}

const SEVERITY_RANK = { info: 0, warning: 1, critical: 2 } as const;

/**
 * When the job flags a period that ended more than one job period ago (backfill,
 * import, seed), the anomaly reads as detected when that period ended; otherwise now.
 */
export function detectedAtFor(periodEnd: Date, now: Date): Date {
  const jobPeriodMs = Math.max(1, config.detectIntervalMinutes || 60) * 60_000;
  return now.getTime() - periodEnd.getTime() > jobPeriodMs ? periodEnd : now;
}

const round = (n: number, digits = 2) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};

function sameNumbers(a: { actual: number; expected: number; expectedUpper: number; expectedLower: number; severity: string; topServices: string; periodEnd: Date; isResolved: boolean }, b: AnomalyDraft & { topJson: string }) {
  return (
    round(a.actual) === round(b.actual) &&
    round(a.expected) === round(b.expected) &&
    round(a.expectedUpper) === round(b.expectedUpper) &&
    round(a.expectedLower) === round(b.expectedLower) &&
    a.severity === b.severity &&
    a.topServices === b.topJson &&
    a.periodEnd.getTime() === b.periodEnd.getTime() &&
    a.isResolved === (b.isResolved ?? false)
  );
}

const WRITE_BATCH = 500;

function valuesOf(draft: AnomalyDraft) {
  return {
    day: draft.day,
    periodEnd: draft.periodEnd,
    peakAt: draft.peakAt,
    actual: draft.actual,
    expected: draft.expected,
    expectedLower: draft.expectedLower,
    expectedUpper: draft.expectedUpper,
    deviationPercent: draft.deviationPercent,
    severity: draft.severity,
    direction: draft.direction,
    score: draft.score,
    topServices: JSON.stringify(draft.topServices),
    isResolved: draft.isResolved ?? false,
    resolvedAt: draft.resolvedAt ?? null,
  };
}

/**
 * Makes the stored anomalies of `seriesKeys` match `drafts`. Dismissed anomalies keep
 * their status and dismissal; active anomalies that the data no longer supports
 * (a correction changed the day) are removed when `removeStale` is set.
 */
export async function syncAnomalies(orgId: string, seriesKeys: string[], drafts: AnomalyDraft[], now: Date, opts: { removeStale?: boolean } = {}): Promise<SyncResult> {
  const result: SyncResult = { created: 0, updated: 0, removed: 0, createdIds: [], escalatedIds: [] };
  if (seriesKeys.length === 0) return result;
  const existing = await db().anomaly.findMany({ where: { orgId, seriesKey: { in: seriesKeys } } });
  const byKey = new Map(existing.map((a) => [`${a.seriesKey}|${a.periodStart.getTime()}`, a]));
  const seen = new Set<string>();

  type Values = ReturnType<typeof valuesOf>;
  const updates: Array<{ id: number; values: Values }> = [];
  const creates: Array<{ draft: AnomalyDraft; values: Values }> = [];
  for (const draft of drafts) {
    const key = `${draft.seriesKey}|${draft.periodStart.getTime()}`;
    seen.add(key);
    const values = valuesOf(draft);
    const current = byKey.get(key);
    if (!current) {
      creates.push({ draft, values });
      continue;
    }
    if (sameNumbers(current, { ...draft, topJson: values.topServices })) continue;
    updates.push({ id: current.id, values });
    if (SEVERITY_RANK[draft.severity] > SEVERITY_RANK[current.severity as keyof typeof SEVERITY_RANK] && current.status === "active") {
      result.escalatedIds.push(current.id);
    }
  }

  // Batched: a first run over a large organization creates thousands of anomalies.
  for (let i = 0; i < updates.length; i += WRITE_BATCH) {
    await db().$transaction(updates.slice(i, i + WRITE_BATCH).map((u) => db().anomaly.update({ where: { id: u.id }, data: u.values })));
  }
  result.updated += updates.length;
  for (let i = 0; i < creates.length; i += WRITE_BATCH) {
    const batch = creates.slice(i, i + WRITE_BATCH);
    const data = batch.map(({ draft, values }) => ({
      ...values,
      orgId,
      type: draft.type,
      providerId: draft.providerId ?? null,
      websiteId: draft.websiteId ?? null,
      metric: draft.metric,
      seriesKey: draft.seriesKey,
      periodStart: draft.periodStart,
      detectedAt: detectedAtFor(draft.periodEnd, now),
    }));
    let ids: number[];
    try {
      ids = (await db().anomaly.createManyAndReturn({ data, select: { id: true } })).map((r) => r.id);
    } catch (error) {
      if ((error as { code?: string }).code !== "P2002") throw error;
      // Someone wrote one of these rows meanwhile (runs are serialised by a lease, so this
      // is rare): fall back to row-by-row upserts, which cannot duplicate.
      ids = [];
      for (const [j, row] of data.entries()) {
        const where = { seriesKey_periodStart: { seriesKey: row.seriesKey, periodStart: row.periodStart } };
        ids.push((await db().anomaly.upsert({ where, update: batch[j].values, create: row, select: { id: true } })).id);
      }
    }
    result.created += ids.length;
    result.createdIds.push(...ids);
  }

  if (opts.removeStale) {
    const stale = existing.filter((a) => !seen.has(`${a.seriesKey}|${a.periodStart.getTime()}`) && a.status === "active");
    if (stale.length) {
      await db().anomaly.deleteMany({ where: { orgId, id: { in: stale.map((a) => a.id) } } });
      result.removed += stale.length;
    }
  }
  return result;
}
