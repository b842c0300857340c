// Issue 13: the month-end forecast (GET /api/v1/providers/{id}/forecast) and the provider budget.
import { z } from "zod";
import { isoDay } from "@/lib/http/schemas";

export const MAX_BUDGET = 1e12;

export const forecastQuery = z.object({
  // The day the forecast is made on (default today, UTC): the month is this day's month.
  as_of: isoDay.optional(),
});

export const providerForecast = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  currency: z.string(),
  spent_to_date: z.number(),
  forecast_total: z.number(),
  lower: z.number(),
  upper: z.number(),
  last_month_total: z.number(),
  // Additions: the provider's budget (null: none), whether the forecast exceeds it, the last
  // day with data, and the monthly charges expected in the rest of the month.
  budget: z.number().nullable(),
  over_budget: z.boolean(),
  data_through: isoDay.nullable(),
  recurring_to_come: z.number(),
});
export type ProviderForecastJson = z.infer<typeof providerForecast>;
export const providerForecastResponse = z.object({ data: providerForecast });

export const budgetField = z
  .number({ message: "must be a number or null" })
  .min(0, { message: "must not be negative" })
  .max(MAX_BUDGET, { message: `must be at most ${MAX_BUDGET}` })
  .nullable();
