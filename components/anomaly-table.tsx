"use client";
// The cloud anomalies table: filters, sorting and pagination live in the URL (API
// parameter names), data comes from the useAnomalies hook seeded by the server render.
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import type { CloudAnomalyJson, providerJson } from "@/lib/cloud/schemas";
import type { z } from "zod";
import { useAnomalies } from "@/lib/client/anomalies";
import { DAY_WINDOWS, PAGE_SIZE, anomalyTableSearch, parseAnomalyTableState, type AnomalyTableState, type SortKey } from "@/lib/client/anomaly-filters";
import { errorMessage } from "@/lib/client/api";
import { SeverityBadge, StatusBadge, TypeBadge } from "./badges";
import { DismissDialog, type DismissTarget } from "./dismiss-dialog";
import { DownloadAnomaliesCsvButton } from "./download-csv-button";
import { EmptyState, InlineError, TableSkeleton } from "./feedback";
import { formatAmount, formatDay, formatPercent } from "./format";
import { buttonSecondary, buttonSmall, cardClass, labelClass, selectClass } from "./styles";

type Provider = z.infer<typeof providerJson>;

const SORTERS: Record<SortKey, (a: CloudAnomalyJson, b: CloudAnomalyJson) => number> = {
  date: (a, b) => a.date.localeCompare(b.date) || a.id - b.id,
  deviation: (a, b) => a.deviation_percent - b.deviation_percent,
  actual: (a, b) => a.actual_amount - b.actual_amount,
};

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
  function update(change: Partial<AnomalyTableState>) {
    const next: AnomalyTableState = { ...state, ...change, filters: { ...state.filters, ...change.filters } };
    const search = anomalyTableSearch(next);
    window.history.pushState(null, "", search ? `?${search}` : window.location.pathname);
  }
  function setFilter(change: Partial<AnomalyTableState["filters"]>) {
    update({ filters: { ...state.filters, ...change }, page: 1 });
  }
  function toggleSort(key: SortKey) {
    update({ sort: key, order: state.sort === key && state.order === "desc" ? "asc" : "desc", page: 1 });
  }

  const sorted = useMemo(() => {
    const list = [...(query.data ?? [])].sort(SORTERS[state.sort]);
    return state.order === "desc" ? list.reverse() : list;
  }, [query.data, state.sort, state.order]);
  const pageCount = Math.max(1, Math.ceil(sorted.length / PAGE_SIZE));
  const page = Math.min(state.page, pageCount);
  const visible = sorted.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const filtered = state.filters.provider_id || state.filters.type || state.filters.status;

  function sortHeader(key: SortKey, label: string, className = "") {
    const active = state.sort === key;
    return (
      <th scope="col" aria-sort={active ? (state.order === "asc" ? "ascending" : "descending") : "none"} className={`px-3 py-2 ${className}`}>
        <button type="button" onClick={() => toggleSort(key)} className="inline-flex items-center gap-1 font-medium hover:text-indigo-700">
          {label}
          <span aria-hidden="true" className="text-xs">
            {active ? (state.order === "asc" ? "▲" : "▼") : "↕"}
          </span>
        </button>
      </th>
    );
  }

  return (
    <div className="space-y-4">
      <form className={`${cardClass} grid grid-cols-2 gap-3 p-4 md:grid-cols-4`} onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <div>
          <label htmlFor="filter-provider" className={labelClass}>
            Provider
          </label>
          <select
            id="filter-provider"
            className={selectClass}
            value={state.filters.provider_id ?? ""}
            onChange={(e) => setFilter({ provider_id: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">All providers</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-type" className={labelClass}>
            Type
          </label>
          <select
            id="filter-type"
            className={selectClass}
            value={state.filters.type ?? ""}
            onChange={(e) => setFilter({ type: (e.target.value || undefined) as AnomalyTableState["filters"]["type"] })}
          >
            <option value="">All types</option>
            <option value="cost">Cost</option>
            <option value="performance">Performance</option>
          </select>
        </div>
        <div>
          <label htmlFor="filter-status" className={labelClass}>
            Status
          </label>
          <select
            id="filter-status"
            className={selectClass}
            value={state.filters.status ?? ""}
            onChange={(e) => setFilter({ status: (e.target.value || undefined) as AnomalyTableState["filters"]["status"] })}
          >
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="dismissed">Dismissed</option>
          </select>
        </div>
        <div>
          <label htmlFor="filter-days" className={labelClass}>
            Period
          </label>
          <select id="filter-days" className={selectClass} value={state.filters.days} onChange={(e) => setFilter({ days: Number(e.target.value) })}>
            {[...new Set([...DAY_WINDOWS, state.filters.days])].sort((a, b) => a - b).map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </select>
        </div>
      </form>

      <section className={cardClass} aria-labelledby="anomaly-table-heading">
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3">
          <h2 id="anomaly-table-heading" className="font-semibold">
            {query.isSuccess ? `${sorted.length} ${sorted.length === 1 ? "anomaly" : "anomalies"}` : "Anomalies"}
          </h2>
          <div className="flex flex-wrap items-center gap-3">
            <p className="text-sm text-slate-600" aria-live="polite">
              {query.isFetching ? "Updating…" : `Last ${state.filters.days} days`}
            </p>
            <DownloadAnomaliesCsvButton filters={state.filters} />
          </div>
        </div>
        {query.isError ? (
          <div className="p-4">
            <InlineError>
              {query.data ? "Could not refresh the list" : "Could not load anomalies"}: {errorMessage(query.error)}{" "}
              <button type="button" className="underline" onClick={() => query.refetch()}>
                Try again
              </button>
            </InlineError>
          </div>
        ) : null}
        {query.isError && !query.data ? null : query.isPending ? (
          <TableSkeleton />
        ) : sorted.length === 0 ? (
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
          // `relative` keeps the sr-only (absolutely positioned) header text inside the scroll
          // box; without it that text sits at its table position and widens the whole page.
          <div className="relative overflow-x-auto">
            <table className="w-full min-w-[40rem] text-left text-sm">
              <thead className="bg-slate-50 text-slate-700">
                <tr>
                  {sortHeader("date", "Date")}
                  <th scope="col" className="px-3 py-2 font-medium">
                    Type
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Provider
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Severity
                  </th>
                  {sortHeader("actual", "Actual", "text-right")}
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Expected
                  </th>
                  {sortHeader("deviation", "Deviation", "text-right")}
                  <th scope="col" className="px-3 py-2 font-medium">
                    Status
                  </th>
                  {canDismiss ? (
                    <th scope="col" className="px-3 py-2 font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {visible.map((a) => (
                  <tr key={a.id} data-testid="anomaly-row" data-anomaly-id={a.id} className="hover:bg-slate-50">
                    <td className="px-3 py-2 whitespace-nowrap">
                      <Link href={`/anomalies/${a.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline">
                        {formatDay(a.date)}
                      </Link>
                    </td>
                    <td className="px-3 py-2">
                      <TypeBadge type={a.type} />
                      {a.type === "performance" ? <span className="ml-1 text-xs text-slate-600">{a.metric}</span> : null}
                    </td>
                    <td className="px-3 py-2">{providerName.get(a.provider_id) ?? `#${a.provider_id}`}</td>
                    <td className="px-3 py-2">
                      <SeverityBadge severity={a.severity} />
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatAmount(a.actual_amount, a.type)}</td>
                    <td className="px-3 py-2 text-right tabular-nums text-slate-600">{formatAmount(a.expected_amount, a.type)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatPercent(a.deviation_percent)}</td>
                    <td className="px-3 py-2">
                      <StatusBadge status={a.status} />
                    </td>
                    {canDismiss ? (
                      <td className="px-3 py-2 text-right">
                        {a.status === "active" ? (
                          <button
                            type="button"
                            className={buttonSmall}
                            aria-label="Dismiss"
                            title={`Dismiss the anomaly of ${formatDay(a.date)}`}
                            onClick={() => setDismissTarget(a)}
                          >
                            Dismiss
                          </button>
                        ) : null}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {pageCount > 1 ? (
          <nav aria-label="Pagination" className="flex items-center justify-between border-t border-slate-200 px-4 py-3 text-sm">
            <button type="button" className={buttonSmall} disabled={page <= 1} onClick={() => update({ page: page - 1 })}>
              Previous
            </button>
            <span>
              Page {page} of {pageCount}
            </span>
            <button type="button" className={buttonSmall} disabled={page >= pageCount} onClick={() => update({ page: page + 1 })}>
              Next
            </button>
          </nav>
        ) : null}
      </section>
      {canDismiss ? <DismissDialog target={dismissTarget} actor={actor} onClose={() => setDismissTarget(null)} /> : null}
    </div>
  );
}
