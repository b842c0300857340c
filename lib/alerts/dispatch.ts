// Called by the detection run with the anomalies it just created or escalated. Only
// queues AlertDelivery rows (no network here), so a slow receiver never slows detection
// down; the delivery loop sends them with bounded concurrency, timeouts and retries.
import { db } from "@/lib/db/client";
import { alertConfig } from "@/lib/config";
import { parseTypes } from "./destinations";
import { anomalyPayload, dollarImpact, type AlertPayload } from "./payload";
import { kickDeliveries } from "./deliver";
import { heldAsProvisional } from "@/lib/cloud/provisional";
import { SEVERITY_RANK, type AlertMode, type AnomalyStatus, type AnomalyType, type DeliveryEvent, type DeliveryStatus, type Severity } from "@/lib/vocabulary";

type Destination = { id: string; types: string; minSeverity: Severity; minImpact: number; mode: AlertMode };
type Anomaly = { type: AnomalyType; severity: Severity; actual: number; expected: number; periodEnd: Date; status: AnomalyStatus };

/** Whether a destination wants this anomaly (type, minimum severity, minimum dollar impact for cost). */
export function matchesFilters(destination: Destination, anomaly: Anomaly): boolean {
  const types = parseTypes(destination.types);
  if (types.length && !types.includes(anomaly.type)) return false;
  if (SEVERITY_RANK[anomaly.severity] < SEVERITY_RANK[destination.minSeverity]) return false;
  const impact = dollarImpact(anomaly);
  if (destination.minImpact > 0 && impact !== null && impact < destination.minImpact) return false;
  return true;
}

export async function dispatchAnomalyAlerts(orgId: string, createdIds: number[], escalatedIds: number[], now = new Date()): Promise<number> {
  if (createdIds.length === 0 && escalatedIds.length === 0) return 0;
  const destinations = await db().alertDestination.findMany({ where: { orgId, enabled: true } });
  if (destinations.length === 0) return 0;
  const org = await db().organization.findUnique({ where: { id: orgId }, select: { slug: true } });
  const ids = [...new Set([...createdIds, ...escalatedIds])];
  const anomalies = await db().anomaly.findMany({ where: { orgId, id: { in: ids } } });
  const escalated = new Set(escalatedIds);
  const oldest = now.getTime() - alertConfig.maxAgeDays * 86_400_000;
  const rows: Array<{ destinationId: string; anomalyId: number; event: DeliveryEvent; status: DeliveryStatus; payload: AlertPayload; nextAttemptAt: Date }> = [];
  for (const anomaly of anomalies) {
    if (anomaly.status !== "active" || anomaly.withdrawnAt || anomaly.periodEnd.getTime() < oldest) continue;
    if (heldAsProvisional(anomaly)) continue; // an unsettled day alerts only when it is big (issue 14)
    const event = escalated.has(anomaly.id) && !createdIds.includes(anomaly.id) ? "anomaly.escalated" : "anomaly.created";
    const payload: AlertPayload = { event, organization: org?.slug ?? orgId, anomaly: anomalyPayload(anomaly) };
    for (const destination of destinations) {
      if (!matchesFilters(destination, anomaly)) continue;
      rows.push({
        destinationId: destination.id,
        anomalyId: anomaly.id,
        event: event === "anomaly.created" ? "created" : "escalated",
        // Digest destinations collect items; the loop sends one message per digest period.
        status: destination.mode === "digest" ? "batched" : "pending",
        payload,
        nextAttemptAt: now,
      });
    }
  }
  if (rows.length) {
    await db().alertDelivery.createMany({ data: rows });
    kickDeliveries();
  }
  return rows.length;
}
