// How the cloud anomalies API shows and filters monitors and root causes (issue 13).
import { readRootCauses, type RootCause } from "@/lib/anomalies/monitor-fields";
import type { ListAnomaliesQuery } from "./schemas";

interface StoredRow {
  monitorId: number | null;
  dimensionKey: string | null;
  dimensionValue: string | null;
  rootCauses: unknown;
}

export function monitorJsonFields(row: Pick<StoredRow, "monitorId" | "dimensionKey" | "dimensionValue">): { monitor_id: number | null; dimension: { key: string; value: string } | null } {
  return {
    monitor_id: row.monitorId,
    dimension: row.dimensionKey !== null && row.dimensionValue !== null ? { key: row.dimensionKey, value: row.dimensionValue } : null,
  };
}

export function rootCausesJson(row: StoredRow): RootCause[] {
  return readRootCauses(row);
}

/** The list's extra filters: causeAccounts / causeRegions are "\n"-framed lists, so one whole value matches. */
export function monitorListWhere(filters: Pick<ListAnomaliesQuery, "account_id" | "region" | "monitor_id">) {
  return {
    ...(filters.monitor_id ? { monitorId: filters.monitor_id } : {}),
    ...(filters.account_id ? { causeAccounts: { contains: `\n${filters.account_id}\n` } } : {}),
    ...(filters.region ? { causeRegions: { contains: `\n${filters.region}\n` } } : {}),
  };
}
