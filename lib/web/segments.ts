// Segments (issue 15): a website's traffic sliced by page, referrer host, browser, device type
// and custom event name. Collection stores the parsed browser and device with each event; the
// hourly rollup keeps the top values of each dimension per hour (bounded cardinality); the
// job judges the biggest series of each dimension through the same engine as site metrics.
import UAParser from "ua-parser-js";
import { db } from "@/lib/db/client";
import { HOUR_MS } from "@/lib/time";
import { SEGMENT_DIMENSIONS, type SegmentDimension } from "@/lib/vocabulary";
import type { HourlySeries } from "./detect";
import type { SeriesMetric } from "./metrics";
import { lastCompleteHour, windowStart } from "./series";
import type { SegmentSettings } from "./settings";

/** Values kept per dimension and hour: the long tail of pages or referrers is not stored. */
export const SEGMENT_VALUES_PER_HOUR = 25;
/** Longest stored segment value (page paths and event names are cut). */
export const MAX_SEGMENT_VALUE = 200;
/** Volume that decides which values of a dimension are judged is counted over this last stretch. */
const VOLUME_WINDOW_MS = 7 * 24 * HOUR_MS;

export interface Segment {
  dimension: SegmentDimension;
  value: string;
}

/** Pages, referrers, browsers and devices are judged on pageviews; event names on occurrences. */
export function segmentMetric(dimension: SegmentDimension): SeriesMetric {
  return dimension === "event" ? "events" : "pageviews";
}

export function segmentSeriesKey(websiteId: string, segment: Segment): string {
  return `web:${websiteId}:segment:${segment.dimension}:${segment.value}`;
}

// ---------- user agents ----------

export interface ParsedAgent {
  browser: string | null;
  device: string;
}

const agentCache = new Map<string, ParsedAgent>();
const AGENT_CACHE_SIZE = 2000;

/** Browser name and device type (desktop when the parser names none); cached, since most traffic repeats a few agents. */
export function parseUserAgent(userAgent: string): ParsedAgent {
  const hit = agentCache.get(userAgent);
  if (hit) return hit;
  const result = new UAParser(userAgent.slice(0, 512)).getResult();
  const parsed: ParsedAgent = { browser: result.browser.name?.slice(0, 60) ?? null, device: result.device.type?.slice(0, 30) ?? "desktop" };
  if (agentCache.size >= AGENT_CACHE_SIZE) agentCache.delete(agentCache.keys().next().value!);
  agentCache.set(userAgent, parsed);
  return parsed;
}

// ---------- hourly rollup ----------

export function referrerHost(referrer: string | null): string | null {
  if (!referrer) return null;
  try {
    return new URL(referrer).hostname.toLowerCase().replace(/^www\./, "") || null;
  } catch {
    return null;
  }
}

type Counts = Map<string, number>;

function add(counts: Counts, value: string | null, n: number) {
  if (!value) return;
  const key = value.slice(0, MAX_SEGMENT_VALUE);
  counts.set(key, (counts.get(key) ?? 0) + n);
}

function topValues(counts: Counts): Array<[string, number]> {
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, SEGMENT_VALUES_PER_HOUR);
}

/** Counts of one hour per dimension and value, from the hour's events. */
export async function segmentCountsForHour(websiteId: string, hour: Date, ownDomain: string): Promise<Map<SegmentDimension, Counts>> {
  const [pageviews, events] = await Promise.all([
    db().webEvent.groupBy({ by: ["path", "referrer", "browser", "device"], where: { websiteId, hour, type: "pageview" }, _count: { _all: true } }),
    db().webEvent.groupBy({ by: ["name"], where: { websiteId, hour, type: "event" }, _count: { _all: true } }),
  ]);
  const out = new Map<SegmentDimension, Counts>(SEGMENT_DIMENSIONS.map((d) => [d, new Map()]));
  const own = ownDomain.toLowerCase().replace(/^www\./, "");
  for (const g of pageviews) {
    const n = g._count._all;
    add(out.get("page")!, g.path, n);
    const host = referrerHost(g.referrer);
    // Moving between the site's own pages is not a referral.
    add(out.get("referrer")!, host === own ? null : host, n);
    add(out.get("browser")!, g.browser, n);
    add(out.get("device")!, g.device, n);
  }
  for (const g of events) add(out.get("event")!, g.name, g._count._all);
  return out;
}

/** Recomputes the segment rollup of one hour (the top values of each dimension). */
export async function rollupSegmentHour(websiteId: string, hour: Date): Promise<void> {
  const site = await db().website.findUnique({ where: { id: websiteId }, select: { domain: true } });
  if (!site) return;
  const counts = await segmentCountsForHour(websiteId, hour, site.domain);
  const data = [...counts].flatMap(([dimension, values]) => topValues(values).map(([value, count]) => ({ websiteId, dimension, value, hour, count })));
  await db().$transaction([db().webSegmentHour.deleteMany({ where: { websiteId, hour } }), db().webSegmentHour.createMany({ data })]);
}

// ---------- series for detection and the anomaly page ----------

export interface SegmentSeries extends Segment {
  series: HourlySeries;
}

function toSeries(points: Map<number, number>, from: number, to: number): HourlySeries {
  const series: HourlySeries = { hours: [], values: [], denominators: [] };
  for (let h = from; h <= to; h += HOUR_MS) {
    series.hours.push(h);
    // An hour without the value among the hour's top ones counts as none (like silent hours of a count).
    series.values.push(points.get(h) ?? 0);
    series.denominators.push(null);
  }
  return series;
}

type Volume = { dimension: SegmentDimension; value: string; total: number };

/** The judged segments: per dimension, the `top_n` values by volume over the last week, each at least `min_weekly_volume`. */
export function chooseSegments(volumes: Volume[], settings: Pick<SegmentSettings, "top_n" | "min_weekly_volume">): Segment[] {
  return SEGMENT_DIMENSIONS.flatMap((dimension) =>
    volumes
      .filter((v) => v.dimension === dimension && v.total >= settings.min_weekly_volume)
      .sort((a, b) => b.total - a.total || (a.value < b.value ? -1 : 1))
      .slice(0, settings.top_n)
      .map((v) => ({ dimension: v.dimension, value: v.value })),
  );
}

async function weeklyVolumes(websiteId: string, to: number): Promise<Volume[]> {
  const groups = await db().webSegmentHour.groupBy({
    by: ["dimension", "value"],
    where: { websiteId, hour: { gt: new Date(to - VOLUME_WINDOW_MS), lte: new Date(to) } },
    _sum: { count: true },
  });
  return groups.map((g) => ({ dimension: g.dimension, value: g.value, total: g._sum.count ?? 0 }));
}

/** Hourly series of the chosen segments over detection's window (or only `only`, for one anomaly's page). */
export async function loadSegmentSeries(websiteId: string, now: Date, settings: Pick<SegmentSettings, "top_n" | "min_weekly_volume">, only?: Segment): Promise<SegmentSeries[]> {
  const from = windowStart(now);
  const to = lastCompleteHour(now);
  const chosen = only ? [only] : chooseSegments(await weeklyVolumes(websiteId, to), settings);
  if (chosen.length === 0) return [];
  const rows = await db().webSegmentHour.findMany({
    where: { websiteId, hour: { gte: new Date(from), lte: new Date(to) }, OR: chosen.map((c) => ({ dimension: c.dimension, value: c.value })) },
    select: { dimension: true, value: true, hour: true, count: true },
  });
  const bySegment = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const key = `${r.dimension}\u0000${r.value}`;
    let points = bySegment.get(key);
    if (!points) bySegment.set(key, (points = new Map()));
    points.set(r.hour.getTime(), r.count);
  }
  return chosen.flatMap((segment) => {
    const points = bySegment.get(`${segment.dimension}\u0000${segment.value}`);
    if (!points) return [];
    return [{ ...segment, series: toSeries(points, Math.min(...points.keys()), to) }];
  });
}
