// How website figures read on the dashboard: metric values with their unit, segments, hour ticks.
import { formatNumber } from "./format";

export function formatWebValue(metric: string, value: number | null): string {
  if (value === null) return "—";
  if (metric.endsWith("_rate")) return `${formatNumber(value)}%`;
  if (metric === "page_load_time") return `${formatNumber(value)} s`;
  return formatNumber(value);
}

export const SEGMENT_DIMENSION_LABELS: Record<string, string> = { page: "Page", referrer: "Referrer", browser: "Browser", device: "Device", event: "Event" };

export function segmentLabel(segment: { dimension: string; value: string }): string {
  return `${SEGMENT_DIMENSION_LABELS[segment.dimension] ?? segment.dimension} ${segment.value}`;
}

const hourTick = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit", timeZone: "UTC" });
export const formatHourTick = (iso: string) => hourTick.format(new Date(iso));
