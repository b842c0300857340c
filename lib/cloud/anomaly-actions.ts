// Issue 13: what people do to a cloud anomaly besides dismissing it: give feedback (accurate,
// not accurate, planned) and reopen a dismissal. Each writes the anomaly's history and the
// organization's audit log in the same transaction as the change.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { notFound } from "@/lib/http/errors";
import { recordAnomalyEvents } from "@/lib/anomalies/history";
import type { FeedbackInput } from "@/lib/anomalies/history-json";
import { recordAudit } from "@/lib/org/audit";
import { CLOUD_ANOMALY_TYPES } from "@/lib/vocabulary";
import type { CloudAnomalyDetailJson } from "./schemas";
import { getAnomaly } from "./anomalies";

/** Shown as the dismissal's reason when "planned" feedback dismisses without a note. */
export const PLANNED_REASON = "Planned activity";

async function findCloudAnomalyStatus(org: Pick<OrgRef, "id">, id: number) {
  const row = await db().anomaly.findFirst({ where: { id, orgId: org.id, type: { in: [...CLOUD_ANOMALY_TYPES] } }, select: { id: true, status: true } });
  if (!row) throw notFound("Anomaly");
  return row;
}

/**
 * Records feedback. "planned" behaves like a dismissal (an active anomaly becomes dismissed,
 * with the note as its reason); "not_accurate" mutes look-alikes on the series for a while
 * (lib/anomalies/feedback.ts); "accurate" only records the verdict. Giving feedback again
 * appends to the history: the latest verdict is the one that counts.
 */
export async function giveAnomalyFeedback(org: Pick<OrgRef, "id">, id: number, input: FeedbackInput, actor: string, now = new Date()): Promise<CloudAnomalyDetailJson> {
  const row = await findCloudAnomalyStatus(org, id);
  const note = input.note?.trim() ? input.note.trim() : null;
  const dismiss = input.feedback === "planned" && row.status === "active";
  await db().$transaction(async (tx) => {
    if (dismiss) {
      const reason = note ?? PLANNED_REASON;
      await tx.anomaly.updateMany({ where: { id, orgId: org.id }, data: { status: "dismissed", dismissReason: reason, dismissedBy: actor, dismissedAt: now } });
      await recordAnomalyEvents([{ orgId: org.id, anomalyId: id, action: "dismissed", by: actor, at: now, reason, details: { via: "feedback" } }], tx);
    }
    await recordAnomalyEvents([{ orgId: org.id, anomalyId: id, action: "feedback", by: actor, at: now, reason: note, feedback: input.feedback }], tx);
    await recordAudit({ orgId: org.id, actor, action: "anomaly.feedback", targetType: "anomaly", targetId: id, details: { feedback: input.feedback, note, dismissed: dismiss }, at: now }, tx);
  });
  return getAnomaly(org, id);
}

/** Undoes a dismissal; reopening an anomaly that is not dismissed changes nothing (idempotent). */
export async function reopenAnomaly(org: Pick<OrgRef, "id">, id: number, actor: string, now = new Date()): Promise<CloudAnomalyDetailJson> {
  const row = await findCloudAnomalyStatus(org, id);
  if (row.status === "dismissed") {
    await db().$transaction(async (tx) => {
      // Conditional on the status, so two reopens at once record one event.
      const changed = await tx.anomaly.updateMany({
        where: { id, orgId: org.id, status: "dismissed" },
        data: { status: "active", dismissReason: null, dismissedBy: null, dismissedAt: null },
      });
      if (changed.count === 0) return;
      await recordAnomalyEvents([{ orgId: org.id, anomalyId: id, action: "reopened", by: actor, at: now }], tx);
      await recordAudit({ orgId: org.id, actor, action: "anomaly.reopen", targetType: "anomaly", targetId: id, at: now }, tx);
    });
  }
  return getAnomaly(org, id);
}
