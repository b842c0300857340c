/**
 * The business benchmark's corpus: a seeded generator of labelled daily cost, hourly web
 * and 5-minute infrastructure series. FROZEN: written and committed before any detector
 * tuning against it (issue 9, part 3). Changing it invalidates every figure in the
 * experiment log; add a new generator version instead of editing this one.
 *
 * One seed gives 164 series:
 *   - cost (60, daily, 420 days): 15 providers, each a provider total plus three services
 *     (a large one, a medium one, a tiny one of a few dollars a day);
 *   - web (60, hourly, 70 days): 10 websites × the six web metrics (visitors, pageviews,
 *     bounce_rate, conversion_rate, error_rate, page_load_time), traffic in the site's
 *     local time zone with a daylight-saving change inside the period;
 *   - infra (44, 5-minute, 14 days): CPU, memory, queue depth of a bursty worker pool,
 *     latency.
 *
 * Every series carries labelled windows (point indices, inclusive):
 *   - "incident": an alarm anywhere inside counts once as a hit; none is a miss;
 *   - "quiet": a must-not-alarm pattern (holiday dip, month/quarter-end batch after its
 *     first occurrence, a tiny service moving a few dollars, a recurring newsletter spike,
 *     the days after a DST change, cron load after its first occurrences, GC blips, the
 *     ordinary bursts of a bursty worker pool); an alarm inside is a false alarm, and the
 *     share of quiet windows with any alarm is reported;
 *   - "ignore": neither (warm-up, the first occurrence of a pattern nobody could know yet,
 *     side effects of an incident on other metrics); alarms there are not counted.
 * An alarm outside every window is a false alarm.
 *
 * Seeds 1, 2, 3 are the tuning seeds; seed 2027 is held back and never tuned on.
 */
import { gaussian, seededRandom } from "../lib/seed/random";

export type Family = "cost" | "web" | "infra";
export type WindowType = "incident" | "quiet" | "ignore";
export interface LabelWindow { start: number; end: number; type: WindowType; label: string }
export interface LabelledSeries {
  id: string;
  family: Family;
  /** What a user would pass as --kind, if anything (the default benchmark run passes nothing). */
  kind: "cost" | "count" | "rate" | "duration" | "gauge";
  timestamps: number[];
  values: number[];
  /** Timestamp format for the CSV: "date" (YYYY-MM-DD) or "iso". */
  format: "date" | "iso";
  windows: LabelWindow[];
}

export const TUNING_SEEDS = [1, 2, 3];
export const HELD_BACK_SEED = 2027;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MIN5 = 5 * 60_000;

type Rand = () => number;
const uniform = (r: Rand, a: number, b: number) => a + (b - a) * r();
const logUniform = (r: Rand, a: number, b: number) => Math.exp(uniform(r, Math.log(a), Math.log(b)));
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/**
 * A Poisson draw: counted for small means, the normal approximation above `normalAbove`.
 * Exported for the detection unit tests' generator (tests/unit/detection/synth.ts), which
 * switches at 50; the corpus itself always uses 40.
 */
export function poisson(r: Rand, lambda: number, normalAbove = 40): number {
  if (lambda > normalAbove) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(r)));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= r();
  } while (p > l);
  return k - 1;
}

function binomialRate(r: Rand, n: number, p: number): number {
  if (n <= 0) return NaN;
  const sd = Math.sqrt((p * (1 - p)) / n);
  const successes = n < 30 ? Array.from({ length: n }, () => (r() < p ? 1 : 0) as number).reduce((a, b) => a + b, 0) : Math.round(n * Math.min(1, Math.max(0, p + sd * gaussian(r))));
  return successes / n;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

// ---------------------------------------------------------------- cost (daily)

const COST_START = Date.UTC(2023, 10, 1);
const COST_DAYS = 420;
const US_HOLIDAYS = ["2023-11-23", "2023-12-25", "2024-01-01", "2024-05-27", "2024-07-04", "2024-09-02", "2024-11-28", "2024-12-25"];

interface ServicePlan { name: string; base: number; weekend: number; noise: number; trend: number; monthEnd: number; quarterEnd: number; holiday: number; tiny: boolean }

function isLastDayOfMonth(t: number): boolean {
  return new Date(t + DAY).getUTCDate() === 1;
}
function isQuarterEnd(t: number): boolean {
  const m = new Date(t).getUTCMonth();
  return isLastDayOfMonth(t) && m % 3 === 2;
}

/** One cost incident: multiplies a service's expected spend on days [start, end]. */
interface CostIncident { start: number; end: number; window: number; factor: (d: number) => number; label: string }

function costIncident(r: Rand, day: number): CostIncident {
  const type = pick(r, ["spike", "step", "zero", "runaway"] as const);
  if (type === "spike") {
    const len = 1 + Math.floor(r() * 3);
    const f = uniform(r, 2, 5);
    return { start: day, end: day + len - 1, window: day + len, factor: () => f, label: "spike" };
  }
  if (type === "step") {
    const f = uniform(r, 1.6, 3);
    return { start: day, end: COST_DAYS - 1, window: day + 6, factor: () => f, label: "level shift" };
  }
  if (type === "zero") {
    const len = 3 + Math.floor(r() * 8);
    return { start: day, end: day + len - 1, window: day + len - 1, factor: () => 0, label: "drop to zero" };
  }
  const f = uniform(r, 2.5, 4);
  return { start: day, end: COST_DAYS - 1, window: day + 6, factor: (d) => 1 + (f - 1) * Math.min(1, (d - day + 1) / 4), label: "runaway" };
}

function planService(r: Rand, name: string, size: "large" | "medium" | "tiny"): ServicePlan {
  const base = size === "large" ? logUniform(r, 300, 5000) : size === "medium" ? logUniform(r, 40, 400) : logUniform(r, 0.5, 5);
  const business = r() < 0.6;
  return {
    name,
    base,
    weekend: business ? uniform(r, 0.55, 0.85) : uniform(r, 0.95, 1.0),
    noise: size === "tiny" ? uniform(r, 0.1, 0.3) : uniform(r, 0.03, 0.09),
    trend: uniform(r, -0.2, 0.5) / 365,
    monthEnd: size !== "tiny" && r() < 0.4 ? uniform(r, 0.3, 1.0) : 0,
    quarterEnd: size !== "tiny" && r() < 0.3 ? uniform(r, 1.0, 2.0) : 0,
    holiday: business ? uniform(r, 0.45, 0.7) : 1,
    tiny: size === "tiny",
  };
}

/** Expected spend of one service on day d, before noise and incidents; with the day's quiet-pattern labels. */
function serviceExpected(s: ServicePlan, d: number, seen: { month: boolean; quarter: boolean }): { value: number; quiet: string | null; ignore: string | null } {
  const t = COST_START + d * DAY;
  const dow = new Date(t).getUTCDay();
  let v = s.base * (1 + s.trend * d) * (dow === 0 || dow === 6 ? s.weekend : 1);
  let quiet: string | null = null;
  let ignore: string | null = null;
  if (s.holiday < 1 && US_HOLIDAYS.includes(new Date(t).toISOString().slice(0, 10))) {
    v *= s.holiday;
    quiet = "holiday dip";
  }
  if (s.quarterEnd > 0 && isQuarterEnd(t)) {
    v *= 1 + s.quarterEnd;
    if (seen.quarter) quiet = "quarter-end batch";
    else ignore = "first quarter-end";
    seen.quarter = true;
  } else if (s.monthEnd > 0 && isLastDayOfMonth(t)) {
    v *= 1 + s.monthEnd;
    if (seen.month) quiet = "month-end batch";
    else ignore = "first month-end";
    seen.month = true;
  }
  return { value: v, quiet, ignore };
}

function dayStamps(days: number): number[] {
  return Array.from({ length: days }, (_, d) => COST_START + d * DAY);
}

function genServiceSeries(r: Rand, s: ServicePlan, incidents: CostIncident[], providerId: string): { series: LabelledSeries; expected: number[] } {
  const values: number[] = [];
  const expected: number[] = [];
  const windows: LabelWindow[] = [{ start: 0, end: 27, type: "ignore", label: "warm-up" }];
  const seen = { month: false, quarter: false };
  for (let d = 0; d < COST_DAYS; d++) {
    const e = serviceExpected(s, d, seen);
    let f = 1;
    for (const inc of incidents) if (d >= inc.start && d <= inc.end) f *= inc.factor(d);
    const noisy = e.value * f * Math.exp(s.noise * gaussian(r) - (s.noise * s.noise) / 2);
    values.push(round(Math.max(0, noisy), 2));
    expected.push(e.value);
    if (d >= 28 && e.quiet) windows.push({ start: d, end: d, type: "quiet", label: e.quiet });
    if (d >= 28 && e.ignore) windows.push({ start: d, end: d, type: "ignore", label: e.ignore });
  }
  if (s.tiny) {
    // A tiny service moving a few dollars: tripled spend for a few days, twice.
    for (const at of [Math.floor(uniform(r, 80, 200)), Math.floor(uniform(r, 220, 380))]) {
      const len = 1 + Math.floor(r() * 4);
      for (let d = at; d < at + len; d++) values[d] = round(values[d] * uniform(r, 2.5, 4), 2);
      windows.push({ start: at, end: at + len, type: "quiet", label: "tiny service moving a few dollars" });
    }
  }
  for (const inc of incidents) windows.push({ start: inc.start, end: Math.min(COST_DAYS - 1, inc.window), type: "incident", label: inc.label });
  const series: LabelledSeries = { id: `cost/${providerId}/${s.name}`, family: "cost", kind: "cost", timestamps: dayStamps(COST_DAYS), values, format: "date", windows };
  return { series, expected };
}

function genProvider(r: Rand, p: number): LabelledSeries[] {
  const providerId = `provider-${String(p + 1).padStart(2, "0")}`;
  const plans = [planService(r, "compute", "large"), planService(r, "storage", "medium"), planService(r, "dns", "tiny")];
  const out: LabelledSeries[] = [];
  const totals = new Array<number>(COST_DAYS).fill(0);
  const totalExpected = new Array<number>(COST_DAYS).fill(0);
  const incidentsByService: CostIncident[][] = plans.map((s) => {
    if (s.tiny) return [];
    const first = Math.floor(uniform(r, 60, 200));
    const list = [costIncident(r, first)];
    if (list[0].end < 250 && r() < 0.7) list.push(costIncident(r, Math.floor(uniform(r, Math.max(list[0].window + 20, 260), 400))));
    return list;
  });
  const expectedByService: number[][] = [];
  plans.forEach((s, i) => {
    const { series, expected } = genServiceSeries(r, s, incidentsByService[i], providerId);
    out.push(series);
    expectedByService.push(expected);
    for (let d = 0; d < COST_DAYS; d++) {
      totals[d] += series.values[d];
      totalExpected[d] += expected[d];
    }
  });
  // The provider total: incidents of a service are incidents of the total when they move it by
  // at least a quarter of its expected level; smaller ones are "ignore" (a dimensional
  // monitor's job, not the total's). Quiet days of the large and medium services carry over.
  const windows: LabelWindow[] = [{ start: 0, end: 27, type: "ignore", label: "warm-up" }];
  plans.forEach((s, i) => {
    const src = out[i];
    for (const w of src.windows) {
      if (w.label === "warm-up" || s.tiny) continue;
      if (w.type !== "incident") {
        windows.push(w);
        continue;
      }
      let maxShare = 0;
      for (let d = w.start; d <= w.end; d++) maxShare = Math.max(maxShare, Math.abs(src.values[d] - expectedByService[i][d]) / totalExpected[d]);
      windows.push({ ...w, type: maxShare >= 0.25 ? "incident" : "ignore" });
    }
  });
  out.push({ id: `cost/${providerId}/total`, family: "cost", kind: "cost", timestamps: dayStamps(COST_DAYS), values: totals.map((v) => round(v, 2)), format: "date", windows });
  return out;
}

// ---------------------------------------------------------------- web (hourly)

const WEB_START = Date.UTC(2024, 0, 29);
const WEB_HOURS = 70 * 24;
type Zone = "us" | "eu" | "utc";

/** UTC offset in hours of the site's local time at t (US Eastern, Central European, or UTC). */
function zoneOffset(zone: Zone, t: number): number {
  if (zone === "us") return t >= Date.UTC(2024, 2, 10, 7) ? -4 : -5;
  if (zone === "eu") return t >= Date.UTC(2024, 2, 31, 1) ? 2 : 1;
  return 0;
}
function dstChange(zone: Zone): number | null {
  if (zone === "us") return Date.UTC(2024, 2, 10, 7);
  if (zone === "eu") return Date.UTC(2024, 2, 31, 1);
  return null;
}
const ZONE_HOLIDAYS: Record<Zone, string[]> = { us: ["2024-02-19"], eu: ["2024-03-29", "2024-04-01"], utc: ["2024-03-29"] };

interface SitePlan { peak: number; night: number; weekend: number; zone: Zone; bounce: number; conversion: number; errors: number; load: number; newsletterDay: number; newsletterLift: number; pagesPerVisit: number }

/** Daily shape in local hours: low at night, two humps by day, scaled so the peak is 1. */
function dailyShape(h: number, night: number): number {
  const day = Math.exp(-((h - 11) ** 2) / 18) * 0.9 + Math.exp(-((h - 15.5) ** 2) / 14);
  const s = Math.min(1, day / 1.2);
  return night + (1 - night) * s;
}

type WebMetric = "visitors" | "pageviews" | "bounce_rate" | "conversion_rate" | "error_rate" | "page_load_time";
const WEB_METRICS: WebMetric[] = ["visitors", "pageviews", "bounce_rate", "conversion_rate", "error_rate", "page_load_time"];
interface WebIncident { type: "surge" | "outage" | "errors" | "conversion" | "bounce" | "slow"; start: number; end: number; factor: number }
const INCIDENT_METRICS: Record<WebIncident["type"], { hit: WebMetric[]; ignore: WebMetric[] }> = {
  surge: { hit: ["visitors", "pageviews"], ignore: ["bounce_rate", "conversion_rate", "error_rate", "page_load_time"] },
  outage: { hit: ["visitors", "pageviews", "error_rate"], ignore: ["bounce_rate", "conversion_rate", "page_load_time"] },
  errors: { hit: ["error_rate"], ignore: [] },
  conversion: { hit: ["conversion_rate"], ignore: [] },
  bounce: { hit: ["bounce_rate"], ignore: [] },
  slow: { hit: ["page_load_time"], ignore: ["bounce_rate"] },
};

function planWebIncidents(r: Rand): WebIncident[] {
  const types: WebIncident["type"][] = ["surge", "outage", "errors", "conversion", "bounce", "slow", "surge", "errors"];
  const out: WebIncident[] = [];
  // Non-overlapping slots in the last 55 days, at least two days apart, mostly in local daytime.
  const slots = Array.from({ length: 27 }, (_, i) => 15 * 24 + i * 48);
  for (const type of types) {
    const slot = slots.splice(Math.floor(r() * slots.length), 1)[0];
    const start = slot + 8 + Math.floor(r() * 30);
    const len = type === "surge" ? 3 + Math.floor(r() * 6) : type === "outage" ? 2 + Math.floor(r() * 2) : type === "conversion" ? 6 + Math.floor(r() * 7) : 2 + Math.floor(r() * 4);
    const factor = type === "surge" ? uniform(r, 1.5, 2.5) : type === "errors" ? uniform(r, 3, 6) : type === "conversion" ? 0.5 : type === "bounce" ? uniform(r, 1.4, 1.7) : type === "slow" ? uniform(r, 1.8, 3) : 0.05;
    out.push({ type, start, end: start + len - 1, factor });
  }
  return out;
}

interface WebHour { visitors: number; pageviews: number; bounce: number; conversion: number; errors: number; load: number; quiet: string | null }

function webHour(r: Rand, s: SitePlan, i: number, incidents: WebIncident[], newsletterSeen: number[]): WebHour {
  const t = WEB_START + i * HOUR;
  const local = new Date(t + zoneOffset(s.zone, t) * HOUR);
  const h = local.getUTCHours();
  const dow = local.getUTCDay();
  const dateKey = local.toISOString().slice(0, 10);
  let lambda = s.peak * dailyShape(h, s.night) * (dow === 0 || dow === 6 ? s.weekend : 1);
  let quiet: string | null = null;
  if (ZONE_HOLIDAYS[s.zone].includes(dateKey)) {
    lambda *= 0.55;
    quiet = "holiday";
  }
  if (dow === s.newsletterDay && h >= 9 && h <= 11) {
    lambda *= s.newsletterLift * (h === 9 ? 1 : h === 10 ? 0.7 : 0.4);
    const week = Math.floor(i / 168);
    if (!newsletterSeen.includes(week)) newsletterSeen.push(week);
    quiet = newsletterSeen.length > 2 ? "weekly newsletter" : "newsletter (first two)";
  }
  let bounceP = s.bounce * (1 + 0.15 * (1 - dailyShape(h, s.night)));
  let convP = s.conversion;
  let errP = s.errors;
  let load = s.load * (1 + 0.25 * dailyShape(h, s.night));
  for (const inc of incidents) {
    if (i < inc.start || i > inc.end) continue;
    if (inc.type === "surge" || inc.type === "outage") lambda *= inc.factor;
    if (inc.type === "outage") errP = 0.35;
    if (inc.type === "errors") errP *= inc.factor;
    if (inc.type === "conversion") convP *= inc.factor;
    if (inc.type === "bounce") bounceP = Math.min(0.95, bounceP * inc.factor);
    if (inc.type === "slow") load *= inc.factor;
  }
  const visitors = poisson(r, lambda);
  // Pageviews are overdispersed: pages per visit vary from hour to hour.
  const pageviews = visitors === 0 ? 0 : poisson(r, visitors * s.pagesPerVisit * Math.exp(0.15 * gaussian(r)));
  const loadSamples = Math.max(1, pageviews);
  return {
    visitors,
    pageviews,
    bounce: binomialRate(r, visitors, bounceP),
    conversion: binomialRate(r, visitors, convP),
    errors: binomialRate(r, pageviews, errP),
    load: load * Math.exp((0.35 / Math.sqrt(loadSamples)) * gaussian(r) + 0.04 * gaussian(r)),
    quiet,
  };
}

function genSite(r: Rand, siteNo: number): LabelledSeries[] {
  const s: SitePlan = {
    peak: logUniform(r, 150, 4000),
    night: uniform(r, 0.05, 0.25),
    weekend: r() < 0.5 ? uniform(r, 0.45, 0.75) : uniform(r, 0.95, 1.2),
    zone: pick(r, ["us", "eu", "utc"] as const),
    bounce: uniform(r, 0.35, 0.6),
    conversion: uniform(r, 0.02, 0.06),
    errors: uniform(r, 0.003, 0.012),
    load: uniform(r, 0.8, 2.2),
    newsletterDay: 2,
    newsletterLift: r() < 0.6 ? uniform(r, 2, 3.5) : 1,
    pagesPerVisit: uniform(r, 1.8, 4),
  };
  const incidents = planWebIncidents(r);
  const rows: WebHour[] = [];
  const newsletterSeen: number[] = [];
  for (let i = 0; i < WEB_HOURS; i++) rows.push(webHour(r, s, i, incidents, newsletterSeen));
  const timestamps = Array.from({ length: WEB_HOURS }, (_, i) => WEB_START + i * HOUR);
  const dst = dstChange(s.zone);
  const siteId = `site-${String(siteNo + 1).padStart(2, "0")}`;
  return WEB_METRICS.map((metric) => {
    const windows: LabelWindow[] = [{ start: 0, end: 7 * 24 - 1, type: "ignore", label: "warm-up" }];
    for (let i = 7 * 24; i < WEB_HOURS; i++) {
      const q = rows[i].quiet;
      if (!q) continue;
      const last = windows[windows.length - 1];
      if (last.label === q && last.end === i - 1) last.end = i;
      else windows.push({ start: i, end: i, type: q.includes("first") ? "ignore" : "quiet", label: q });
    }
    if (dst !== null) {
      const at = Math.round((dst - WEB_START) / HOUR);
      windows.push({ start: at, end: at + 47, type: "quiet", label: "DST change" });
    }
    for (const inc of incidents) {
      const role = INCIDENT_METRICS[inc.type];
      if (role.hit.includes(metric)) windows.push({ start: inc.start, end: inc.end + 2, type: "incident", label: inc.type });
      else if (role.ignore.includes(metric)) windows.push({ start: inc.start, end: inc.end + 2, type: "ignore", label: `${inc.type} side effect` });
    }
    const pick = (w: WebHour): number => {
      if (metric === "visitors") return w.visitors;
      if (metric === "pageviews") return w.pageviews;
      if (metric === "bounce_rate") return round(w.bounce, 4);
      if (metric === "conversion_rate") return round(w.conversion, 4);
      if (metric === "error_rate") return round(w.errors, 4);
      return round(w.load, 3);
    };
    const kind = metric === "visitors" || metric === "pageviews" ? "count" : metric === "page_load_time" ? "duration" : "rate";
    return { id: `web/${siteId}/${metric}`, family: "web" as const, kind, timestamps, values: rows.map(pick), format: "iso" as const, windows };
  });
}

// ---------------------------------------------------------------- infra (5-minute)

const INFRA_START = Date.UTC(2024, 2, 4);
const INFRA_POINTS = 14 * 288;
type InfraType = "cpu" | "memory" | "queue" | "latency";

interface InfraIncident { start: number; end: number; label: string; apply: (v: number, i: number) => number }

function infraIncidents(r: Rand, type: InfraType, typical: number): InfraIncident[] {
  const out: InfraIncident[] = [];
  const starts = [Math.floor(uniform(r, 3 * 288, 8 * 288)), Math.floor(uniform(r, 8.5 * 288, 13.5 * 288))];
  for (const start of starts) {
    const len = 6 + Math.floor(r() * 18);
    const end = start + len - 1;
    const variant = r();
    if (type === "cpu") {
      const add = uniform(r, 25, 45);
      out.push(variant < 0.7 ? { start, end, label: "CPU saturation", apply: (v) => Math.min(100, v + add) } : { start, end, label: "service down", apply: () => uniform(r, 0, 1.5) });
    } else if (type === "memory") {
      const total = uniform(r, 20, 35);
      out.push({ start, end: start + 36, label: "memory leak", apply: (v, i) => Math.min(99, v + (total * (i - start + 1)) / 37) });
    } else if (type === "queue") {
      const level = typical * uniform(r, 3, 6);
      out.push({ start, end: start + len + 6, label: "stuck workers (backlog)", apply: (v, i) => Math.max(v, level * Math.min(1, (i - start + 1) / 4)) });
    } else {
      const f = uniform(r, 2.2, 4);
      out.push({ start, end, label: "latency incident", apply: (v) => v * f });
    }
  }
  return out;
}

function infraBase(r: Rand, type: InfraType, i: number, p: { level: number; amp: number; noise: number }): number {
  const h = ((i % 288) / 12 + 24) % 24;
  const busy = Math.exp(-((h - 14) ** 2) / 20);
  if (type === "latency") return p.level * (1 + p.amp * busy) * Math.exp(p.noise * gaussian(r));
  if (type === "queue") return 0;
  return p.level + p.amp * busy + p.noise * gaussian(r);
}

/** Cron load (nightly at 02:00, hourly at :00), GC blips and worker bursts: the quiet patterns of infra. */
function genInfra(r: Rand, n: number): LabelledSeries {
  const type: InfraType = (["cpu", "memory", "queue", "latency"] as const)[n % 4];
  const p = type === "latency" ? { level: uniform(r, 60, 200), amp: uniform(r, 0.1, 0.4), noise: uniform(r, 0.05, 0.15) } : type === "memory" ? { level: uniform(r, 40, 60), amp: uniform(r, 2, 8), noise: uniform(r, 0.5, 1.5) } : { level: uniform(r, 10, 35), amp: uniform(r, 5, 25), noise: uniform(r, 1.5, 4) };
  const nightly = type !== "queue" && r() < 0.6 ? { add: type === "latency" ? uniform(r, 0.5, 1.2) : uniform(r, 25, 45), len: 3 + Math.floor(r() * 4) } : null;
  const hourly = type === "cpu" && r() < 0.5 ? { add: uniform(r, 10, 20), len: 1 + Math.floor(r() * 2) } : null;
  const gc = (type === "latency" || type === "cpu" || type === "memory") && r() < 0.6;
  const burstRate = type === "queue" ? uniform(r, 0.5, 2) / 12 : 0;
  const burstSize = uniform(r, 30, 200);
  const incidents = infraIncidents(r, type, burstSize);
  const values: number[] = [];
  const windows: LabelWindow[] = [{ start: 0, end: 287, type: "ignore", label: "warm-up" }];
  let queue = 0;
  let nightlySeen = 0;
  let hourlySeen = 0;
  for (let i = 0; i < INFRA_POINTS; i++) {
    let v = infraBase(r, type, i, p);
    const minute = (i % 12) * 5;
    const hourOfDay = Math.floor((i % 288) / 12);
    if (nightly && hourOfDay === 2 && minute < nightly.len * 5) {
      v = type === "latency" ? v * (1 + nightly.add) : v + nightly.add;
      if (minute === 0) {
        nightlySeen++;
        windows.push({ start: i, end: i + nightly.len + 1, type: nightlySeen > 2 ? "quiet" : "ignore", label: "nightly cron" });
      }
    } else if (hourly && minute < hourly.len * 5) {
      v += hourly.add;
      if (minute === 0) {
        hourlySeen++;
        windows.push({ start: i, end: i + hourly.len, type: hourlySeen > 24 ? "quiet" : "ignore", label: "hourly cron" });
      }
    }
    if (type === "queue") {
      queue = queue * 0.55 + (r() < burstRate ? burstSize * uniform(r, 0.5, 1.5) : 0);
      v = Math.round(queue + poisson(r, 2));
      if (queue > burstSize * 0.4 && (windows[windows.length - 1].label !== "worker burst" || windows[windows.length - 1].end < i - 1)) windows.push({ start: i, end: i + 1, type: i > 288 ? "quiet" : "ignore", label: "worker burst" });
      else if (queue > burstSize * 0.4) windows[windows.length - 1].end = i + 1;
    }
    if (gc && r() < 1 / 36) {
      v = type === "memory" ? v - uniform(r, 8, 15) : type === "latency" ? v * uniform(r, 1.8, 2.6) : v + uniform(r, 15, 30);
      windows.push({ start: i, end: i, type: i > 288 ? "quiet" : "ignore", label: "GC blip" });
    }
    for (const inc of incidents) if (i >= inc.start && i <= inc.end) v = inc.apply(v, i);
    values.push(type === "queue" ? v : round(type === "latency" ? Math.max(1, v) : Math.min(100, Math.max(0, v)), 2));
  }
  for (const inc of incidents) windows.push({ start: inc.start, end: inc.end + 3, type: "incident", label: inc.label });
  const timestamps = Array.from({ length: INFRA_POINTS }, (_, i) => INFRA_START + i * MIN5);
  return { id: `infra/host-${String(Math.floor(n / 4) + 1).padStart(2, "0")}/${type}`, family: "infra", kind: type === "queue" ? "count" : type === "latency" ? "duration" : "gauge", timestamps, values, format: "iso", windows };
}

/** The whole corpus for one seed: same seed, same series and labels, on every machine. */
export function generateCorpus(seed: number): LabelledSeries[] {
  const r = seededRandom(seed * 7919 + 17);
  const out: LabelledSeries[] = [];
  for (let p = 0; p < 15; p++) out.push(...genProvider(r, p));
  for (let s = 0; s < 10; s++) out.push(...genSite(r, s));
  for (let n = 0; n < 44; n++) out.push(genInfra(r, n));
  return out;
}
