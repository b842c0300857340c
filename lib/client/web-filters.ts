// A website page's URL state, with the external API's parameter names (range, metric,
// resolved) plus `chart` (the charted metric). Pure: used by the server page and the client.
export const WEB_METRIC_NAMES = ["visitors", "pageviews", "bounce_rate", "conversion_rate", "error_rate", "page_load_time"] as const;
export type WebMetricName = (typeof WEB_METRIC_NAMES)[number];
export const WEB_RANGES = ["24h", "7d", "30d", "90d"] as const;
export type WebRange = (typeof WEB_RANGES)[number];

export interface WebAnomalyFilters {
  range: WebRange;
  metric?: WebMetricName;
  resolved?: boolean;
}

/** The external API's parameter names, so the dashboard URL and API URL read the same. */
export function webFiltersToSearch(filters: WebAnomalyFilters): URLSearchParams {
  const search = new URLSearchParams({ range: filters.range });
  if (filters.metric) search.set("metric", filters.metric);
  if (filters.resolved !== undefined) search.set("resolved", String(filters.resolved));
  return search;
}

export function parseWebFilters(params: { get(name: string): string | null }): WebAnomalyFilters {
  const range = params.get("range");
  const metric = params.get("metric");
  const resolved = params.get("resolved");
  return {
    range: (WEB_RANGES as readonly string[]).includes(range ?? "") ? (range as WebRange) : "30d",
    metric: (WEB_METRIC_NAMES as readonly string[]).includes(metric ?? "") ? (metric as WebMetricName) : undefined,
    resolved: resolved === "true" ? true : resolved === "false" ? false : undefined,
  };
}


export function parseChartMetric(value: string | null, fallback: WebMetricName): WebMetricName {
  return (WEB_METRIC_NAMES as readonly string[]).includes(value ?? "") ? (value as WebMetricName) : fallback;
}

/** Hours of history the website chart shows. */
export const SERIES_HOURS = 24 * 7;
