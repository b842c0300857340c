// Per-website settings stored as JSON in Website.settings. Severity thresholds can be
// overridden per metric ({"error_rate": {"info": 30, "warning": 80, "critical": 150}})
// or for every metric ({"default": {...}}); anything malformed falls back to the spec's table.
// Issue 15 adds, beside them: which metrics are watched, the minimum traffic below which a
// site is not judged, and how segments are chosen (see websiteSettingsJson).
import { z } from "zod";
import { DEFAULT_SEVERITY_THRESHOLDS } from "@/lib/detection";
import type { SeverityThresholds } from "./detect";
import { WEB_METRICS, type WebMetric } from "./metrics";

const thresholdsSchema = z
  .object({ info: z.number().positive(), warning: z.number().positive(), critical: z.number().positive() })
  .partial();

export const websiteSettingsSchema = z.record(z.string(), thresholdsSchema);

/** Keys of the settings object that are not severity overrides. */
const OTHER_KEYS = ["allowed_origins", "watched_metrics", "min_daily_pageviews", "segments"] as const;

function parseSettings(settingsJson: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(settingsJson || "{}");
  } catch {
    return {};
  }
  const record = z.record(z.string(), z.unknown()).safeParse(parsed);
  return record.success ? record.data : {};
}

function thresholdOverrides(settings: Record<string, unknown>): z.infer<typeof websiteSettingsSchema> | null {
  const thresholds = Object.fromEntries(Object.entries(settings).filter(([key]) => !(OTHER_KEYS as readonly string[]).includes(key)));
  const result = websiteSettingsSchema.safeParse(thresholds);
  return result.success ? result.data : null;
}

export function thresholdsFor(settingsJson: string, metric: WebMetric): SeverityThresholds {
  const overrides = thresholdOverrides(parseSettings(settingsJson));
  if (!overrides) return { ...DEFAULT_SEVERITY_THRESHOLDS };
  const merged = { ...DEFAULT_SEVERITY_THRESHOLDS, ...overrides.default, ...overrides[metric] };
  // Keep the bands ordered even if an override only moves one of them.
  return { info: merged.info, warning: Math.max(merged.warning, merged.info), critical: Math.max(merged.critical, merged.warning, merged.info) };
}

// ---------- detection settings (issue 15) ----------

export const SEGMENT_DEFAULTS = { enabled: true, top_n: 5, min_weekly_volume: 200 } as const;
export const SEGMENT_LIMITS = { top_n: 20, min_weekly_volume: 1_000_000_000 } as const;
export const MAX_MIN_DAILY_PAGEVIEWS = 10_000_000;

const segmentSettingsSchema = z.object({
  enabled: z.boolean().catch(SEGMENT_DEFAULTS.enabled).default(SEGMENT_DEFAULTS.enabled),
  top_n: z.number().int().min(1).max(SEGMENT_LIMITS.top_n).catch(SEGMENT_DEFAULTS.top_n).default(SEGMENT_DEFAULTS.top_n),
  min_weekly_volume: z.number().int().min(1).max(SEGMENT_LIMITS.min_weekly_volume).catch(SEGMENT_DEFAULTS.min_weekly_volume).default(SEGMENT_DEFAULTS.min_weekly_volume),
});
export type SegmentSettings = z.output<typeof segmentSettingsSchema>;

/** Stored values read leniently: a malformed entry falls back to its default rather than stopping detection. */
const detectionSettingsSchema = z.object({
  watched_metrics: z.array(z.enum(WEB_METRICS)).catch([...WEB_METRICS]).default([...WEB_METRICS]),
  min_daily_pageviews: z.number().int().min(0).max(MAX_MIN_DAILY_PAGEVIEWS).catch(0).default(0),
  segments: segmentSettingsSchema.catch({ ...SEGMENT_DEFAULTS }).default({ ...SEGMENT_DEFAULTS }),
});
export type DetectionSettings = z.output<typeof detectionSettingsSchema>;

export function detectionSettingsOf(settingsJson: string): DetectionSettings {
  return detectionSettingsSchema.parse(parseSettings(settingsJson));
}

export type ThresholdKey = "default" | WebMetric;
export type StoredThresholds = Partial<Record<ThresholdKey, SeverityThresholds>>;

/** The overrides as set, complete ones only (a partial override from older data shows as merged). */
export function thresholdOverridesOf(settingsJson: string): StoredThresholds {
  const overrides = thresholdOverrides(parseSettings(settingsJson)) ?? {};
  const out: StoredThresholds = {};
  for (const key of ["default", ...WEB_METRICS] as const) {
    if (overrides[key]) out[key] = key === "default" ? { ...DEFAULT_SEVERITY_THRESHOLDS, ...overrides.default } : thresholdsFor(settingsJson, key);
  }
  return out;
}

/** The settings object with new values: thresholds replace every override, other keys are kept. */
export function mergeSettings(settingsJson: string, patch: { thresholds?: StoredThresholds; watched_metrics?: WebMetric[]; min_daily_pageviews?: number; segments?: Partial<SegmentSettings> }): string {
  const current = parseSettings(settingsJson);
  const kept = patch.thresholds ? Object.fromEntries(Object.entries(current).filter(([key]) => (OTHER_KEYS as readonly string[]).includes(key))) : current;
  const next: Record<string, unknown> = { ...kept, ...(patch.thresholds ?? {}) };
  if (patch.watched_metrics) next.watched_metrics = [...new Set(patch.watched_metrics)];
  if (patch.min_daily_pageviews !== undefined) next.min_daily_pageviews = patch.min_daily_pageviews;
  if (patch.segments) next.segments = { ...detectionSettingsOf(settingsJson).segments, ...patch.segments };
  return JSON.stringify(next);
}
