// The history of an anomaly: one append-only row per thing that happened to it, written by
// the detection job (detected, escalated, confirmed, resolved, withdrawn) and by people
// (dismissed, reopened, feedback). The detail of every anomaly kind shows it oldest first.
import { z } from "zod";
import { db } from "@/lib/db/client";
import { insertJsonRows, type ColumnSpec, type JsonRowWriter, type TableSpec } from "@/lib/db/json-rows";
import { readStored, type AnomalyAction, type AnomalyFeedback } from "@/lib/vocabulary";

/** Who acts when the job writes the event. */
export const SYSTEM_ACTOR = "system";

/** Free-form facts of one event (e.g. the severity before and after an escalation). */
const eventDetailsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
export type EventDetails = z.infer<typeof eventDetailsSchema>;

export interface AnomalyEventDraft {
  orgId: string;
  anomalyId: number;
  action: AnomalyAction;
  /** The user's e-mail, "api-key:<prefix>" (Principal.label) or SYSTEM_ACTOR. */
  by: string;
  at?: Date;
  reason?: string | null;
  feedback?: AnomalyFeedback | null;
  details?: EventDetails;
}

export interface AnomalyHistoryJson {
  action: AnomalyAction;
  at: string;
  by: string;
  reason: string | null;
  feedback: AnomalyFeedback | null;
  details: EventDetails;
}

const ANOMALY_EVENT = {
  table: "AnomalyEvent",
  columns: { orgId: "text", anomalyId: "int", action: { enum: "AnomalyAction" }, at: "timestamp", by: "text", reason: "text", feedback: { enum: "AnomalyFeedback" }, details: "json" },
} as const satisfies TableSpec<ColumnSpec>;

/**
 * Appends events; pass the transaction's client to write them with the change they describe.
 * One-parameter bulk insert (lib/db/json-rows.ts): a first run writes an event per new anomaly.
 */
export async function recordAnomalyEvents(events: readonly AnomalyEventDraft[], client: JsonRowWriter = db()): Promise<void> {
  if (!events.length) return;
  const now = new Date();
  await insertJsonRows(
    client,
    ANOMALY_EVENT,
    events.map((e) => ({ orgId: e.orgId, anomalyId: e.anomalyId, action: e.action, at: e.at ?? now, by: e.by, reason: e.reason ?? null, feedback: e.feedback ?? null, details: e.details ?? {} })),
  );
}

export function readEventDetails(row: { details: unknown }): EventDetails {
  return readStored("AnomalyEvent.details", eventDetailsSchema, row.details);
}

/** Oldest first; scoped by the organization like every read. */
export async function listAnomalyHistory(orgId: string, anomalyId: number): Promise<AnomalyHistoryJson[]> {
  const rows = await db().anomalyEvent.findMany({ where: { orgId, anomalyId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
  return rows.map((r) => ({
    action: r.action,
    at: r.at.toISOString(),
    by: r.by,
    reason: r.reason,
    feedback: r.feedback,
    details: readEventDetails(r),
  }));
}
