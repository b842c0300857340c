"use client";
import Link from "next/link";
// One website: its anomalies (severity badges; metric, resolved and range filters kept
// in the URL with the external API's names), a per-metric hourly chart with the
// expected band, and the tracking snippet to copy.
import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import type { WebAnomaliesPage, WebsiteJson } from "@/lib/web/schemas";
import type { WebMetricPoint } from "@/lib/web/anomalies";
import { errorMessage } from "@/lib/client/api";
import { useWebAnomalies, useWebMetricSeries } from "@/lib/client/web-anomalies";
import { SERIES_HOURS, WEB_METRIC_NAMES, WEB_RANGES, parseChartMetric, parseWebFilters, webFiltersToSearch, type WebAnomalyFilters, type WebMetricName } from "@/lib/client/web-filters";
import { SeverityBadge, StatusBadge } from "./badges";
import { ChartBoundary, LazyExpectedBandChart } from "./charts/lazy";
import { BAND_CHART_HEIGHT_PX } from "./charts/sizes";
import { ChartSkeleton, EmptyState, InlineError, TableSkeleton } from "./feedback";
import { formatDateTime, formatNumber, formatPercent, metricLabel } from "./format";
import { buttonSecondary, cardClass, labelClass, selectClass } from "./styles";

const hourTick = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit", timeZone: "UTC" });
const formatHourTick = (iso: string) => hourTick.format(new Date(iso));
const formatHour = (iso: string) => formatDateTime(iso);

function formatMetricValue(metric: string, value: number | null): string {
  if (value === null) return "—";
  if (metric.endsWith("_rate")) return `${formatNumber(value)}%`;
  if (metric === "page_load_time") return `${formatNumber(value)} s`;
  return formatNumber(value);
}

function Snippet({ code }: { code: string }) {
  const [note, setNote] = useState("");
  return (
    <div>
      <label htmlFor="tracking-snippet" className={labelClass}>
        Paste before <code>&lt;/head&gt;</code> on every page
      </label>
      <textarea id="tracking-snippet" readOnly rows={2} value={code} onFocus={(e) => e.currentTarget.select()} className="block w-full rounded-md border border-slate-300 bg-slate-50 p-2 font-mono text-xs" />
      <div className="mt-2 flex items-center gap-3">
        <button
          type="button"
          className={buttonSecondary}
          onClick={() =>
            navigator.clipboard.writeText(code).then(
              () => setNote("Copied to the clipboard."),
              () => setNote("Could not copy automatically: select the text and copy it."),
            )
          }
        >
          Copy snippet
        </button>
        <span className="text-xs text-slate-600" aria-live="polite">
          {note}
        </span>
      </div>
    </div>
  );
}

export function WebsiteDetail({
  website,
  initialFilters,
  initialAnomalies,
  initialChartMetric,
  initialSeries,
  snippet,
}: {
  website: WebsiteJson;
  initialFilters: WebAnomalyFilters;
  initialAnomalies: WebAnomaliesPage;
  initialChartMetric: WebMetricName;
  initialSeries: WebMetricPoint[];
  snippet: string;
}) {
  const searchParams = useSearchParams();
  const filters = useMemo(() => parseWebFilters(searchParams), [searchParams]);
  const chartParam = searchParams.get("chart");
  const chartMetric = parseChartMetric(chartParam, filters.metric ?? "visitors");
  const sameFilters = JSON.stringify(filters) === JSON.stringify(initialFilters);
  const anomalies = useWebAnomalies(website.id, filters, sameFilters ? initialAnomalies : undefined);
  const series = useWebMetricSeries(website.id, chartMetric, SERIES_HOURS, chartMetric === initialChartMetric ? initialSeries : undefined);

  function update(next: WebAnomalyFilters, chart?: WebMetricName) {
    const search = webFiltersToSearch(next);
    const chosenChart = chart ?? (chartParam ? parseChartMetric(chartParam, "visitors") : null);
    if (chosenChart) search.set("chart", chosenChart);
    window.history.pushState(null, "", `?${search}`);
  }

  const rows = anomalies.data?.anomalies ?? [];
  const points = (series.data ?? []).map((p) => ({ x: p.hour, actual: p.actual, expected: p.expected, lower: p.lower, upper: p.upper }));

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600">
          <Link href="/websites" className="text-indigo-700 underline-offset-2 hover:underline">
            Websites
          </Link>{" "}
          / {website.domain}
        </p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">{website.name}</h1>
        <p className="text-sm text-slate-600">
          {website.domain} · times in UTC (site time zone {website.timezone})
        </p>
      </div>

      <section className={`${cardClass} p-4`} aria-labelledby="web-chart-heading">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="web-chart-heading" className="font-semibold">
            {metricLabel(chartMetric)}, last 7 days (hourly)
          </h2>
          <div>
            <label htmlFor="chart-metric" className={labelClass}>
              Chart metric
            </label>
            <select id="chart-metric" className={selectClass} value={chartMetric} onChange={(e) => update(filters, e.target.value as WebMetricName)}>
              {WEB_METRIC_NAMES.map((m) => (
                <option key={m} value={m}>
                  {metricLabel(m)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {series.isError ? (
          <div style={{ height: BAND_CHART_HEIGHT_PX }}>
            <InlineError>Could not load the chart: {errorMessage(series.error)}</InlineError>
          </div>
        ) : series.isPending ? (
          <ChartSkeleton height={BAND_CHART_HEIGHT_PX} />
        ) : points.length === 0 ? (
          <div style={{ height: BAND_CHART_HEIGHT_PX }} className="flex items-center justify-center">
            <EmptyState title={`No ${metricLabel(chartMetric).toLowerCase()} data in the last 7 days`}>Install the tracking snippet below; data appears within the hour.</EmptyState>
          </div>
        ) : (
          <ChartBoundary height={BAND_CHART_HEIGHT_PX}>
            <LazyExpectedBandChart points={points} format={(n) => formatMetricValue(chartMetric, n)} formatX={formatHour} formatTick={formatHourTick} />
          </ChartBoundary>
        )}
      </section>

      <section className={cardClass} aria-labelledby="web-anomalies-heading">
        <div className="border-b border-slate-200 px-4 py-3">
          <h2 id="web-anomalies-heading" className="font-semibold">
            Anomalies {anomalies.data ? <span className="font-normal text-slate-600">({anomalies.data.pagination.total})</span> : null}
          </h2>
          <form className="mt-3 grid grid-cols-1 gap-3 sm:grid-cols-3" aria-label="Website anomaly filters" onSubmit={(e) => e.preventDefault()}>
            <div>
              <label htmlFor="web-metric" className={labelClass}>
                Metric
              </label>
              <select
                id="web-metric"
                className={selectClass}
                value={filters.metric ?? ""}
                onChange={(e) => update({ ...filters, metric: (e.target.value || undefined) as WebMetricName | undefined })}
              >
                <option value="">All metrics</option>
                {WEB_METRIC_NAMES.map((m) => (
                  <option key={m} value={m}>
                    {metricLabel(m)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="web-resolved" className={labelClass}>
                State
              </label>
              <select
                id="web-resolved"
                className={selectClass}
                value={filters.resolved === undefined ? "" : String(filters.resolved)}
                onChange={(e) => update({ ...filters, resolved: e.target.value === "" ? undefined : e.target.value === "true" })}
              >
                <option value="">Open and resolved</option>
                <option value="false">Open</option>
                <option value="true">Resolved</option>
              </select>
            </div>
            <div>
              <label htmlFor="web-range" className={labelClass}>
                Detected within
              </label>
              <select id="web-range" className={selectClass} value={filters.range} onChange={(e) => update({ ...filters, range: e.target.value as WebAnomalyFilters["range"] })}>
                {WEB_RANGES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </div>
          </form>
        </div>
        {anomalies.isError ? (
          <div className="p-4">
            <InlineError>Could not load anomalies: {errorMessage(anomalies.error)}</InlineError>
          </div>
        ) : anomalies.isPending ? (
          <TableSkeleton />
        ) : rows.length === 0 ? (
          <EmptyState title={`No anomalies detected in the last ${filters.range}`}>Try a longer period or clear the metric filter.</EmptyState>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full min-w-[36rem] text-left text-sm">
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Detected
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Metric
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Severity
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Actual
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Expected
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Deviation
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    State
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {rows.map((a) => (
                  <tr key={a.id} data-testid="web-anomaly-row">
                    <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(a.detected_at)}</td>
                    <td className="px-3 py-2">
                      <button type="button" className="text-indigo-700 underline-offset-2 hover:underline" onClick={() => update(filters, a.metric_name as WebMetricName)}>
                        {metricLabel(a.metric_name)}
                      </button>
                    </td>
                    <td className="px-3 py-2">
                      <SeverityBadge severity={a.severity} />
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatMetricValue(a.metric_name, a.actual_value)}</td>
                    <td className="px-3 py-2 text-right tabular-nums text-slate-600">{formatMetricValue(a.metric_name, a.expected_value)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatPercent(a.deviation_percentage)}</td>
                    <td className="px-3 py-2">
                      <StatusBadge status={a.is_resolved ? "resolved" : "active"} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className={`${cardClass} p-4`} aria-labelledby="snippet-heading">
        <h2 id="snippet-heading" className="mb-3 font-semibold">
          Tracking snippet
        </h2>
        <Snippet code={snippet} />
      </section>
    </div>
  );
}
