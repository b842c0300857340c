// Issue 13: what the detection job's sync writes into each anomaly's history (detected,
// escalated, resolved, withdrawn), so the detail can tell the whole story oldest first.
import { recordAnomalyEvents, SYSTEM_ACTOR, type AnomalyEventDraft } from "./history";
import type { Severity } from "@/lib/vocabulary";

const EVENT_BATCH = 500;

/** Collects the events of one sync and writes them at its end, in batches. */
export class SyncHistory {
  private readonly events: AnomalyEventDraft[] = [];
  constructor(private readonly orgId: string) {}

  detected(anomalyId: number, at: Date): void {
    this.events.push({ orgId: this.orgId, anomalyId, action: "detected", by: SYSTEM_ACTOR, at });
  }

  escalated(anomalyId: number, from: Severity, to: Severity, at: Date): void {
    this.events.push({ orgId: this.orgId, anomalyId, action: "escalated", by: SYSTEM_ACTOR, at, details: { from, to } });
  }

  /** Stored as dismissed by a suppression rule in force (lib/anomalies/suppressions.ts): never alerted. */
  suppressed(anomalyId: number, ruleId: number, by: string, reason: string | null, at: Date): void {
    this.events.push({ orgId: this.orgId, anomalyId, action: "dismissed", by, at, ...(reason ? { reason } : {}), details: { via: "suppression", rule_id: ruleId } });
  }

  resolved(anomalyId: number, at: Date): void {
    this.events.push({ orgId: this.orgId, anomalyId, action: "resolved", by: SYSTEM_ACTOR, at });
  }

  async write(): Promise<void> {
    for (let i = 0; i < this.events.length; i += EVENT_BATCH) await recordAnomalyEvents(this.events.slice(i, i + EVENT_BATCH));
    this.events.length = 0;
  }
}

/** Withdrawals are written where they happen (withdrawAnomalies), for every caller. */
export async function recordWithdrawals(orgId: string, anomalyIds: number[], at: Date): Promise<void> {
  const events = anomalyIds.map((anomalyId): AnomalyEventDraft => ({ orgId, anomalyId, action: "withdrawn", by: SYSTEM_ACTOR, at }));
  for (let i = 0; i < events.length; i += EVENT_BATCH) await recordAnomalyEvents(events.slice(i, i + EVENT_BATCH));
}
