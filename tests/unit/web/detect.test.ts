// Web detection on synthetic hourly series: seasonality, low traffic, drops, severity,
// resolution, thresholds; plus rollup arithmetic, visitor hashing and the bot filter.
import { describe, expect, it } from "vitest";
import { findWebIncidents, type HourlySeries } from "@/lib/web/detect";
import { generateSiteHistory, type InjectedIncident, type SiteProfile } from "@/lib/seed/web-history";
import type { WebMetric } from "@/lib/web/metrics";
import { metricsFromFigures } from "@/lib/web/rollup";
import { visitorHash } from "@/lib/web/visitor";
import { isBot } from "@/lib/web/bots";
import { thresholdsFor } from "@/lib/web/settings";
import { normalise } from "@/lib/web/collect";
import { WEB_WARMUP_HOURS } from "@/lib/web/series";

const HOUR = 3_600_000;
const LAST = Date.UTC(2026, 2, 16, 14);
const DAYS = 60;

const shop = (incidents: InjectedIncident[] = []): SiteProfile => ({
  peakVisitors: 2500, pagesPerVisit: 4, bounceRate: 40, conversionRate: 3, errorRate: 0.5, loadTimeSeconds: 1.2, peakHourUtc: 14, weekendFactor: 0.7, incidents,
});

function series(profile: SiteProfile, metric: WebMetric, seed = 1): HourlySeries {
  const points = generateSiteHistory(profile, LAST, DAYS * 24, seed).filter((p) => p.metric === metric);
  const byHour = new Map(points.map((p) => [p.hour, p]));
  const out: HourlySeries = { hours: [], values: [], denominators: [] };
  for (let h = LAST - (DAYS * 24 - 1) * HOUR; h <= LAST; h += HOUR) {
    const p = byHour.get(h);
    out.hours.push(h);
    out.values.push(p ? p.value : metric === "visitors" || metric === "pageviews" ? 0 : null);
    out.denominators.push(p?.denominator ?? null);
  }
  return out;
}

const judged = (s: HourlySeries, metric: WebMetric, opts = {}) =>
  findWebIncidents(s, metric, opts).incidents.filter((i) => i.startHour >= s.hours[0] + WEB_WARMUP_HOURS * HOUR);

describe("web detection", () => {
  it("follows daily and weekly seasonality without alarms on a clean busy site", () => {
    for (const metric of ["visitors", "pageviews", "bounce_rate", "page_load_time"] as const) {
      for (const seed of [1, 2]) expect(judged(series(shop(), metric, seed), metric), `${metric} seed ${seed}`).toEqual([]);
    }
  });

  it("stays quiet on a site with a few visitors an hour", () => {
    const tiny: SiteProfile = { ...shop(), peakVisitors: 3, pagesPerVisit: 2, conversionRate: 0 };
    for (const metric of ["visitors", "pageviews", "bounce_rate"] as const) {
      for (const seed of [3, 4, 5]) expect(judged(series(tiny, metric, seed), metric), `${metric} seed ${seed}`).toEqual([]);
    }
  });

  it("reports a traffic drop to zero (tracking outage) as one critical incident with a negative deviation", () => {
    const s = series(shop([{ kind: "tracking_outage", startsHoursAgo: 100, durationHours: 8 }]), "visitors");
    const incidents = judged(s, "visitors");
    expect(incidents).toHaveLength(1);
    const [outage] = incidents;
    expect(outage.direction).toBe("down");
    expect(outage.severity).toBe("critical");
    expect(outage.actual).toBe(0);
    expect(outage.deviationPercent).toBe(-100);
    expect(outage.startHour).toBeGreaterThanOrEqual(LAST - 107 * HOUR);
    expect(outage.lastHour).toBeLessThanOrEqual(LAST - 100 * HOUR);
    expect(outage.resolvedAt).not.toBeNull();
  });

  it("reports a spike once per incident, keeps its peak, and resolves after two in-band hours", () => {
    const s = series(shop([{ kind: "viral_spike", startsHoursAgo: 200, durationHours: 6, factor: 4 }]), "visitors");
    const [spike, ...rest] = judged(s, "visitors");
    expect(rest).toEqual([]);
    expect(spike.direction).toBe("up");
    expect(spike.severity).toBe("critical");
    expect(spike.deviationPercent).toBeGreaterThan(200);
    expect((spike.actual - spike.expected) / spike.expected * 100).toBeCloseTo(spike.deviationPercent, 0);
    expect(spike.resolvedAt).toBe(spike.lastHour + 3 * HOUR);
    expect(spike.peakHour).toBeGreaterThanOrEqual(spike.startHour);
  });

  it("keeps an incident that runs to the last hour open (unresolved)", () => {
    const s = series(shop([{ kind: "viral_spike", startsHoursAgo: 0, durationHours: 4, factor: 4 }]), "visitors");
    const incidents = judged(s, "visitors");
    expect(incidents).toHaveLength(1);
    expect(incidents[0].resolvedAt).toBeNull();
  });

  it("judges rates against their denominators: broken checkout and error-rate jumps", () => {
    const broken = judged(series(shop([{ kind: "broken_checkout", startsHoursAgo: 150, durationHours: 8 }]), "conversion_rate"), "conversion_rate");
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatchObject({ direction: "down", actual: 0, severity: "critical", deviationPercent: -100 });
    const errors = judged(series(shop([{ kind: "error_jump", startsHoursAgo: 80, durationHours: 4, factor: 8 }]), "error_rate"), "error_rate");
    expect(errors).toHaveLength(1);
    expect(errors[0].direction).toBe("up");
  });

  it("maps severity by the spec's table and honours per-metric thresholds", () => {
    const s = series(shop([{ kind: "slow_pages", startsHoursAgo: 60, durationHours: 5, factor: 2.2 }]), "page_load_time");
    const [slow] = judged(s, "page_load_time");
    expect(slow.deviationPercent).toBeGreaterThanOrEqual(100);
    expect(slow.deviationPercent).toBeLessThan(200);
    expect(slow.severity).toBe("warning");
    const strict = judged(s, "page_load_time", { thresholds: { info: 20, warning: 40, critical: 80 } });
    expect(strict[0].severity).toBe("critical");
    const lax = judged(s, "page_load_time", { thresholds: { info: 500, warning: 600, critical: 700 } });
    expect(lax).toEqual([]);
  });

  it("reads thresholds from website settings, falling back to the spec's table", () => {
    expect(thresholdsFor("{}", "visitors")).toEqual({ info: 50, warning: 100, critical: 200 });
    expect(thresholdsFor('{"visitors":{"critical":300}}', "visitors")).toEqual({ info: 50, warning: 100, critical: 300 });
    expect(thresholdsFor('{"default":{"info":10}}', "error_rate")).toEqual({ info: 10, warning: 100, critical: 200 });
    expect(thresholdsFor("not json", "visitors")).toEqual({ info: 50, warning: 100, critical: 200 });
  });
});

describe("rollup arithmetic", () => {
  it("derives the six metrics and leaves rates without a denominator out", () => {
    expect(metricsFromFigures({ visitors: 4, pageviews: 10, pageviewVisitors: 4, bouncedVisitors: 1, convertedVisitors: 1, errors: 2, loadTimeMsAvg: 1250, loadTimeSamples: 3 })).toEqual([
      { metric: "visitors", value: 4, denominator: null },
      { metric: "pageviews", value: 10, denominator: null },
      { metric: "bounce_rate", value: 25, denominator: 4 },
      { metric: "conversion_rate", value: 25, denominator: 4 },
      { metric: "error_rate", value: 20, denominator: 10 },
      { metric: "page_load_time", value: 1.25, denominator: 3 },
    ]);
    expect(metricsFromFigures({ visitors: 0, pageviews: 0, pageviewVisitors: 0, bouncedVisitors: 0, convertedVisitors: 0, errors: 0, loadTimeMsAvg: null, loadTimeSamples: 0 }).map((r) => r.metric)).toEqual(["visitors", "pageviews"]);
  });
});

describe("collection helpers", () => {
  it("hashes visitors per site and day without keeping the IP", () => {
    const base = { websiteId: "s1", ip: "203.0.113.9", userAgent: "UA", day: "2026-03-16" };
    const h = visitorHash(base);
    expect(h).toMatch(/^[0-9a-f]{32}$/);
    expect(h).not.toContain("203");
    expect(visitorHash(base)).toBe(h);
    expect(visitorHash({ ...base, day: "2026-03-17" })).not.toBe(h);
    expect(visitorHash({ ...base, websiteId: "s2" })).not.toBe(h);
    expect(visitorHash({ ...base, ip: "203.0.113.10" })).not.toBe(h);
  });

  it("recognises bots by user agent", () => {
    expect(isBot("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")).toBe(true);
    expect(isBot("curl/8.0")).toBe(true);
    expect(isBot("")).toBe(true);
    expect(isBot("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15")).toBe(false);
  });

  it("maps Plausible events onto pageviews and goals", () => {
    expect(normalise({ name: "pageview", url: "https://a.example/x", domain: "a.example" })).toMatchObject({ siteRef: { domain: "a.example" }, events: [{ type: "pageview", name: null }] });
    expect(normalise({ n: "Signup", u: "https://a.example/s", d: "a.example,b.example" })).toMatchObject({ siteRef: { domain: "a.example" }, events: [{ type: "event", name: "Signup" }] });
  });
});
