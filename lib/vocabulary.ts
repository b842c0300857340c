// The closed sets of values the database stores: anomaly types, severities, statuses and
// directions, plans, provider and destination kinds. prisma/schema.prisma declares the same
// sets as enums (tests/unit/db/typed-storage.test.ts keeps both equal); this module is what the
// app, its API schemas and the browser import, because the generated Prisma clients are
// server-only and come in two flavours (SQLite and PostgreSQL).
import { z } from "zod";

export const PLANS = ["free", "pro", "business"] as const;
export type Plan = (typeof PLANS)[number];

export const PROVIDER_KINDS = ["aws", "gcp", "azure", "other"] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const ANOMALY_TYPES = ["cost", "performance", "web"] as const;
export type AnomalyType = (typeof ANOMALY_TYPES)[number];
/** The types the cloud API (/api/v1) lists; web anomalies belong to the external API. */
export const CLOUD_ANOMALY_TYPES = ["cost", "performance"] as const satisfies readonly AnomalyType[];
export type CloudAnomalyType = (typeof CLOUD_ANOMALY_TYPES)[number];

/** Mildest first, so an index is a rank. */
export const SEVERITIES = ["info", "warning", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export const DIRECTIONS = ["up", "down"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Set by people (dismissal); resolution and withdrawal are separate columns set by the data. */
export const ANOMALY_STATUSES = ["active", "dismissed"] as const;
export type AnomalyStatus = (typeof ANOMALY_STATUSES)[number];

/** What the history of an anomaly records (lib/anomalies/history.ts). */
export const ANOMALY_ACTIONS = ["detected", "escalated", "confirmed", "dismissed", "reopened", "feedback", "resolved", "withdrawn"] as const;
export type AnomalyAction = (typeof ANOMALY_ACTIONS)[number];
/** Web segments (issue 15): the slice of a website's traffic a segment rollup or anomaly covers. */
export const SEGMENT_DIMENSIONS = ["page", "referrer", "browser", "device", "event"] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];

export const ANOMALY_FEEDBACKS = ["accurate", "not_accurate", "planned"] as const;
export type AnomalyFeedback = (typeof ANOMALY_FEEDBACKS)[number];

/** Cost monitors (issue 13, lib/cloud/monitors.ts): what series cost detection judges. */
export const MONITOR_KINDS = ["services", "accounts", "tag"] as const;
export type MonitorKind = (typeof MONITOR_KINDS)[number];

export const DETECTION_STATUSES = ["running", "succeeded", "failed", "skipped"] as const;
export type DetectionStatus = (typeof DETECTION_STATUSES)[number];

export const IMPORT_STATUSES = ["running", "succeeded", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const DESTINATION_KINDS = ["webhook", "slack", "email"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export const ALERT_MODES = ["immediate", "digest"] as const;
export type AlertMode = (typeof ALERT_MODES)[number];

export const DELIVERY_EVENTS = ["created", "escalated", "test", "digest", "forecast"] as const;
export type DeliveryEvent = (typeof DELIVERY_EVENTS)[number];

/** Issue 13: how a destination combines min_impact ($) with min_impact_percent. */
export const THRESHOLD_MODES = ["any", "all"] as const;
export type ThresholdMode = (typeof THRESHOLD_MODES)[number];

/** Issue 13: immediate messages, or one digest per UTC day / ISO week. */
export const ALERT_FREQUENCIES = ["immediate", "daily", "weekly"] as const;
export type AlertFrequency = (typeof ALERT_FREQUENCIES)[number];

export const DELIVERY_STATUSES = ["pending", "sending", "delivered", "failed", "batched", "digested", "withdrawn"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Narrows a plain string (a raw SQL result, a comma list, user input) to one of `values`. */
export function isOneOf<const T extends string>(values: readonly T[], raw: string): raw is T {
  return values.some((v) => v === raw);
}

/** A stored value that does not match its column's shape: the row was written by something other than this app. */
export class StoredValueError extends Error {
  constructor(
    readonly column: string,
    detail: string,
  ) {
    super(`stored ${column} is not valid: ${detail}`);
    this.name = "StoredValueError";
  }
}

/**
 * Reads a stored value through its zod schema, throwing StoredValueError on corruption.
 * Json columns go through this once, where the row leaves the store.
 */
export function readStored<S extends z.ZodType>(column: string, schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new StoredValueError(column, z.prettifyError(parsed.error));
  return parsed.data;
}

/** API key scopes (issue 15), least to most: read (GETs), write (also ingest), admin (everything). */
export const API_KEY_SCOPES = ["read", "write", "admin"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];
