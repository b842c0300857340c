// What a cost anomaly stores about its monitor and its root causes (issue 13): the monitor
// that raised it, the account or tag value its series watches, and the combinations of
// service × account × region × usage type that explain it. Client-safe (zod only), so the
// API schema reuses the root-cause shape.
import { z } from "zod";
import { readStored } from "@/lib/vocabulary";

export const rootCause = z.object({
  service: z.string(),
  account_id: z.string(),
  region: z.string(),
  usage_type: z.string(),
  amount: z.number(),
  expected: z.number(),
  vs_expected: z.number(),
  share_of_excess: z.number(),
});
export const rootCauses = z.array(rootCause);
export type RootCause = z.infer<typeof rootCause>;

export interface MonitorFields {
  monitorId: number | null;
  dimensionKey: string | null;
  dimensionValue: string | null;
  rootCauses: RootCause[];
}

/** The stored columns these fields become. */
export interface StoredMonitorFields {
  monitorId: number | null;
  dimensionKey: string | null;
  dimensionValue: string | null;
  rootCauses: unknown;
  causeAccounts: string;
  causeRegions: string;
}

/** "\n"-delimited (and "\n"-framed) so that a list filter can match one whole value with `contains`. */
export function delimitedList(values: Iterable<string>): string {
  const distinct = [...new Set([...values].filter((v) => v !== ""))].sort();
  return distinct.length ? `\n${distinct.join("\n")}\n` : "";
}

/** The column values of a draft's monitor fields (nothing for drafts without any: performance and web). */
export function monitorColumns(fields: MonitorFields | undefined): Partial<Omit<StoredMonitorFields, "rootCauses"> & { rootCauses: RootCause[] }> {
  if (!fields) return {};
  return {
    monitorId: fields.monitorId,
    dimensionKey: fields.dimensionKey,
    dimensionValue: fields.dimensionValue,
    rootCauses: fields.rootCauses,
    causeAccounts: delimitedList(fields.rootCauses.map((c) => c.account_id)),
    causeRegions: delimitedList(fields.rootCauses.map((c) => c.region)),
  };
}

export function readRootCauses(row: { rootCauses: unknown }): RootCause[] {
  return readStored("Anomaly.rootCauses", rootCauses, row.rootCauses);
}

/** Whether the stored row already holds the draft's fields (field by field: jsonb does not keep key order). */
export function sameMonitorFields(stored: StoredMonitorFields, next: MonitorFields | undefined): boolean {
  if (!next) return true;
  if (stored.monitorId !== next.monitorId || stored.dimensionKey !== next.dimensionKey || stored.dimensionValue !== next.dimensionValue) return false;
  const parsed = rootCauses.safeParse(stored.rootCauses);
  if (!parsed.success || parsed.data.length !== next.rootCauses.length) return false;
  return parsed.data.every((c, i) => JSON.stringify(Object.entries(c).sort()) === JSON.stringify(Object.entries(next.rootCauses[i]).sort()));
}
