// Issue 13: a provider's month-end forecast, read from its daily spend (lib/cloud/forecast-math.ts),
// and its monthly budget. Every query is scoped by the caller's organization.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { badParameter, notFound } from "@/lib/http/errors";
import { config } from "@/lib/config";
import { addDays, dataDayProblem, todayUtc } from "@/lib/time";
import { loadCostSeries } from "./series";
import { forecastMonth, monthBounds } from "./forecast-math";
import type { ProviderForecastJson } from "./forecast-schemas";

/** History the engine learns the weekly pattern, level and monthly charges from. */
const FORECAST_HISTORY_DAYS = 182;

const money = (n: number) => Math.round(n * 100) / 100;

type ProviderRef = { id: number; orgId: string; currency: string; budget: number | null };

export async function forecastForProvider(provider: ProviderRef, asOf: string): Promise<ProviderForecastJson> {
  const { first, last } = monthBounds(asOf);
  const series = await loadCostSeries(provider.orgId, provider.id, last, addDays(first, -FORECAST_HISTORY_DAYS));
  const figures = forecastMonth(series, asOf, config.costFloor);
  const withData = series.days.filter((d, i) => d <= asOf && series.total[i] !== null);
  const forecastTotal = money(figures.forecastTotal);
  return {
    month: first.slice(0, 7),
    currency: provider.currency,
    spent_to_date: money(figures.spentToDate),
    forecast_total: forecastTotal,
    lower: money(figures.lower),
    upper: money(figures.upper),
    last_month_total: money(figures.lastMonthTotal),
    budget: provider.budget,
    over_budget: provider.budget !== null && forecastTotal > provider.budget,
    data_through: withData.length ? withData[withData.length - 1] : null,
    recurring_to_come: money(figures.recurringToCome),
  };
}

export async function getProviderForecast(org: Pick<OrgRef, "id">, providerId: number, asOf?: string, now = new Date()): Promise<ProviderForecastJson> {
  if (asOf !== undefined) {
    const problem = dataDayProblem(asOf, now);
    if (problem) throw badParameter("as_of", problem);
  }
  const provider = await db().provider.findFirst({ where: { id: providerId, orgId: org.id }, select: { id: true, orgId: true, currency: true, budget: true } });
  if (!provider) throw notFound("Provider");
  return forecastForProvider(provider, asOf ?? todayUtc(now));
}

/** Sets (or with null, clears) the provider's monthly budget, in its currency. */
export async function setProviderBudget(org: Pick<OrgRef, "id">, providerId: number, budget: number | null): Promise<void> {
  const result = await db().provider.updateMany({ where: { id: providerId, orgId: org.id }, data: { budget } });
  if (result.count === 0) throw notFound("Provider");
}

export interface ProviderForecastItem extends ProviderForecastJson {
  provider_id: number;
  provider_name: string;
}

/** The overview's card: every provider with cost data, its forecast against last month. */
export async function listProviderForecasts(org: Pick<OrgRef, "id">, now = new Date()): Promise<ProviderForecastItem[]> {
  const providers = await db().provider.findMany({ where: { orgId: org.id }, orderBy: { id: "asc" }, select: { id: true, orgId: true, name: true, currency: true, budget: true } });
  const out: ProviderForecastItem[] = [];
  for (const provider of providers) {
    const forecast = await forecastForProvider(provider, todayUtc(now));
    if (forecast.data_through === null && forecast.last_month_total === 0) continue;
    out.push({ ...forecast, provider_id: provider.id, provider_name: provider.name });
  }
  return out;
}
