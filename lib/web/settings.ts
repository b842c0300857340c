// Per-website settings stored as JSON in Website.settings. Severity thresholds can be
// overridden per metric ({"error_rate": {"info": 30, "warning": 80, "critical": 150}})
// or for every metric ({"default": {...}}); anything malformed falls back to the spec's table.
import { z } from "zod";
import { DEFAULT_SEVERITY_THRESHOLDS } from "@/lib/detection";
import type { SeverityThresholds } from "./detect";
import type { WebMetric } from "./metrics";

const thresholdsSchema = z
  .object({ info: z.number().positive(), warning: z.number().positive(), critical: z.number().positive() })
  .partial();

export const websiteSettingsSchema = z.record(z.string(), thresholdsSchema);

export function thresholdsFor(settingsJson: string, metric: WebMetric): SeverityThresholds {
  let parsed: unknown;
  try {
    parsed = JSON.parse(settingsJson || "{}");
  } catch {
    return { ...DEFAULT_SEVERITY_THRESHOLDS };
  }
  // Other settings share the JSON object (allowed_origins: lib/web/collect-guard.ts).
  const record = z.record(z.string(), z.unknown()).safeParse(parsed);
  const { allowed_origins: _origins, ...thresholds } = record.success ? record.data : {};
  void _origins;
  const result = websiteSettingsSchema.safeParse(thresholds);
  if (!result.success) return { ...DEFAULT_SEVERITY_THRESHOLDS };
  const merged = { ...DEFAULT_SEVERITY_THRESHOLDS, ...result.data.default, ...result.data[metric] };
  // Keep the bands ordered even if an override only moves one of them.
  return { info: merged.info, warning: Math.max(merged.warning, merged.info), critical: Math.max(merged.critical, merged.warning, merged.info) };
}
