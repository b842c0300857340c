// New anomaly rows, written with the one-parameter bulk insert (lib/db/json-rows.ts): a rebuild
// of a large organization creates thousands, and the ORM's createManyAndReturn spent half a
// millisecond on each (issue 12). Every column is given here, as the ORM would have filled it:
// its client-side defaults (publicId, updatedAt) and the schema's defaults alike.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { insertJsonRows, updateJsonRows, type ColumnSpec, type RowOf, type TableSpec } from "@/lib/db/json-rows";
import { monitorColumns } from "./monitor-fields";
import type { SuppressionFields } from "./suppressions";
import type { AnomalyDraft } from "./store";

/** What a detection run decides about an anomaly (valuesOf in store.ts): set on create, rewritten by a re-run. */
const JUDGED = {
  day: "text",
  periodEnd: "timestamp",
  peakAt: "timestamp",
  actual: "float",
  expected: "float",
  expectedLower: "float",
  expectedUpper: "float",
  deviationPercent: "float",
  severity: { enum: "Severity" },
  direction: { enum: "Direction" },
  score: "float",
  topServices: "json",
  isResolved: "bool",
  resolvedAt: "timestamp",
  lastDay: "text",
  days: "int",
  impact: "float",
  withdrawnAt: "timestamp",
} as const satisfies ColumnSpec;

/** A cost draft's monitor fields (lib/anomalies/monitor-fields.ts). */
const MONITOR = { monitorId: "int", dimensionKey: "text", dimensionValue: "text", rootCauses: "json", causeAccounts: "text", causeRegions: "text" } as const satisfies ColumnSpec;

const ANOMALY = {
  table: "Anomaly",
  columns: {
    ...JUDGED,
    ...MONITOR,
    publicId: "text",
    orgId: "text",
    type: { enum: "AnomalyType" },
    providerId: "int",
    websiteId: "text",
    metric: "text",
    seriesKey: "text",
    periodStart: "timestamp",
    status: { enum: "AnomalyStatus" },
    segmentDimension: { enum: "SegmentDimension" },
    segmentValue: "text",
    dismissReason: "text",
    dismissedBy: "text",
    dismissedAt: "timestamp",
    suppressedBy: "int",
    provisional: "bool",
    provisionalSeverity: { enum: "Severity" },
    explainedBy: "json",
    detectedAt: "timestamp",
    createdAt: "timestamp",
    updatedAt: "timestamp",
  },
} as const satisfies TableSpec<ColumnSpec>;

const KEYED = { id: "int", orgId: "text", updatedAt: "timestamp" } as const satisfies ColumnSpec;
const REJUDGED_ANOMALY = { table: "Anomaly", columns: { ...KEYED, ...JUDGED } } as const satisfies TableSpec<ColumnSpec>;
const REJUDGED_COST_ANOMALY = { table: "Anomaly", columns: { ...KEYED, ...JUDGED, ...MONITOR } } as const satisfies TableSpec<ColumnSpec>;

function judgedFields(draft: AnomalyDraft): RowOf<typeof JUDGED> {
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
    topServices: draft.topServices,
    isResolved: draft.isResolved ?? false,
    resolvedAt: draft.resolvedAt ?? null,
    lastDay: draft.lastDay ?? null,
    days: draft.days ?? 1,
    impact: draft.impact ?? 0,
    // The data supports it (again): a withdrawn anomaly comes back as it was, dismissal included.
    withdrawnAt: null,
  };
}

/** The monitor columns a cost draft sets (the schema's defaults for drafts without a monitor). */
function monitorFields(draft: AnomalyDraft): RowOf<typeof MONITOR> {
  const monitor = monitorColumns(draft.monitor);
  return {
    monitorId: monitor.monitorId ?? null,
    dimensionKey: monitor.dimensionKey ?? null,
    dimensionValue: monitor.dimensionValue ?? null,
    rootCauses: monitor.rootCauses ?? [],
    causeAccounts: monitor.causeAccounts ?? "",
    causeRegions: monitor.causeRegions ?? "",
  };
}

export type NewAnomalyRow = RowOf<typeof ANOMALY.columns>;

/** The row a draft becomes: what the sync decided (detected at, suppression) plus the schema's defaults. */
export function newAnomalyRow(orgId: string, draft: AnomalyDraft, detectedAt: Date, suppressed: SuppressionFields, createdAt: Date): NewAnomalyRow {
  return {
    ...judgedFields(draft),
    ...monitorFields(draft),
    publicId: randomUUID(),
    orgId,
    type: draft.type,
    providerId: draft.providerId ?? null,
    websiteId: draft.websiteId ?? null,
    metric: draft.metric,
    seriesKey: draft.seriesKey,
    periodStart: draft.periodStart,
    status: suppressed.status ?? "active",
    segmentDimension: null,
    segmentValue: null,
    dismissReason: suppressed.dismissReason ?? null,
    dismissedBy: suppressed.dismissedBy ?? null,
    dismissedAt: suppressed.dismissedAt ?? null,
    suppressedBy: suppressed.suppressedBy ?? null,
    provisional: false,
    provisionalSeverity: null,
    explainedBy: null,
    detectedAt,
    createdAt,
    updatedAt: createdAt,
  };
}

/**
 * Inserts the rows; a row whose (seriesKey, periodStart) is already stored is skipped, not an
 * error. Answers each row's id in the order given, undefined for a skipped one.
 */
export async function insertNewAnomalies(rows: readonly NewAnomalyRow[]): Promise<Array<number | undefined>> {
  const inserted = await insertJsonRows(db(), ANOMALY, rows, { skipConflictsOn: ["seriesKey", "periodStart"], returning: ["id", "publicId"] });
  const idOf = new Map<string, number>();
  for (const r of inserted) {
    // The driver may hand back a bigint or a number for an integer column.
    if (typeof r.publicId === "string" && (typeof r.id === "number" || typeof r.id === "bigint")) idOf.set(r.publicId, Number(r.id));
  }
  return rows.map((row) => (row.publicId === null ? undefined : idOf.get(row.publicId)));
}

/**
 * Rewrites stored anomalies of `orgId` to what their drafts say now (a re-run's changed figures)
 * with the one-parameter bulk update: exact figures, as the inserts store them (the ORM's writes
 * keep 16 significant digits), so an anomaly created in one run and updated in the next holds
 * what one run would have stored. Drafts without a monitor leave the monitor columns as they are.
 */
export async function updateJudgedAnomalies(orgId: string, updates: ReadonlyArray<{ id: number; draft: AnomalyDraft }>): Promise<void> {
  const updatedAt = new Date();
  const keyed = (id: number) => ({ id, orgId, updatedAt });
  const plain = updates.filter((u) => !u.draft.monitor).map((u) => ({ ...keyed(u.id), ...judgedFields(u.draft) }));
  const withMonitor = updates.filter((u) => u.draft.monitor).map((u) => ({ ...keyed(u.id), ...judgedFields(u.draft), ...monitorFields(u.draft) }));
  if (plain.length) await updateJsonRows(db(), REJUDGED_ANOMALY, ["id", "orgId"], plain);
  if (withMonitor.length) await updateJsonRows(db(), REJUDGED_COST_ANOMALY, ["id", "orgId"], withMonitor);
}
