// The six hourly website metrics and how detection treats each one.
import type { Direction, SeriesKind } from "@/lib/detection";
import { isOneOf } from "@/lib/vocabulary";

export const WEB_METRICS = ["visitors", "pageviews", "bounce_rate", "conversion_rate", "error_rate", "page_load_time"] as const;
export type WebMetric = (typeof WEB_METRICS)[number];

export interface WebMetricProfile {
  kind: SeriesKind;
  /** Which way a move is a problem: traffic both ways (a fall to zero is an outage), bad rates up, conversions down. */
  direction: Direction;
  /** Counts fill silent hours with zero (no events = no traffic); rates and gauges have no value without a denominator. */
  zeroWhenMissing: boolean;
  unit: "count" | "percent" | "seconds";
  /**
   * Smallest excess beyond the band that counts. Pageviews are overdispersed (one
   * reader opening twenty pages), so tiny sites would otherwise alarm on single readers.
   */
  minAbsoluteDelta: number;
}

export const WEB_METRIC_PROFILES: Record<WebMetric, WebMetricProfile> = {
  visitors: { kind: "count", direction: "both", zeroWhenMissing: true, unit: "count", minAbsoluteDelta: 5 },
  pageviews: { kind: "count", direction: "both", zeroWhenMissing: true, unit: "count", minAbsoluteDelta: 20 },
  bounce_rate: { kind: "rate", direction: "up", zeroWhenMissing: false, unit: "percent", minAbsoluteDelta: 0 },
  conversion_rate: { kind: "rate", direction: "down", zeroWhenMissing: false, unit: "percent", minAbsoluteDelta: 0 },
  error_rate: { kind: "rate", direction: "up", zeroWhenMissing: false, unit: "percent", minAbsoluteDelta: 0 },
  page_load_time: { kind: "gauge", direction: "up", zeroWhenMissing: false, unit: "seconds", minAbsoluteDelta: 0 },
};

export function isWebMetric(name: string): name is WebMetric {
  return isOneOf(WEB_METRICS, name);
}

export function webSeriesKey(websiteId: string, metric: WebMetric): string {
  return `web:${websiteId}:${metric}`;
}

// ---------- segments (issue 15) ----------

/** A series detection judges: one of the six site metrics, or a segment's event count. */
export type SeriesMetric = WebMetric | "events";

/** Custom event names are judged on how often they occur, like a traffic count. */
const EVENTS_PROFILE: WebMetricProfile = { kind: "count", direction: "both", zeroWhenMissing: true, unit: "count", minAbsoluteDelta: 5 };

export function profileOf(metric: SeriesMetric): WebMetricProfile {
  return metric === "events" ? EVENTS_PROFILE : WEB_METRIC_PROFILES[metric];
}

/** What each rate is a rate of (the denominators stored with it), for the anomaly page. */
export const DENOMINATOR_LABELS: Partial<Record<WebMetric, string>> = {
  bounce_rate: "visitors with a pageview",
  conversion_rate: "visitors",
  error_rate: "pageviews",
  page_load_time: "timed page loads",
};
