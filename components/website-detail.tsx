"use client";
import Link from "next/link";
// One website: its anomalies (severity badges; metric, resolved and range filters kept
// in the URL with the external API's names), a per-metric hourly chart with the
// expected band, and the tracking snippet to copy.
import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import type { WebAnomaliesPage, WebAnomalyJson, WebsiteJson } from "@/lib/web/schemas";
import type { WebMetricPoint } from "@/lib/web/anomalies";
import { errorMessage } from "@/lib/client/api";
import { useWebAnomalies, useWebMetricSeries } from "@/lib/client/web-anomalies";
import { SERIES_HOURS, WEB_METRIC_NAMES, WEB_RANGES, parseChartMetric, parseWebFilters, webFiltersToSearch, type WebAnomalyFilters, type WebMetricName } from "@/lib/client/web-filters";
import { SeverityBadge, StatusBadge } from "./badges";
import { ChartBoundary, LazyExpectedBandChart } from "./charts/lazy";
import { BAND_CHART_HEIGHT_PX } from "./charts/sizes";
import { ChartSkeleton, EmptyState, InlineError, TableSkeleton } from "./feedback";
import { formatDateTime, formatPercent, metricLabel } from "./format";
import { SEGMENT_DIMENSION_LABELS, formatHourTick, formatWebValue } from "./web-format";
import { buttonSecondary, labelClass } from "./styles";
import { Card } from "./ui/card";
import { DataTable, type Column } from "./ui/data-table";
import { SelectField, type SelectOption } from "./ui/field";

const formatHour = (iso: string) => formatDateTime(iso);
const formatMetricValue = formatWebValue;

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

const METRIC_OPTIONS: Array<SelectOption<WebMetricName>> = WEB_METRIC_NAMES.map((m) => ({ value: m, label: metricLabel(m) }));
const METRIC_FILTER_OPTIONS: Array<SelectOption<WebMetricName | "">> = [{ value: "", label: "All metrics" }, ...METRIC_OPTIONS];
const RESOLVED_OPTIONS: Array<SelectOption<"" | "false" | "true">> = [
  { value: "", label: "Open and resolved" },
  { value: "false", label: "Open" },
  { value: "true", label: "Resolved" },
];
const RANGE_OPTIONS: Array<SelectOption<WebAnomalyFilters["range"]>> = WEB_RANGES.map((r) => ({ value: r, label: r }));

function webAnomalyColumns(websiteId: string, chart: (metric: WebMetricName) => void, segmentHeader?: string): Column<WebAnomalyJson>[] {
  return [
    {
      header: "Detected",
      cellClassName: "whitespace-nowrap",
      cell: (a) => (
        <Link href={`/websites/${websiteId}/anomalies/${a.id}`} className="text-indigo-700 underline-offset-2 hover:underline" data-testid="web-anomaly-link">
          {formatDateTime(a.detected_at)}
        </Link>
      ),
    },
    ...(segmentHeader ? [{ header: segmentHeader, cellClassName: "max-w-[16rem] truncate", cell: (a: WebAnomalyJson) => a.segment?.value ?? "" }] : []),
    {
      header: "Metric",
      cell: (a) => (
        <button type="button" className="text-indigo-700 underline-offset-2 hover:underline" onClick={() => chart(parseChartMetric(a.metric_name, "visitors"))}>
          {metricLabel(a.metric_name)}
        </button>
      ),
    },
    { header: "Severity", cell: (a) => <SeverityBadge severity={a.severity} /> },
    { header: "Actual", align: "right", cell: (a) => formatMetricValue(a.metric_name, a.actual_value) },
    { header: "Expected", align: "right", cellClassName: "text-slate-600", cell: (a) => formatMetricValue(a.metric_name, a.expected_value) },
    { header: "Deviation", align: "right", cell: (a) => formatPercent(a.deviation_percentage) },
    {
      header: "State",
      cell: (a) => (
        <span className="flex gap-1">
          <StatusBadge status={a.is_resolved ? "resolved" : "active"} />
          {a.status === "dismissed" ? <StatusBadge status="dismissed" /> : null}
        </span>
      ),
    },
  ];
}

/** Site-wide anomalies first, then one table per segment dimension (pages, referrers, …). */
function AnomalyGroups({ websiteId, rows, chart }: { websiteId: string; rows: WebAnomalyJson[]; chart: (metric: WebMetricName) => void }) {
  const siteWide = rows.filter((a) => a.segment === null);
  const dimensions = [...new Set(rows.flatMap((a) => (a.segment ? [a.segment.dimension] : [])))];
  return (
    <>
      {siteWide.length ? (
        <DataTable columns={webAnomalyColumns(websiteId, chart)} rows={siteWide} rowKey={(a) => a.id} rowAttributes={() => ({ "data-testid": "web-anomaly-row" })} className="min-w-[36rem]" />
      ) : null}
      {dimensions.map((dimension) => {
        const label = SEGMENT_DIMENSION_LABELS[dimension] ?? dimension;
        return (
          <section key={dimension} aria-label={`${label} segments`} data-testid={`segment-group-${dimension}`}>
            <h3 className="border-t border-slate-200 px-4 pt-3 text-sm font-semibold text-slate-800">{label} segments</h3>
            <DataTable
              columns={webAnomalyColumns(websiteId, chart, label)}
              rows={rows.filter((a) => a.segment?.dimension === dimension)}
              rowKey={(a) => a.id}
              rowAttributes={() => ({ "data-testid": "web-segment-anomaly-row" })}
              className="min-w-[40rem]"
            />
          </section>
        );
      })}
    </>
  );
}

function WebAnomalyFiltersForm({ filters, onChange }: { filters: WebAnomalyFilters; onChange: (filters: WebAnomalyFilters) => void }) {
  return (
    <form className="mt-3 grid w-full grid-cols-1 gap-3 sm:grid-cols-3" aria-label="Website anomaly filters" onSubmit={(e) => e.preventDefault()}>
      <SelectField
        id="web-metric"
        label="Metric"
        options={METRIC_FILTER_OPTIONS}
        value={filters.metric ?? ""}
        onChange={(metric) => onChange({ ...filters, metric: metric === "" ? undefined : metric })}
      />
      <SelectField
        id="web-resolved"
        label="State"
        options={RESOLVED_OPTIONS}
        value={filters.resolved === undefined ? "" : filters.resolved ? "true" : "false"}
        onChange={(resolved) => onChange({ ...filters, resolved: resolved === "" ? undefined : resolved === "true" })}
      />
      <SelectField id="web-range" label="Detected within" options={RANGE_OPTIONS} value={filters.range} onChange={(range) => onChange({ ...filters, range })} />
    </form>
  );
}

function WebMetricChart({ metric, series, onMetric }: { metric: WebMetricName; series: ReturnType<typeof useWebMetricSeries>; onMetric: (metric: WebMetricName) => void }) {
  const points = (series.data ?? []).map((p) => ({ x: p.hour, actual: p.actual, expected: p.expected, lower: p.lower, upper: p.upper }));
  return (
    <Card
      headingId="web-chart-heading"
      title={`${metricLabel(metric)}, last 7 days (hourly)`}
      actions={<SelectField id="chart-metric" label="Chart metric" options={METRIC_OPTIONS} value={metric} onChange={onMetric} />}
    >
      {series.isError ? (
        <div style={{ height: BAND_CHART_HEIGHT_PX }}>
          <InlineError>Could not load the chart: {errorMessage(series.error)}</InlineError>
        </div>
      ) : series.isPending ? (
        <ChartSkeleton height={BAND_CHART_HEIGHT_PX} />
      ) : points.length === 0 ? (
        <div style={{ height: BAND_CHART_HEIGHT_PX }} className="flex items-center justify-center">
          <EmptyState title={`No ${metricLabel(metric).toLowerCase()} data in the last 7 days`}>Install the tracking snippet below; data appears within the hour.</EmptyState>
        </div>
      ) : (
        <ChartBoundary height={BAND_CHART_HEIGHT_PX}>
          <LazyExpectedBandChart points={points} format={(n) => formatMetricValue(metric, n)} formatX={formatHour} formatTick={formatHourTick} />
        </ChartBoundary>
      )}
    </Card>
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
          {website.domain} · times in UTC (site time zone {website.timezone}) ·{" "}
          <Link href={`/websites/${website.id}/settings`} className="text-indigo-700 underline-offset-2 hover:underline">
            Detection settings
          </Link>
        </p>
      </div>

      <WebMetricChart metric={chartMetric} series={series} onMetric={(metric) => update(filters, metric)} />

      <Card
        headingId="web-anomalies-heading"
        title={<>Anomalies {anomalies.data ? <span className="font-normal text-slate-600">({anomalies.data.pagination.total})</span> : null}</>}
        flush
        actions={<WebAnomalyFiltersForm filters={filters} onChange={(next) => update(next)} />}
      >
        {anomalies.isError ? (
          <div className="p-4">
            <InlineError>Could not load anomalies: {errorMessage(anomalies.error)}</InlineError>
          </div>
        ) : anomalies.isPending ? (
          <TableSkeleton />
        ) : rows.length === 0 ? (
          <EmptyState title={`No anomalies detected in the last ${filters.range}`}>Try a longer period or clear the metric filter.</EmptyState>
        ) : (
          <AnomalyGroups websiteId={website.id} rows={rows} chart={(metric) => update(filters, metric)} />
        )}
      </Card>

      <Card headingId="snippet-heading" title="Tracking snippet">
        <Snippet code={snippet} />
      </Card>
    </div>
  );
}
