// The Anomaly.topServices Json column: the services that moved most on the anomaly's day,
// as the cloud API shows them. Client-safe (zod only), so the API schema can reuse it.
import { z } from "zod";
import { readStored } from "@/lib/vocabulary";

export const topService = z.object({ service: z.string(), amount: z.number(), vs_expected: z.number() });
export const topServices = z.array(topService);
export type TopServices = z.infer<typeof topServices>;

/** The column as syncAnomalies wrote it; throws StoredValueError for anything else. */
export function readTopServices(row: { topServices: unknown }): TopServices {
  return readStored("Anomaly.topServices", topServices, row.topServices);
}

/**
 * Whether the stored column already holds `next`. Compared field by field, not as text:
 * PostgreSQL's jsonb does not keep key order. An unreadable stored value is never the same,
 * so the next sync overwrites it.
 */
export function storedTopServicesEqual(stored: unknown, next: TopServices): boolean {
  const parsed = topServices.safeParse(stored);
  if (!parsed.success || parsed.data.length !== next.length) return false;
  return parsed.data.every((s, i) => s.service === next[i].service && s.amount === next[i].amount && s.vs_expected === next[i].vs_expected);
}
