// Issue 13: destinations that ask for it (forecast_alerts) hear once per provider and month
// when the provider's month-end forecast exceeds its budget. Queued like anomaly alerts.
import { db } from "@/lib/db/client";
import { alertConfig } from "@/lib/config";
import { todayUtc } from "@/lib/time";
import { forecastForProvider } from "@/lib/cloud/forecast";
import { readAlertPayload, type AlertPayload } from "./payload";
import { kickDeliveries } from "./deliver";

/** Keys "destination|provider|month" of the forecast alerts already queued for these destinations. */
async function alreadyAlerted(destinationIds: string[]): Promise<Set<string>> {
  const rows = await db().alertDelivery.findMany({ where: { destinationId: { in: destinationIds }, event: "forecast" }, select: { destinationId: true, payload: true } });
  const keys = new Set<string>();
  for (const row of rows) {
    const forecast = readAlertPayload(row).forecast;
    if (forecast) keys.add(`${row.destinationId}|${forecast.provider_id}|${forecast.month}`);
  }
  return keys;
}

/** Queues one "forecast" delivery per destination, provider over budget and month; returns how many. */
export async function dispatchForecastAlerts(orgId: string, now: Date): Promise<number> {
  const destinations = await db().alertDestination.findMany({ where: { orgId, enabled: true, forecastAlerts: true }, select: { id: true } });
  if (destinations.length === 0) return 0;
  const providers = await db().provider.findMany({ where: { orgId, budget: { not: null } }, select: { id: true, orgId: true, name: true, currency: true, budget: true } });
  if (providers.length === 0) return 0;
  const org = await db().organization.findUnique({ where: { id: orgId }, select: { slug: true } });
  const sent = await alreadyAlerted(destinations.map((d) => d.id));
  const rows = [];
  for (const provider of providers) {
    const forecast = await forecastForProvider(provider, todayUtc(now));
    if (!forecast.over_budget || forecast.budget === null) continue;
    const payload: AlertPayload = {
      event: "forecast.exceeded",
      organization: org?.slug ?? orgId,
      forecast: {
        provider_id: provider.id,
        provider_name: provider.name,
        month: forecast.month,
        currency: forecast.currency,
        forecast_total: forecast.forecast_total,
        budget: forecast.budget,
        spent_to_date: forecast.spent_to_date,
        url: `${alertConfig.publicUrl}/?forecast=${provider.id}`,
      },
    };
    const rule = `forecast ${forecast.forecast_total} > budget ${forecast.budget} ${forecast.currency} (${forecast.month})`;
    for (const destination of destinations) {
      if (sent.has(`${destination.id}|${provider.id}|${forecast.month}`)) continue;
      rows.push({ destinationId: destination.id, event: "forecast" as const, status: "pending" as const, payload, nextAttemptAt: now, matchedRule: rule });
    }
  }
  if (rows.length) {
    await db().alertDelivery.createMany({ data: rows });
    kickDeliveries();
  }
  return rows.length;
}
