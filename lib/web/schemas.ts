// Schemas of the website analytics API (/api/external/v1), per
// ../shared/specs/zenovay-anomalies-api.md, and of the collection endpoint.
import { anomalyHistory } from "@/lib/anomalies/history-json";
import { z } from "zod";
import { bodyArray, displayName, queryBoolean, queryEnum, queryInt, uuid } from "@/lib/http/schemas";
import { WEB_METRICS } from "@/lib/web/metrics";
import { allowedOriginsSchema } from "@/lib/web/collect-guard";
import { dataInstantProblem } from "@/lib/time";
import { ANOMALY_FEEDBACKS, ANOMALY_STATUSES, SEGMENT_DIMENSIONS, SEVERITIES, type SegmentDimension } from "@/lib/vocabulary";

export const ANOMALY_RANGES = ["24h", "7d", "30d", "90d"] as const;
export type AnomalyRange = (typeof ANOMALY_RANGES)[number];
export const RANGE_HOURS: Record<AnomalyRange, number> = { "24h": 24, "7d": 168, "30d": 720, "90d": 2160 };
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export const websiteIdParams = z.object({ websiteId: uuid });

/** What the anomaly list filters by: the hourly metrics, and "tracking" (no events at all: lib/web/heartbeat.ts). */
export const LISTED_WEB_METRICS = [...WEB_METRICS, "tracking"] as const;
/** Longest segment filter: a dimension, a colon and a stored value (at most 200 characters). */
const MAX_SEGMENT_FILTER = 220;

export type SegmentFilter = { kind: "site" } | { kind: "dimension"; dimension: SegmentDimension } | { kind: "segment"; dimension: SegmentDimension; value: string };

/**
 * `segment`: "page:/pricing" (one segment), "page" (every segment of a dimension) or "site"
 * (site-wide anomalies only). Without it, every anomaly is listed.
 */
export const segmentFilter = z
  .string()
  .max(MAX_SEGMENT_FILTER, { message: `must be at most ${MAX_SEGMENT_FILTER} characters` })
  .transform((raw, ctx): SegmentFilter => {
    if (raw === "site") return { kind: "site" };
    const colon = raw.indexOf(":");
    const dimension = colon < 0 ? raw : raw.slice(0, colon);
    const known = SEGMENT_DIMENSIONS.find((d) => d === dimension);
    if (!known || (colon >= 0 && colon === raw.length - 1)) {
      ctx.addIssue({ code: "custom", message: `must be site, a dimension (${SEGMENT_DIMENSIONS.join(", ")}) or dimension:value such as page:/pricing` });
      return z.NEVER;
    }
    return colon < 0 ? { kind: "dimension", dimension: known } : { kind: "segment", dimension: known, value: raw.slice(colon + 1) };
  });

export const listWebAnomaliesQuery = z.object({
  range: queryEnum(ANOMALY_RANGES).optional().transform((r) => r ?? "7d"),
  severity: queryEnum(SEVERITIES).optional(),
  metric: queryEnum(LISTED_WEB_METRICS).optional(),
  resolved: queryBoolean.optional(),
  limit: queryInt({ min: 1, max: MAX_LIMIT }).optional().transform((n) => n ?? DEFAULT_LIMIT),
  offset: queryInt({ min: 0, max: 1_000_000_000 }).optional().transform((n) => n ?? 0),
  segment: segmentFilter.optional(),
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
  /** Extra fields (the spec's are unchanged): the segment (null for site-wide) and whether someone dismissed it. */
  segment: z.object({ dimension: z.enum(SEGMENT_DIMENSIONS), value: z.string() }).nullable(),
  status: z.enum(ANOMALY_STATUSES),
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

// ---------- per-website detection settings (issue 15) ----------

export const MAX_THRESHOLD_PERCENT = 100_000;

const percent = z
  .number({ message: "must be a number" })
  .finite()
  .positive({ message: "must be above 0" })
  .max(MAX_THRESHOLD_PERCENT, { message: `must be at most ${MAX_THRESHOLD_PERCENT}` });

/** Deviation percentages where info, warning and critical begin, in that order. */
export const severityThresholds = z
  .strictObject({ info: percent, warning: percent, critical: percent })
  .refine((t) => t.info < t.warning && t.warning < t.critical, { message: "must satisfy info < warning < critical" });

const thresholdKeys = ["default", ...WEB_METRICS] as const;
export const thresholdOverrides = z.partialRecord(z.enum(thresholdKeys), severityThresholds);

export const segmentSettings = z.object({
  enabled: z.boolean(),
  top_n: z.number().int(),
  min_weekly_volume: z.number().int(),
});

export const websiteSettingsJson = z.object({
  timezone: z.string(),
  /** Overrides as set; metrics without one use `default`, else the spec's 50 / 100 / 200. */
  thresholds: thresholdOverrides,
  effective_thresholds: z.partialRecord(z.enum(WEB_METRICS), z.object({ info: z.number(), warning: z.number(), critical: z.number() })),
  watched_metrics: z.array(z.enum(WEB_METRICS)),
  /** Average daily pageviews (last 14 days) below which the site is not judged; 0 judges every site. */
  min_daily_pageviews: z.number().int(),
  segments: segmentSettings,
});
export type WebsiteSettingsJson = z.infer<typeof websiteSettingsJson>;
export const websiteSettingsResponse = z.object({ data: websiteSettingsJson });

export const updateWebsiteSettingsBody = z
  .strictObject({
    timezone: z.string({ message: "must be a string" }).trim().min(1, { message: "is required" }).max(64, { message: "must be at most 64 characters" }).optional(),
    thresholds: thresholdOverrides.optional(),
    watched_metrics: z
      .array(z.enum(WEB_METRICS, { message: `must be one of: ${WEB_METRICS.join(", ")}` }))
      .min(1, { message: "watch at least one metric" })
      .max(WEB_METRICS.length * 2, { message: "too many entries" })
      .optional(),
    min_daily_pageviews: z.number({ message: "must be a number" }).int({ message: "must be a whole number" }).min(0).max(10_000_000).optional(),
    segments: z
      .strictObject({
        enabled: z.boolean({ message: "must be true or false" }).optional(),
        top_n: z.number({ message: "must be a number" }).int({ message: "must be a whole number" }).min(1).max(20).optional(),
        min_weekly_volume: z.number({ message: "must be a number" }).int({ message: "must be a whole number" }).min(1).max(1_000_000_000).optional(),
      })
      .optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: "send at least one setting" });

// ---------- one web anomaly: detail, dismiss, reopen (issue 15) ----------

/** A web anomaly's id as the external API shows it (`anom_<uuid>`), or the bare UUID. */
export const webAnomalyIdParams = z.object({
  id: z
    .string()
    .max(60, { message: "must be an anomaly id such as anom_<uuid>" })
    .transform((s) => s.replace(/^anom_/, ""))
    .pipe(uuid),
});

/** One hour of the anomaly's chart; `denominator` is what a rate was computed over that hour. */
export const webAnomalyPoint = webMetricPoint.extend({ denominator: z.number().nullable() });


export const webAnomalyDetail = webAnomaly.extend({
  website_id: z.string(),
  direction: z.enum(["up", "down"]),
  expected_lower: z.number(),
  expected_upper: z.number(),
  /** The incident's extent: its first hour, the end of its last anomalous hour, and how many hours that spans. */
  period_start: z.string(),
  period_end: z.string(),
  hours: z.number().int(),
  peak_at: z.string(),
  resolved_at: z.string().nullable(),
  withdrawn_at: z.string().nullable(),
  dismissal: z.object({ reason: z.string().nullable(), dismissed_by: z.string().nullable(), dismissed_at: z.string() }).nullable(),
  /** What the rate's denominators count (e.g. "pageviews"); null for counts and segments. */
  denominator_label: z.string().nullable(),
  /** Hourly, from two days before the incident to one day after it (or now). */
  series: z.array(webAnomalyPoint),
  // Shared with the cloud detail: what happened to it, oldest first, and the latest feedback.
  history: anomalyHistory,
  feedback: z.enum(ANOMALY_FEEDBACKS).nullable(),
});
export type WebAnomalyDetailJson = z.infer<typeof webAnomalyDetail>;
export const webAnomalyDetailResponse = z.object({ data: webAnomalyDetail });
