// Called by the detection run with the anomalies it just created or escalated. Only
// queues AlertDelivery rows (no network here), so a slow receiver never slows detection
// down; the delivery loop sends them with bounded concurrency, timeouts and retries.
import { db } from "@/lib/db/client";
import { alertConfig } from "@/lib/config";
import { anomalyPayload, type AlertPayload } from "./payload";
import { kickDeliveries } from "./deliver";
import { isDigest, matchedRule, type RuleAnomaly, type RuleDestination } from "./rules";
import { dispatchForecastAlerts } from "./forecast-alerts";
import { heldAsProvisional } from "@/lib/cloud/provisional";
import type { AlertFrequency, AlertMode, AnomalyStatus, DeliveryEvent, DeliveryStatus } from "@/lib/vocabulary";

type Destination = Pick<RuleDestination, "types" | "minSeverity" | "minImpact"> & Partial<RuleDestination> & { id: string; mode: AlertMode; frequency?: AlertFrequency };
type Anomaly = Omit<RuleAnomaly, "deviationPercent"> & { deviationPercent?: number; periodEnd: Date; status: AnomalyStatus };

const ruleDefaults = { minImpactPercent: 0, thresholdMode: "any", monitorIds: "" } as const;

/** Whether a destination wants this anomaly (type, minimum severity, monitor, dollar and percentage thresholds). */
export function matchesFilters(destination: Destination, anomaly: Anomaly): boolean {
  return matchedRule({ ...ruleDefaults, ...destination }, { deviationPercent: 0, ...anomaly }) !== null;
}

type DeliveryRow = { destinationId: string; anomalyId: number; event: DeliveryEvent; status: DeliveryStatus; payload: AlertPayload; nextAttemptAt: Date; matchedRule: string };

export async function dispatchAnomalyAlerts(orgId: string, createdIds: number[], escalatedIds: number[], now = new Date()): Promise<number> {
  // Issue 13: budgets are watched on every run, whether or not it found anything new.
  const forecastAlerts = await dispatchForecastAlerts(orgId, now).catch((error: unknown) => {
    console.error("[bandwatch] queueing forecast alerts failed", error);
    return 0;
  });
  if (createdIds.length === 0 && escalatedIds.length === 0) return forecastAlerts;
  const destinations = await db().alertDestination.findMany({ where: { orgId, enabled: true } });
  if (destinations.length === 0) return forecastAlerts;
  const org = await db().organization.findUnique({ where: { id: orgId }, select: { slug: true } });
  const ids = [...new Set([...createdIds, ...escalatedIds])];
  const anomalies = await db().anomaly.findMany({ where: { orgId, id: { in: ids } } });
  const escalated = new Set(escalatedIds);
  const oldest = now.getTime() - alertConfig.maxAgeDays * 86_400_000;
  const rows: DeliveryRow[] = [];
  for (const anomaly of anomalies) {
    if (anomaly.status !== "active" || anomaly.withdrawnAt || anomaly.periodEnd.getTime() < oldest) continue;
    if (heldAsProvisional(anomaly)) continue; // an unsettled day alerts only when it is big (issue 14)
    const event = escalated.has(anomaly.id) && !createdIds.includes(anomaly.id) ? "anomaly.escalated" : "anomaly.created";
    const payload: AlertPayload = { event, organization: org?.slug ?? orgId, anomaly: anomalyPayload(anomaly) };
    for (const destination of destinations) {
      const rule = matchedRule(destination, anomaly);
      if (rule === null) continue;
      const digest = isDigest(destination);
      rows.push({
        destinationId: destination.id,
        anomalyId: anomaly.id,
        event: event === "anomaly.created" ? "created" : "escalated",
        // Digest destinations collect items; the loop sends one message per digest period.
        status: digest ? "batched" : "pending",
        payload,
        nextAttemptAt: now,
        matchedRule: digest ? `${rule} (${destination.frequency === "immediate" ? "digest" : `${destination.frequency} digest`})` : rule,
      });
    }
  }
  if (rows.length) {
    await db().alertDelivery.createMany({ data: rows });
    kickDeliveries();
  }
  return rows.length + forecastAlerts;
}
