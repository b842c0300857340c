// The anomalies page's URL state. Filters use the API's own parameter names
// (provider_id, type, status, days) so a shared dashboard link reads like an API
// call; sort/order/page are the table's. Invalid values fall back to defaults
// instead of breaking the page. Pure: used by the server page and the client table.
import type { AnomalyFilters } from "./anomalies";

export const DAY_WINDOWS = [7, 30, 90, 180, 365] as const;
export const SORT_KEYS = ["date", "deviation", "actual"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const PAGE_SIZE = 20;

export interface AnomalyTableState {
  filters: AnomalyFilters;
  sort: SortKey;
  order: "asc" | "desc";
  page: number;
}

type ParamSource = { get(name: string): string | null };

function wholeNumber(value: string | null, min: number, max: number): number | undefined {
  if (!value || !/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n >= min && n <= max ? n : undefined;
}

export function parseAnomalyTableState(params: ParamSource): AnomalyTableState {
  const type = params.get("type");
  const status = params.get("status");
  const sort = params.get("sort");
  return {
    filters: {
      provider_id: wholeNumber(params.get("provider_id"), 1, 2_147_483_647),
      type: type === "cost" || type === "performance" ? type : undefined,
      status: status === "active" || status === "dismissed" ? status : undefined,
      days: wholeNumber(params.get("days"), 1, 3650) ?? 30,
    },
    sort: (SORT_KEYS as readonly string[]).includes(sort ?? "") ? (sort as SortKey) : "date",
    order: params.get("order") === "asc" ? "asc" : "desc",
    page: wholeNumber(params.get("page"), 1, 100_000) ?? 1,
  };
}

export function anomalyTableSearch(state: AnomalyTableState): string {
  const search = new URLSearchParams();
  const { filters } = state;
  if (filters.provider_id) search.set("provider_id", String(filters.provider_id));
  if (filters.type) search.set("type", filters.type);
  if (filters.status) search.set("status", filters.status);
  if (filters.days !== 30) search.set("days", String(filters.days));
  if (state.sort !== "date") search.set("sort", state.sort);
  if (state.order !== "desc") search.set("order", state.order);
  if (state.page > 1) search.set("page", String(state.page));
  return search.toString();
}

/** A Map-like view of Next's searchParams object for the parser. */
export function paramSource(record: Record<string, string | string[] | undefined>): ParamSource {
  return {
    get: (name) => {
      const value = record[name];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    },
  };
}
