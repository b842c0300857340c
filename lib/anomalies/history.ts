// The history of an anomaly: one append-only row per thing that happened to it, written by
// the detection job (detected, escalated, confirmed, resolved, withdrawn) and by people
// (dismissed, reopened, feedback). The detail of every anomaly kind shows it oldest first.
import { z } from "zod";
import { db, type Db } from "@/lib/db/client";
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

/** Prisma's interactive-transaction client or the client itself. */
type EventWriter = Pick<Db, "anomalyEvent">;

/** Appends events; pass the transaction's client to write them with the change they describe. */
export async function recordAnomalyEvents(events: readonly AnomalyEventDraft[], client: EventWriter = db()): Promise<void> {
  if (!events.length) return;
  await client.anomalyEvent.createMany({
    data: events.map((e) => ({
      orgId: e.orgId,
      anomalyId: e.anomalyId,
      action: e.action,
      by: e.by,
      ...(e.at ? { at: e.at } : {}),
      reason: e.reason ?? null,
      feedback: e.feedback ?? null,
      details: e.details ?? {},
    })),
  });
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
