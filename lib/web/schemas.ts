// Schemas of the website analytics API (/api/external/v1), per
// ../shared/specs/zenovay-anomalies-api.md, and of the collection endpoint.
import { z } from "zod";
import { bodyArray, displayName, queryBoolean, queryEnum, queryInt, uuid } from "@/lib/http/schemas";
import { WEB_METRICS } from "@/lib/web/metrics";
import { allowedOriginsSchema } from "@/lib/web/collect-guard";
import { dataInstantProblem } from "@/lib/time";
import { SEVERITIES } from "@/lib/vocabulary";

export const ANOMALY_RANGES = ["24h", "7d", "30d", "90d"] as const;
export type AnomalyRange = (typeof ANOMALY_RANGES)[number];
export const RANGE_HOURS: Record<AnomalyRange, number> = { "24h": 24, "7d": 168, "30d": 720, "90d": 2160 };
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export const websiteIdParams = z.object({ websiteId: uuid });

/** What the anomaly list filters by: the hourly metrics, and "tracking" (no events at all: lib/web/heartbeat.ts). */
export const LISTED_WEB_METRICS = [...WEB_METRICS, "tracking"] as const;

export const listWebAnomaliesQuery = z.object({
  range: queryEnum(ANOMALY_RANGES).optional().transform((r) => r ?? "7d"),
  severity: queryEnum(SEVERITIES).optional(),
  metric: queryEnum(LISTED_WEB_METRICS).optional(),
  resolved: queryBoolean.optional(),
  limit: queryInt({ min: 1, max: MAX_LIMIT }).optional().transform((n) => n ?? DEFAULT_LIMIT),
  offset: queryInt({ min: 0, max: 1_000_000_000 }).optional().transform((n) => n ?? 0),
});
export type ListWebAnomaliesQuery = z.output<typeof listWebAnomaliesQuery>;

export const webAnomaly = z.object({
  id: z.string(),
  metric_name: z.string(),
  expected_value: z.number(),
  actual_value: z.number(),
  deviation_percentage: z.number(),
  severity: z.enum(SEVERITIES),
  detected_at: z.string(),
  is_resolved: z.boolean(),
});
export type WebAnomalyJson = z.infer<typeof webAnomaly>;

export const pagination = z.object({ total: z.number().int(), limit: z.number().int(), offset: z.number().int(), has_more: z.boolean() });
export const webAnomaliesPage = z.object({ anomalies: z.array(webAnomaly), pagination });
export type WebAnomaliesPage = z.infer<typeof webAnomaliesPage>;
export const webAnomaliesResponse = z.object({ success: z.literal(true), data: webAnomaliesPage, timestamp: z.string() });

export const websiteJson = z.object({ id: z.string(), domain: z.string(), name: z.string(), timezone: z.string(), created_at: z.string() });
export type WebsiteJson = z.infer<typeof websiteJson>;

/** The external API's success envelope (lib/web/external.ts `ok`). */
const externalEnvelope = <T extends z.ZodType>(data: T) => z.object({ success: z.literal(true), data, timestamp: z.string() });
export const externalWebsitesResponse = externalEnvelope(z.object({ websites: z.array(websiteJson) }));

// ---------- hourly metrics (bulk import and read-back) ----------

export const MAX_IMPORT_ROWS = 10_000;

const isoHour = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T\d{2}/.test(s), { message: "must be an ISO 8601 timestamp", abort: true })
  // Within the accepted data range (a row in year 9999 would make detection's hourly grid unbounded).
  .superRefine((s, ctx) => {
    const problem = dataInstantProblem(Date.parse(s));
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((s) => new Date(s));

export const metricImportRow = z.strictObject({
  hour: isoHour,
  metric: z.enum(WEB_METRICS, { message: `must be one of: ${WEB_METRICS.join(", ")}` }),
  // At most 1e12, like cost amounts: sums over many hours then stay finite.
  value: z.number({ message: "must be a number" }).finite().min(0, { message: "must not be negative" }).max(1e12, { message: "must be at most 1e12" }),
  /** Optional: what a rate is a rate of (pageviews or visitors in that hour). */
  denominator: z.number().finite().min(0).max(1e12, { message: "must be at most 1e12" }).nullable().optional(),
});
export type MetricImportRow = z.output<typeof metricImportRow>;

export const metricImportBody = bodyArray(metricImportRow, { max: MAX_IMPORT_ROWS, items: "rows", shape: "{hour, metric, value}" });

export const metricsQuery = z.object({
  metric: queryEnum(WEB_METRICS).optional(),
  hours: queryInt({ min: 1, max: 24 * 400 }).optional().transform((n) => n ?? 48),
});

/** One stored hour: the metrics recorded for it (a metric without data that hour is absent). */
export const hourlyMetrics = z.object({ hour: z.string(), metrics: z.partialRecord(z.enum(WEB_METRICS), z.number()) });
export const metricsReadResponse = externalEnvelope(z.object({ hours: z.array(hourlyMetrics) }));
export const metricImportResponse = externalEnvelope(
  z.object({ imported: z.number().int(), hours: z.number().int(), from: z.string().nullable(), to: z.string().nullable() }),
);

// ---------- the dashboard's website routes (/api/internal/websites) ----------

export const websiteIdPathParams = z.object({ id: uuid });

export const createWebsiteBody = z.strictObject({
  domain: z.string({ message: "must be a string" }).trim().min(1, { message: "is required" }).max(253, { message: "must be at most 253 characters" }),
  name: z.string().trim().max(100, { message: "must be at most 100 characters" }).optional().nullable(),
  timezone: z.string().trim().max(64, { message: "must be at most 64 characters" }).optional().nullable(),
});

export const updateWebsiteBody = z
  .strictObject({
    name: displayName.optional(),
    /** Origins whose pages may send events to /api/collect; [] allows any. */
    allowed_origins: allowedOriginsSchema.optional(),
  })
  .refine((b) => b.name !== undefined || b.allowed_origins !== undefined, { message: "send name or allowed_origins" });

export const websiteResponse = z.object({ data: websiteJson });
export const websitesResponse = z.object({ data: z.array(websiteJson) });
export const internalWebAnomaliesResponse = z.object({ data: webAnomaliesPage });

export const seriesQuery = z.object({
  metric: queryEnum(WEB_METRICS),
  hours: queryInt({ min: 1, max: 24 * 90 }).optional().transform((h) => h ?? 24 * 7),
});

/** One hour of a metric with the detector's expected value and band, for the chart. */
export const webMetricPoint = z.object({
  hour: z.string(),
  actual: z.number().nullable(),
  expected: z.number().nullable(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
});
export const seriesResponse = z.object({ data: z.array(webMetricPoint) });

// ---------- collection ----------

export const MAX_COLLECT_BYTES = 64 * 1024;
export const MAX_EVENTS_PER_REQUEST = 100;
export const EVENT_TYPES = ["pageview", "event", "error", "timing"] as const;

const shortText = (max: number) => z.string().max(max, { message: `must be at most ${max} characters` });

/** One event in Bandwatch's own format (the tracker sends these). */
export const nativeEvent = z.object({
  type: z.enum(EVENT_TYPES, { message: `must be one of: ${EVENT_TYPES.join(", ")}` }),
  url: shortText(2048).optional(),
  path: shortText(1024).optional(),
  referrer: shortText(2048).nullable().optional(),
  /** Goal name for "event", message for "error". */
  name: shortText(200).nullable().optional(),
  load_time_ms: z.number().finite().min(0).max(600_000).optional(),
  /** When it happened (backend senders, late deliveries); defaults to receipt time. */
  ts: z.union([z.string(), z.number()]).optional(),
  props: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
});
export type NativeEvent = z.infer<typeof nativeEvent>;

const siteRef = {
  website: uuid.optional(),
  website_id: uuid.optional(),
  domain: shortText(253).optional(),
};

export const nativeSingle = nativeEvent.extend(siteRef);
export const nativeBatch = z.object({
  ...siteRef,
  events: bodyArray(nativeEvent, { max: MAX_EVENTS_PER_REQUEST, items: "events", shape: "events" }),
});

/** Plausible's event API body (long or short keys), so existing snippets can point here. */
export const plausibleEvent = z.object({
  name: shortText(200).optional(),
  n: shortText(200).optional(),
  url: shortText(2048).optional(),
  u: shortText(2048).optional(),
  domain: shortText(253).optional(),
  d: shortText(253).optional(),
  referrer: shortText(2048).nullable().optional(),
  r: shortText(2048).nullable().optional(),
  props: z.union([z.record(z.string(), z.unknown()), z.string()]).optional(),
  p: z.union([z.record(z.string(), z.unknown()), z.string()]).optional(),
});

/** Events stored, and events dropped on purpose (bots, excluded paths) — not errors. */
export const collectResponse = z.object({ accepted: z.number().int(), ignored: z.number().int() });

export const collectBody = z.union([nativeBatch, nativeSingle, plausibleEvent], { message: "must be an event, {events: [...]}, or a Plausible-style event" });
