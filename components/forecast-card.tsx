// Issue 13: the overview's "forecast vs last month" card: each provider's month-end forecast
// (with its range), last month's total and, when set, its budget. Rendered on the server.
import type { ProviderForecastItem } from "@/lib/cloud/forecast";
import { formatMoney } from "./format";
import { Card } from "./ui/card";
import { DataTable, type Column } from "./ui/data-table";

function change(f: ProviderForecastItem): string {
  if (f.last_month_total <= 0) return "—";
  const pct = ((f.forecast_total - f.last_month_total) / f.last_month_total) * 100;
  return `${pct > 0 ? "+" : ""}${pct.toFixed(1)}%`;
}

const COLUMNS: Column<ProviderForecastItem>[] = [
  { header: "Provider", rowHeader: true, cell: (f) => f.provider_name },
  { header: "Spent so far", align: "right", cell: (f) => formatMoney(f.spent_to_date, f.currency) },
  {
    header: "Forecast",
    align: "right",
    cell: (f) => (
      <span data-testid="forecast-total">
        {formatMoney(f.forecast_total, f.currency)}
        <span className="block text-xs text-slate-600">
          {formatMoney(f.lower, f.currency)} – {formatMoney(f.upper, f.currency)}
        </span>
      </span>
    ),
  },
  { header: "Last month", align: "right", cell: (f) => formatMoney(f.last_month_total, f.currency) },
  { header: "vs last month", align: "right", cell: change },
  {
    header: "Budget",
    align: "right",
    cell: (f) =>
      f.budget === null ? (
        "—"
      ) : (
        <span className={f.over_budget ? "font-medium text-red-700" : ""}>
          {formatMoney(f.budget, f.currency)}
          {f.over_budget ? " (over)" : ""}
        </span>
      ),
  },
];

export function ForecastCard({ forecasts, month }: { forecasts: ProviderForecastItem[]; month: string }) {
  if (forecasts.length === 0) return null;
  return (
    <Card headingId="forecast-heading" title={`Month-end forecast (${month}) vs last month`} flush>
      <DataTable columns={COLUMNS} rows={forecasts} rowKey={(f) => f.provider_id} caption="Each provider's spend this month so far, its forecast for the whole month and last month's total" testId="forecast-table" />
    </Card>
  );
}
