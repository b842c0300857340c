// Schemas of the cloud anomalies API (/api/v1), per ../shared/specs/infraaudit-anomalies-api.md.
import { z } from "zod";
import { displayName, intId, isoDay, queryBoolean, queryEnum, queryInt } from "@/lib/http/schemas";
import { topServices } from "@/lib/anomalies/top-services";
import { anomalyDimension, monitorListFilters, rootCauses } from "@/lib/cloud/monitor-fields-schema";
import { anomalyHistory } from "@/lib/anomalies/history-json";
import { budgetField } from "./forecast-schemas";
import { dismissSuppression } from "@/lib/anomalies/schemas";
import { ANOMALY_FEEDBACKS, ANOMALY_STATUSES, CLOUD_ANOMALY_TYPES, DIRECTIONS, PROVIDER_KINDS, SEVERITIES } from "@/lib/vocabulary";

// The provider form (app/api/internal/providers) takes its choices from here.
export { PROVIDER_KINDS };

export const DEFAULT_DAYS = 30;
export const MAX_DAYS = 3650;
export const MAX_DISMISS_REASON = 1000;
export const MAX_PAGE_SIZE = 1000;

/** Where a page of the list ends: the last anomaly's day and id, in the list's order (day, then id, descending). */
export interface AnomalyCursor {
  day: string;
  id: number;
}

/** Opaque to clients (base64url), so its form can change without breaking them. */
export function encodeAnomalyCursor(cursor: AnomalyCursor): string {
  return Buffer.from(`${cursor.day}~${cursor.id}`, "utf8").toString("base64url");
}

function decodeAnomalyCursor(text: string): AnomalyCursor | null {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(text)) return null;
  const match = /^(\d{4}-\d{2}-\d{2})~(\d{1,10})$/.exec(Buffer.from(text, "base64url").toString("utf8"));
  if (!match) return null;
  const id = Number(match[2]);
  return id >= 1 && id <= 2_147_483_647 ? { day: match[1], id } : null;
}

const anomalyCursor = z.string().transform((text, ctx) => {
  const cursor = decodeAnomalyCursor(text);
  if (cursor) return cursor;
  ctx.addIssue({ code: "custom", message: "must be the next_cursor of a previous answer" });
  return z.NEVER;
});

export const listAnomaliesQuery = z.object({
  provider_id: intId.optional(),
  type: queryEnum(CLOUD_ANOMALY_TYPES).optional(),
  status: queryEnum(ANOMALY_STATUSES).optional(),
  days: queryInt({ min: 1, max: MAX_DAYS }).optional().transform((d) => d ?? DEFAULT_DAYS),
  // Anomalies a later run no longer supports (new data, other sensitivity or floor) are kept but hidden unless asked for.
  include_withdrawn: queryBoolean.optional(),
  // Paging (beyond the spec): without `limit` the whole window is one answer, as the spec says.
  limit: queryInt({ min: 1, max: MAX_PAGE_SIZE }).optional(),
  cursor: anomalyCursor.optional(),
  ...monitorListFilters,
});
export type ListAnomaliesQuery = z.output<typeof listAnomaliesQuery>;

export const anomalyIdParams = z.object({ id: intId });
// Same integer-id rule as anomalies: "abc" or "0" is a 400, not a 404.
export const providerIdParams = anomalyIdParams;

export const dismissBody = z.strictObject({
  reason: z
    .string({ message: "must be a string" })
    .max(MAX_DISMISS_REASON, { message: `must be at most ${MAX_DISMISS_REASON} characters` })
    .optional()
    .nullable(),
  // Beyond the spec: also create a suppression rule for this many days (lib/anomalies/suppressions.ts).
  ...dismissSuppression,
}).refine((b) => b.scope === undefined || b.suppress_days !== undefined, { message: "scope needs suppress_days", path: ["scope"] });

export const cloudAnomaly = z.object({
  id: z.number().int(),
  type: z.enum(CLOUD_ANOMALY_TYPES),
  provider_id: z.number().int(),
  date: isoDay,
  actual_amount: z.number(),
  expected_amount: z.number(),
  expected_upper: z.number(),
  deviation_percent: z.number(),
  top_services: topServices,
  status: z.enum(ANOMALY_STATUSES),
  detected_at: z.string(),
  // Additions beyond the spec (clients may ignore them).
  expected_lower: z.number(),
  metric: z.string(),
  severity: z.enum(SEVERITIES),
  // The incident's extent: `date` is its first day, `last_date` its last out-of-band day so
  // far, `days` its length and `impact` the money (metric units for performance) it moved
  // away from expected over all its days (negative for a drop).
  direction: z.enum(DIRECTIONS),
  last_date: isoDay,
  days: z.number().int(),
  impact: z.number(),
  is_resolved: z.boolean(),
  resolved_at: z.string().nullable(),
  withdrawn_at: z.string().nullable(),
  // Issue 13: the cost monitor that raised it and, for account and tag monitors, the series it watches.
  monitor_id: z.number().int().nullable(),
  dimension: anomalyDimension.nullable(),
  // The suppression rule that recorded it as dismissed when it was detected (null: none).
  suppressed_by: z.number().int().nullable(),
  // Issue 14: on a day whose bill has not settled yet (re-scored when it settles); the linked
  // website whose traffic rise explains a rise in spend (its severity is one level lower).
  provisional: z.boolean(),
  explained_by: z.object({ website_id: z.string(), metric: z.string(), deviation_percent: z.number() }).nullable(),
});
export type CloudAnomalyJson = z.infer<typeof cloudAnomaly>;

export const seriesPoint = z.object({
  date: isoDay,
  actual: z.number().nullable(),
  expected: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});

export const serviceBreakdown = z.object({
  service: z.string(),
  amount: z.number(),
  expected: z.number().nullable(),
  vs_expected: z.number().nullable(),
  share: z.number(),
});

export const dismissal = z
  .object({ reason: z.string().nullable(), dismissed_by: z.string().nullable(), dismissed_at: z.string() })
  .nullable();

export const cloudAnomalyDetail = cloudAnomaly.extend({
  series: z.array(seriesPoint),
  services: z.array(serviceBreakdown),
  dismissal,
  root_causes: rootCauses,
  // Issue 13: what happened to the anomaly, oldest first, and the latest feedback given on it.
  history: anomalyHistory,
  feedback: z.enum(ANOMALY_FEEDBACKS).nullable(),
});
export type CloudAnomalyDetailJson = z.infer<typeof cloudAnomalyDetail>;

export const listAnomaliesResponse = z.object({
  data: z.array(cloudAnomaly),
  // Only with `limit`: the `cursor` of the next page, null on the last one.
  next_cursor: z.string().nullable().optional(),
});
export const anomalyDetailResponse = z.object({ data: cloudAnomalyDetail });

export const providerJson = z.object({
  id: z.number().int(),
  kind: z.enum(PROVIDER_KINDS),
  name: z.string(),
  account_id: z.string().nullable(),
  currency: z.string(),
  // Issue 13: the monthly budget (null: none), in the provider's currency.
  budget: z.number().nullable(),
  // Issue 14: days after which a day's bill is settled (learned; anomalies before that are provisional).
  settlement_days: z.number().int(),
});
export const providerListItem = providerJson.extend({
  // ok | missing (daily data stopped arriving: last_data_date is more than 2 days before today) | no_data
  data_status: z.enum(["ok", "missing", "no_data"]),
  last_data_date: isoDay.nullable(),
});
export const listProvidersResponse = z.object({ data: z.array(providerListItem) });
export const providerResponse = z.object({ data: providerJson });

// ---------- the dashboard's provider settings (/api/internal/providers) ----------

export const createProviderBody = z.strictObject({
  kind: z.enum(PROVIDER_KINDS, { message: `must be one of: ${PROVIDER_KINDS.join(", ")}` }),
  name: displayName,
  account_id: z.string().trim().max(100, { message: "must be at most 100 characters" }).optional().nullable(),
  currency: z.string().trim().regex(/^[A-Z]{3}$/, { message: "must be a 3-letter currency code" }).optional(),
});

// Issue 13: the same PATCH also sets (or with null, clears) the monthly budget the forecast is compared with.
export const renameProviderBody = z
  .strictObject({ name: displayName.optional(), budget: budgetField.optional() })
  .refine((b) => b.name !== undefined || b.budget !== undefined, { message: "must change name or budget" });
