// Schemas of the ingest APIs (/api/v1/providers/{id}/costs|metrics|imports), shared by
// the handlers and the OpenAPI document.
import { z } from "zod";
import { rowTags } from "./tag-schema";
import { bodyArray, intId, isoDay, queryBoolean, queryEnum } from "@/lib/http/schemas";
import { dataDayProblem, dataInstantProblem } from "@/lib/time";
// MAX_ABS_AMOUNT: larger amounts are input errors, and keeping them out means sums never overflow.
import { IMPORT_FORMATS, MAX_ABS_AMOUNT } from "@/lib/ingest/formats";

export const MAX_COST_ROWS = 5000;
export const MAX_METRIC_POINTS = 10000;
export const CHARGE_CATEGORIES = ["usage", "purchase", "tax", "credit", "adjustment"] as const;

export const providerIdParams = z.object({ id: intId });

/** A real day within the accepted data range (see dataDayBounds), checked against the clock at validation time. */
const realDay = isoDay.superRefine((day, ctx) => {
  const problem = dataDayProblem(day);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const label = (max: number) => z.string({ message: "must be a string" }).trim().max(max, { message: `must be at most ${max} characters` });

export const costRow = z.strictObject({
  date: realDay.describe("UTC billing day"),
  service: label(200).min(1, { message: "must not be empty" }),
  amount: z
    .number({ message: "must be a number" })
    .refine(Number.isFinite, { message: "must be a finite number" })
    .refine((n) => Math.abs(n) <= MAX_ABS_AMOUNT, { message: `must be between -${MAX_ABS_AMOUNT} and ${MAX_ABS_AMOUNT}` }),
  region: label(100).optional(),
  account_id: label(100).optional(),
  usage_type: label(200).optional(),
  charge_category: z.enum(CHARGE_CATEGORIES, { message: `must be one of: ${CHARGE_CATEGORIES.join(", ")}` }).optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, { message: "must be a 3-letter ISO 4217 code" })
    .transform((c) => c.toUpperCase())
    .optional(),
  tags: rowTags.optional(),
});
export type CostRowInput = z.output<typeof costRow>;

export const costIngestBody = bodyArray(costRow, { max: MAX_COST_ROWS, items: "rows", shape: "cost rows" }).describe("Daily amounts per service. A row sets the amount of its (date, service, region, account, usage type, category) key; rows with the same key in one request are summed.");

const timestamp = z.string({ message: "must be a string" }).superRefine((s, ctx) => {
  let problem: string | null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) problem = dataDayProblem(s);
  else if (/^\d{4}-\d{2}-\d{2}T/.test(s) && !Number.isNaN(Date.parse(s))) problem = dataInstantProblem(Date.parse(s));
  else problem = "must be an ISO 8601 timestamp or a date YYYY-MM-DD";
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const metricPoint = z.strictObject({
  timestamp: timestamp.describe("When the value was measured; points are averaged per UTC day"),
  service: label(200).min(1, { message: "must not be empty" }),
  metric: z.string().regex(/^[a-z][a-z0-9_.]{0,63}$/, { message: "must be a lowercase metric name like p95_latency_ms" }),
  value: z
    .number({ message: "must be a number" })
    .refine(Number.isFinite, { message: "must be a finite number" })
    .refine((n) => Math.abs(n) <= MAX_ABS_AMOUNT, { message: `must be between -${MAX_ABS_AMOUNT} and ${MAX_ABS_AMOUNT}` }),
});
export type MetricPointInput = z.output<typeof metricPoint>;

export const metricIngestBody = bodyArray(metricPoint, { max: MAX_METRIC_POINTS, items: "points", shape: "metric points" });

export const ingestQuery = z.object({
  detect: queryBoolean.optional().describe("Run detection for the organization before answering (default false: it runs in the background)."),
});

export const costIngestResponse = z.object({
  data: z.object({
    rows_accepted: z.number().int(),
    entries_written: z.number().int(),
    days: z.array(isoDay),
    detection: z.enum(["queued", "succeeded", "skipped", "failed"]),
  }),
});

export const metricIngestResponse = z.object({
  data: z.object({
    points_accepted: z.number().int(),
    series_days_written: z.number().int(),
    days: z.array(isoDay),
    detection: z.enum(["queued", "succeeded", "skipped", "failed"]),
  }),
});

export const importQuery = z.object({
  format: queryEnum(IMPORT_FORMATS).optional().describe("Export format (default: detected from the header row; FOCUS unless it has CUR columns)."),
  force: queryBoolean.optional().describe("Import even when this exact file was imported before."),
  detect: queryBoolean.optional().describe("Re-run detection after the import (default true)."),
});

export const rejectedRow = z.object({ line: z.number().int(), reason: z.string() });

export const importSummaryJson = z.object({
  import_id: z.string(),
  status: z.enum(["succeeded", "unchanged"]),
  format: z.enum(IMPORT_FORMATS),
  file_name: z.string(),
  file_hash: z.string(),
  currency: z.string(),
  rows_read: z.number().int(),
  rows_imported: z.number().int(),
  rows_rejected: z.number().int(),
  rejected: z.array(rejectedRow).describe("The first 100 rejected rows, with their line numbers."),
  correction_rows: z.number().int(),
  days: z.array(isoDay),
  corrected_days: z.array(isoDay),
  services: z.array(z.string()),
  totals: z.object({ usage: z.number(), other: z.number() }),
  duration_ms: z.number().int(),
  detection: z.enum(["succeeded", "skipped", "failed", "not_run"]),
});
export type ImportSummaryJson = z.infer<typeof importSummaryJson>;

export const importResponse = z.object({ data: importSummaryJson });

export const importRunJson = z.object({
  id: z.string(),
  format: z.string(),
  file_name: z.string(),
  file_hash: z.string(),
  status: z.enum(["running", "succeeded", "failed"]),
  rows_read: z.number().int(),
  rows_rejected: z.number().int(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  error: z.string().nullable().describe("Why a failed run failed, in generic terms (never internal error text)."),
  error_code: z.string().nullable().describe("Machine-readable reason of a failed run: missing_columns, empty_file, malformed_csv, corrupt_gzip, too_large, database_busy, upload_failed, expired, internal_error."),
});
export const listImportsResponse = z.object({ data: z.array(importRunJson) });

/** The CSV body of an upload, for the OpenAPI document (the handler streams it). */
export const importUploadBody = z.string().describe("A FOCUS 1.x or AWS CUR 2.0 CSV export, optionally gzip-compressed.");
