// Issue 13: the `history` and `feedback` fields of an anomaly's detail, for every kind.
import { listAnomalyHistory, SYSTEM_ACTOR } from "./history";
import type { HistoryEntryJson } from "./history-json";
import type { AnomalyFeedback } from "@/lib/vocabulary";

export interface HistoryFields {
  history: HistoryEntryJson[];
  /** The latest feedback given on the anomaly, null when none. */
  feedback: AnomalyFeedback | null;
}

/**
 * Oldest first. Anomalies detected before the history existed have no "detected" event: the
 * detail still starts with one, at the time the anomaly was detected.
 */
export async function historyFieldsOf(row: { id: number; orgId: string; detectedAt: Date }): Promise<HistoryFields> {
  const history = await listAnomalyHistory(row.orgId, row.id);
  if (!history.some((e) => e.action === "detected")) {
    history.unshift({ action: "detected", at: row.detectedAt.toISOString(), by: SYSTEM_ACTOR, reason: null, feedback: null, details: {} });
  }
  const lastFeedback = history.filter((e) => e.action === "feedback" && e.feedback !== null).pop();
  return { history, feedback: lastFeedback?.feedback ?? null };
}

