// Turns one website metric's hourly series into incidents: runs of hours outside the
// expected band, one incident per run, resolved after enough consecutive hours back
// inside the band. Pure: the job (lib/web/job.ts) loads and stores.
import {
  DEFAULT_SEVERITY_THRESHOLDS,
  deviationPercent,
  detectSeries,
  severityForDeviation,
  symmetricDeviationPercent,
  type PointVerdict,
  type Severity,
} from "@/lib/detection";
import { HOUR_MS } from "@/lib/time";
import { profileOf, type SeriesMetric } from "./metrics";

export interface SeverityThresholds {
  info: number;
  warning: number;
  critical: number;
}

export interface HourlySeries {
  /** Start of each hour (ms), ascending, one per hour without gaps. */
  hours: number[];
  values: (number | null)[];
  /** For rates: what the rate is a rate of (pageviews, visitors); null where unknown. */
  denominators: (number | null)[];
}

export interface WebIncident {
  /** Start of the first anomalous hour. */
  startHour: number;
  /** Start of the last anomalous hour seen so far. */
  lastHour: number;
  peakHour: number;
  actual: number;
  expected: number;
  lower: number;
  upper: number;
  deviationPercent: number;
  severity: Severity;
  direction: "up" | "down";
  score: number;
  /** End of the hour that completed the run of in-band hours; null while ongoing. */
  resolvedAt: number | null;
}

export interface WebDetectOptions {
  thresholds?: SeverityThresholds;
  resolveHours?: number;
  sensitivity?: number;
}

export const WEB_SEASONAL_PERIODS = [24, 168];

export function verdictsFor(series: HourlySeries, metric: SeriesMetric, sensitivity = 0.5): PointVerdict[] {
  const profile = profileOf(metric);
  return detectSeries(series.hours, series.values, {
    kind: profile.kind,
    direction: profile.direction,
    seasonalPeriods: WEB_SEASONAL_PERIODS,
    sensitivity,
    minAbsoluteDelta: profile.minAbsoluteDelta,
    ...(profile.kind === "rate" ? { denominators: series.denominators } : {}),
  });
}

type HourState = { kind: "anomalous"; direction: "up" | "down"; symmetric: number; severity: Severity } | { kind: "mild" } | { kind: "normal" } | { kind: "unknown" };

function classify(actual: number | null, v: PointVerdict, metric: SeriesMetric, thresholds: SeverityThresholds): HourState {
  if (actual === null || !Number.isFinite(actual) || v.expected === null || v.lower === null || v.upper === null) return { kind: "unknown" };
  const direction = profileOf(metric).direction;
  // Beyond the band, or flagged by the detector's sustained-shift test (several hours
  // each moderately off, e.g. conversions at zero on a mid-sized shop) on the side that matters.
  // Only rates use the sustained path: for counts and gauges the band edge is the
  // clearer, and the forecast at a steep daily ramp can sit far below the band.
  const sustained = v.outOfBand && profileOf(metric).kind === "rate";
  const above = direction !== "down" && (actual > v.upper || (sustained && actual > v.expected));
  const below = direction !== "up" && (actual < v.lower || (sustained && actual < v.expected));
  if (!above && !below) return { kind: "normal" };
  const symmetric = symmetricDeviationPercent(actual, v.expected);
  // Outside the band but by less than the smallest severity: not an anomaly, not back to normal either.
  const severity = severityForDeviation(symmetric, thresholds);
  if (severity === null) return { kind: "mild" };
  return { kind: "anomalous", direction: above ? "up" : "down", symmetric, severity };
}

export function findWebIncidents(series: HourlySeries, metric: SeriesMetric, options: WebDetectOptions = {}): { verdicts: PointVerdict[]; incidents: WebIncident[] } {
  const thresholds = options.thresholds ?? DEFAULT_SEVERITY_THRESHOLDS;
  const resolveHours = Math.max(1, options.resolveHours ?? 2);
  const verdicts = verdictsFor(series, metric, options.sensitivity);
  const incidents: WebIncident[] = [];
  let open: (WebIncident & { peakSymmetric: number }) | null = null;
  let normalRun = 0;

  const close = (resolvedAt: number | null) => {
    if (!open) return;
    const { peakSymmetric, ...incident } = open;
    void peakSymmetric;
    incidents.push({ ...incident, resolvedAt });
    open = null;
  };

  series.hours.forEach((hour, i) => {
    const actual = series.values[i];
    const v = verdicts[i];
    const state = classify(actual, v, metric, thresholds);
    if (state.kind === "anomalous") {
      // A rise right after a fall (or the reverse) is a different incident.
      if (open && open.direction !== state.direction) close(hour);
      normalRun = 0;
      const expected = v.expected as number;
      const fields = {
        peakHour: hour,
        actual: actual as number,
        expected,
        lower: v.lower as number,
        upper: v.upper as number,
        deviationPercent: deviationPercent(actual as number, expected),
        severity: state.severity,
        score: v.score,
      };
      if (!open) {
        open = { startHour: hour, lastHour: hour, direction: state.direction, resolvedAt: null, peakSymmetric: state.symmetric, ...fields };
      } else {
        open.lastHour = hour;
        if (state.symmetric > open.peakSymmetric) Object.assign(open, fields, { peakSymmetric: state.symmetric });
      }
      return;
    }
    if (!open) return;
    if (state.kind === "mild") normalRun = 0;
    else if (state.kind === "normal") {
      normalRun += 1;
      if (normalRun >= resolveHours) {
        close(hour + HOUR_MS);
        normalRun = 0;
      }
    }
  });
  close(null);
  return { verdicts, incidents };
}
