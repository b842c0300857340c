// Issue 15's pure parts: which segments are judged, user-agent parsing, the segment filter's
// grammar, and reading and merging per-site detection settings.
import { describe, expect, it } from "vitest";
import { chooseSegments, parseUserAgent, referrerHost } from "@/lib/web/segments";
import { segmentFilter, updateWebsiteSettingsBody } from "@/lib/web/schemas";
import { detectionSettingsOf, mergeSettings, thresholdsFor } from "@/lib/web/settings";

describe("chooseSegments", () => {
  it("keeps per dimension the top N values at or above the minimum volume, biggest first", () => {
    const volumes = [
      { dimension: "page" as const, value: "/a", total: 500 },
      { dimension: "page" as const, value: "/b", total: 900 },
      { dimension: "page" as const, value: "/c", total: 300 },
      { dimension: "page" as const, value: "/tiny", total: 199 },
      { dimension: "browser" as const, value: "Firefox", total: 250 },
    ];
    expect(chooseSegments(volumes, { top_n: 2, min_weekly_volume: 200 })).toEqual([
      { dimension: "page", value: "/b" },
      { dimension: "page", value: "/a" },
      { dimension: "browser", value: "Firefox" },
    ]);
    expect(chooseSegments(volumes, { top_n: 5, min_weekly_volume: 1000 })).toEqual([]);
  });
});

describe("user agents and referrers", () => {
  it("names the browser and the device type, desktop when the parser names none", () => {
    expect(parseUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1")).toEqual({ browser: "Mobile Safari", device: "mobile" });
    expect(parseUserAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36")).toEqual({ browser: "Chrome", device: "desktop" });
    expect(parseUserAgent("")).toEqual({ browser: null, device: "desktop" });
  });

  it("reduces referrers to their host without www.", () => {
    expect(referrerHost("https://www.News.example/a?b=1")).toBe("news.example");
    expect(referrerHost("not a url")).toBeNull();
    expect(referrerHost(null)).toBeNull();
  });
});

describe("segment filter", () => {
  it.each([
    ["page:/pricing", { kind: "segment", dimension: "page", value: "/pricing" }],
    ["referrer:news.example", { kind: "segment", dimension: "referrer", value: "news.example" }],
    ["event:a:b", { kind: "segment", dimension: "event", value: "a:b" }],
    ["device", { kind: "dimension", dimension: "device" }],
    ["site", { kind: "site" }],
  ])("reads %s", (raw, parsed) => {
    expect(segmentFilter.parse(raw)).toEqual(parsed);
  });

  it.each(["", "page:", "pages:/x", "Page:/x", "x".repeat(221)])("refuses %j", (raw) => {
    expect(segmentFilter.safeParse(raw).success).toBe(false);
  });
});

describe("per-site detection settings", () => {
  it("falls back to the defaults for missing or malformed values, without losing the thresholds", () => {
    const json = JSON.stringify({ watched_metrics: ["nope"], min_daily_pageviews: -3, segments: { top_n: 99 }, visitors: { info: 10, warning: 20, critical: 30 } });
    expect(detectionSettingsOf(json)).toEqual({
      watched_metrics: ["visitors", "pageviews", "bounce_rate", "conversion_rate", "error_rate", "page_load_time"],
      min_daily_pageviews: 0,
      segments: { enabled: true, top_n: 5, min_weekly_volume: 200 },
    });
    expect(thresholdsFor(json, "visitors")).toEqual({ info: 10, warning: 20, critical: 30 });
  });

  it("merges a change: thresholds replace every override, other keys stay", () => {
    const before = JSON.stringify({ allowed_origins: ["https://a.example"], visitors: { info: 10, warning: 20, critical: 30 }, min_daily_pageviews: 50 });
    const after = JSON.parse(mergeSettings(before, { thresholds: { error_rate: { info: 5, warning: 10, critical: 20 } }, segments: { top_n: 3 } }));
    expect(after).toEqual({
      allowed_origins: ["https://a.example"],
      min_daily_pageviews: 50,
      error_rate: { info: 5, warning: 10, critical: 20 },
      segments: { enabled: true, top_n: 3, min_weekly_volume: 200 },
    });
  });

  it("the PATCH body refuses unordered thresholds and empty changes", () => {
    expect(updateWebsiteSettingsBody.safeParse({ thresholds: { default: { info: 60, warning: 50, critical: 200 } } }).success).toBe(false);
    expect(updateWebsiteSettingsBody.safeParse({}).success).toBe(false);
    expect(updateWebsiteSettingsBody.safeParse({ min_daily_pageviews: 10 }).success).toBe(true);
  });
});
