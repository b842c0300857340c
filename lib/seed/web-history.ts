// Realistic hourly website metrics with daily and weekly rhythm and injected incidents:
// the demo seed's history and the detection tests' input.
import { gaussian, seededRandom } from "@/lib/seed/random";
import { HOUR_MS } from "@/lib/time";
import type { WebMetric } from "@/lib/web/metrics";

export type IncidentKind = "viral_spike" | "tracking_outage" | "error_jump" | "slow_pages" | "broken_checkout";

export interface InjectedIncident {
  kind: IncidentKind;
  /** First affected hour, counted back from the last hour of the history (0 = last hour). */
  startsHoursAgo: number;
  durationHours: number;
  /** Multiplier for spikes, jumps and slowdowns. */
  factor?: number;
}

export interface SiteProfile {
  /** Visitors in the busiest hour of a weekday. */
  peakVisitors: number;
  pagesPerVisit: number;
  bounceRate: number; // %
  conversionRate: number; // % of visitors; 0 = site without goals
  errorRate: number; // % of pageviews
  loadTimeSeconds: number;
  /** Local hour of the daily peak (UTC). */
  peakHourUtc: number;
  weekendFactor: number;
  incidents: InjectedIncident[];
}

export interface MetricPoint {
  hour: number;
  metric: WebMetric;
  value: number;
  denominator: number | null;
}

function poisson(rand: () => number, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = rand();
    while (p > limit) {
      k++;
      p *= rand();
    }
    return k;
  }
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(rand)));
}

function binomial(rand: () => number, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (n < 50) {
    let k = 0;
    for (let i = 0; i < n; i++) if (rand() < p) k++;
    return k;
  }
  const mean = n * p;
  return Math.min(n, Math.max(0, Math.round(mean + Math.sqrt(mean * (1 - p)) * gaussian(rand))));
}

/** Share of the daily peak at a UTC hour: a quiet night, a main bump and an evening shoulder. */
function dailyShape(hourUtc: number, peakHourUtc: number): number {
  const d = Math.min(Math.abs(hourUtc - peakHourUtc), 24 - Math.abs(hourUtc - peakHourUtc));
  const evening = Math.min(Math.abs(hourUtc - (peakHourUtc + 6)), 24 - Math.abs(hourUtc - (peakHourUtc + 6)));
  return 0.12 + 0.88 * Math.exp(-(d * d) / 18) + 0.25 * Math.exp(-(evening * evening) / 4);
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Hourly points for `hours` hours ending with the hour that starts at `lastHour`. */
export function generateSiteHistory(profile: SiteProfile, lastHour: number, hours: number, seed: number): MetricPoint[] {
  const rand = seededRandom(seed);
  const out: MetricPoint[] = [];
  const active = (h: number, kind: IncidentKind) =>
    profile.incidents.find((inc) => inc.kind === kind && h <= lastHour - inc.startsHoursAgo * HOUR_MS && h > lastHour - (inc.startsHoursAgo + inc.durationHours) * HOUR_MS);
  for (let i = hours - 1; i >= 0; i--) {
    const hour = lastHour - i * HOUR_MS;
    const date = new Date(hour);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    let mean = profile.peakVisitors * dailyShape(date.getUTCHours(), profile.peakHourUtc) * (weekend ? profile.weekendFactor : 1);
    const spike = active(hour, "viral_spike");
    if (spike) mean *= spike.factor ?? 5;
    if (active(hour, "tracking_outage")) {
      out.push({ hour, metric: "visitors", value: 0, denominator: null }, { hour, metric: "pageviews", value: 0, denominator: null });
      continue;
    }
    const visitors = poisson(rand, mean);
    const pagesPerVisit = profile.pagesPerVisit * (spike ? 0.7 : 1);
    const pageviews = Math.max(visitors, poisson(rand, visitors * pagesPerVisit));
    out.push({ hour, metric: "visitors", value: visitors, denominator: null }, { hour, metric: "pageviews", value: pageviews, denominator: null });
    if (visitors === 0) continue;
    const bounce = binomial(rand, visitors, Math.min(0.95, (profile.bounceRate / 100) * (spike ? 1.2 : 1)));
    out.push({ hour, metric: "bounce_rate", value: round((bounce / visitors) * 100, 2), denominator: visitors });
    if (profile.conversionRate > 0) {
      const rate = active(hour, "broken_checkout") ? 0 : profile.conversionRate / 100;
      out.push({ hour, metric: "conversion_rate", value: round((binomial(rand, visitors, rate) / visitors) * 100, 2), denominator: visitors });
    }
    const errorJump = active(hour, "error_jump");
    const errors = binomial(rand, pageviews, Math.min(1, (profile.errorRate / 100) * (errorJump ? (errorJump.factor ?? 6) : 1)));
    out.push({ hour, metric: "error_rate", value: round((errors / pageviews) * 100, 2), denominator: pageviews });
    const slow = active(hour, "slow_pages");
    const load = profile.loadTimeSeconds * (slow ? (slow.factor ?? 3) : 1) * (1 + 0.15 * Math.min(1, mean / (profile.peakVisitors * 2))) * Math.exp(0.08 * gaussian(rand));
    out.push({ hour, metric: "page_load_time", value: round(load, 3), denominator: pageviews });
  }
  return out;
}
