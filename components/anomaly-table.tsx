"use client";
// The cloud anomalies table: filters, sorting and pagination live in the URL (API
// parameter names), data comes from the useAnomalies hook seeded by the server render.
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import type { CloudAnomalyJson, providerJson } from "@/lib/cloud/schemas";
import type { z } from "zod";
import { useAnomalies, type AnomalyFilters } from "@/lib/client/anomalies";
import { DAY_WINDOWS, PAGE_SIZE, anomalyTableSearch, parseAnomalyTableState, type AnomalyTableState, type SortKey } from "@/lib/client/anomaly-filters";
import { errorMessage } from "@/lib/client/api";
import { SeverityBadge, StatusBadge, TypeBadge } from "./badges";
import type { DismissTarget } from "./dismiss-dialog";
import { LazyDismissDialog } from "./lazy-dialogs";
import { DownloadAnomaliesCsvButton } from "./download-csv-button";
import { EmptyState, InlineError, TableSkeleton } from "./feedback";
import { formatAmount, formatDay, formatPercent } from "./format";
import { buttonSecondary, buttonSmall, cardClass } from "./styles";
import { Card } from "./ui/card";
import { DataTable, type Column } from "./ui/data-table";
import { SelectField, type SelectOption } from "./ui/field";

type Provider = z.infer<typeof providerJson>;

const TYPE_OPTIONS: Array<SelectOption<NonNullable<AnomalyFilters["type"]> | "">> = [
  { value: "", label: "All types" },
  { value: "cost", label: "Cost" },
  { value: "performance", label: "Performance" },
];
const STATUS_OPTIONS: Array<SelectOption<NonNullable<AnomalyFilters["status"]> | "">> = [
  { value: "", label: "Any status" },
  { value: "active", label: "Active" },
  { value: "dismissed", label: "Dismissed" },
];

function anomalyColumns(providerName: (id: number) => string): Column<CloudAnomalyJson, SortKey>[] {
  return [
    {
      header: "Date",
      sort: { key: "date", compare: (a, b) => a.date.localeCompare(b.date) || a.id - b.id },
      cellClassName: "whitespace-nowrap",
      cell: (a) => (
        <Link href={`/anomalies/${a.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          {formatDay(a.date)}
        </Link>
      ),
    },
    {
      header: "Type",
      cell: (a) => (
        <>
          <TypeBadge type={a.type} />
          {a.type === "performance" ? <span className="ml-1 text-xs text-slate-600">{a.metric}</span> : null}
        </>
      ),
    },
    { header: "Provider", cell: (a) => providerName(a.provider_id) },
    { header: "Severity", cell: (a) => <SeverityBadge severity={a.severity} /> },
    { header: "Actual", align: "right", sort: { key: "actual", compare: (a, b) => a.actual_amount - b.actual_amount }, cell: (a) => formatAmount(a.actual_amount, a.type) },
    { header: "Expected", align: "right", cellClassName: "text-slate-600", cell: (a) => formatAmount(a.expected_amount, a.type) },
    { header: "Deviation", align: "right", sort: { key: "deviation", compare: (a, b) => a.deviation_percent - b.deviation_percent }, cell: (a) => formatPercent(a.deviation_percent) },
    { header: "Status", cell: (a) => <StatusBadge status={a.status} /> },
  ];
}

function dismissColumn(onDismiss: (anomaly: CloudAnomalyJson) => void): Column<CloudAnomalyJson, SortKey> {
  return {
    header: "Actions",
    hideHeader: true,
    cellClassName: "text-right",
    cell: (a) =>
      a.status === "active" ? (
        <button type="button" className={buttonSmall} aria-label="Dismiss" title={`Dismiss the anomaly of ${formatDay(a.date)}`} onClick={() => onDismiss(a)}>
          Dismiss
        </button>
      ) : null,
  };
}

function AnomalyFiltersForm({ filters, providers, onChange }: { filters: AnomalyFilters; providers: Provider[]; onChange: (change: Partial<AnomalyFilters>) => void }) {
  const providerOptions: Array<SelectOption<number | "">> = [{ value: "", label: "All providers" }, ...providers.map((p) => ({ value: p.id, label: p.name }))];
  // A `days` value from a shared link that is not one of the presets still shows as chosen.
  const dayOptions = [...new Set([...DAY_WINDOWS, filters.days])].sort((a, b) => a - b).map((d) => ({ value: d, label: `Last ${d} days` }));
  return (
    <form className={`${cardClass} grid grid-cols-2 gap-3 p-4 md:grid-cols-4`} onSubmit={(e) => e.preventDefault()} aria-label="Filters">
      <SelectField id="filter-provider" label="Provider" options={providerOptions} value={filters.provider_id ?? ""} onChange={(v) => onChange({ provider_id: v === "" ? undefined : v })} />
      <SelectField id="filter-type" label="Type" options={TYPE_OPTIONS} value={filters.type ?? ""} onChange={(v) => onChange({ type: v === "" ? undefined : v })} />
      <SelectField id="filter-status" label="Status" options={STATUS_OPTIONS} value={filters.status ?? ""} onChange={(v) => onChange({ status: v === "" ? undefined : v })} />
      <SelectField id="filter-days" label="Period" options={dayOptions} value={filters.days} onChange={(days) => onChange({ days })} />
    </form>
  );
}

export function AnomalyTable({
  initialState,
  initialData,
  providers,
  canDismiss,
  actor,
}: {
  initialState: AnomalyTableState;
  initialData: CloudAnomalyJson[];
  providers: Provider[];
  canDismiss: boolean;
  actor: string;
}) {
  const searchParams = useSearchParams();
  const state = useMemo(() => parseAnomalyTableState(searchParams), [searchParams]);
  const sameFilters = JSON.stringify(state.filters) === JSON.stringify(initialState.filters);
  const query = useAnomalies(state.filters, sameFilters ? initialData : undefined);
  const [dismissTarget, setDismissTarget] = useState<DismissTarget | null>(null);
  const providerName = useMemo(() => new Map(providers.map((p) => [p.id, p.name])), [providers]);

  // pushState keeps history (Back undoes a filter) without a server round trip; Next
  // keeps useSearchParams in sync with it.
  // `filters`, when given, replaces the current set (setFilter merges a single change in),
  // so "Clear filters" can drop provider, type and status.
  function update(change: Partial<AnomalyTableState>) {
    const next: AnomalyTableState = { ...state, ...change };
    const search = anomalyTableSearch(next);
    window.history.pushState(null, "", search ? `?${search}` : window.location.pathname);
  }
  function setFilter(change: Partial<AnomalyTableState["filters"]>) {
    update({ filters: { ...state.filters, ...change }, page: 1 });
  }

  const rows = query.data ?? [];
  const filtered = state.filters.provider_id || state.filters.type || state.filters.status;
  const columns = anomalyColumns((id) => providerName.get(id) ?? `#${id}`);

  return (
    <div className="space-y-4">
      <AnomalyFiltersForm filters={state.filters} providers={providers} onChange={setFilter} />

      <Card
        headingId="anomaly-table-heading"
        title={query.isSuccess ? `${rows.length} ${rows.length === 1 ? "anomaly" : "anomalies"}` : "Anomalies"}
        flush
        actions={<TableActions filters={state.filters} fetching={query.isFetching} />}
      >
        {query.isError ? <LoadError hadData={query.data !== undefined} error={query.error} retry={() => query.refetch()} /> : null}
        {query.isError && !query.data ? null : query.isPending ? (
          <TableSkeleton />
        ) : rows.length === 0 ? (
          <EmptyState title={`No ${state.filters.status ?? ""} anomalies in the last ${state.filters.days} days`.replace("  ", " ")}>
            {filtered ? (
              <button type="button" className={buttonSecondary} onClick={() => update({ filters: { days: state.filters.days }, page: 1 })}>
                Clear filters
              </button>
            ) : (
              <>Widen the period above, or check that your providers are sending data.</>
            )}
          </EmptyState>
        ) : (
          <DataTable
            columns={canDismiss ? [...columns, dismissColumn(setDismissTarget)] : columns}
            rows={rows}
            rowKey={(a) => a.id}
            rowAttributes={(a) => ({ "data-testid": "anomaly-row", "data-anomaly-id": a.id, className: "hover:bg-slate-50" })}
            sort={{ key: state.sort, order: state.order, onSort: (sort, order) => update({ sort, order, page: 1 }) }}
            paging={{ page: state.page, pageSize: PAGE_SIZE, onPage: (page) => update({ page }) }}
            className="min-w-[40rem]"
          />
        )}
      </Card>
      {canDismiss ? <LazyDismissDialog target={dismissTarget} actor={actor} onClose={() => setDismissTarget(null)} /> : null}
    </div>
  );
}

function TableActions({ filters, fetching }: { filters: AnomalyTableState["filters"]; fetching: boolean }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <p className="text-sm text-slate-600" aria-live="polite">
        {fetching ? "Updating…" : `Last ${filters.days} days`}
      </p>
      <DownloadAnomaliesCsvButton filters={filters} />
    </div>
  );
}

/** A failed load or refresh, with the reason and a retry; rows already shown stay. */
function LoadError({ hadData, error, retry }: { hadData: boolean; error: unknown; retry: () => void }) {
  return (
    <div className="p-4">
      <InlineError>
        {hadData ? "Could not refresh the list" : "Could not load anomalies"}: {errorMessage(error)}{" "}
        <button type="button" className="underline" onClick={retry}>
          Try again
        </button>
      </InlineError>
    </div>
  );
}
