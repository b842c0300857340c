// Issue 13: alert subscription rules, digest periods and the month-end forecast's arithmetic.
import { describe, expect, it } from "vitest";
import { digestCutoff, isDigest, matchedRule, monitorIdOf, periodStart, type RuleAnomaly, type RuleDestination } from "@/lib/alerts/rules";
import { forecastMonth, monthBounds, recurringChargeOn } from "@/lib/cloud/forecast-math";
import { isRejectedLookalike } from "@/lib/anomalies/feedback";
import { dayRange, dayStart } from "@/lib/time";

const destination = (over: Partial<RuleDestination> = {}): RuleDestination => ({
  types: "",
  minSeverity: "info",
  minImpact: 0,
  minImpactPercent: 0,
  thresholdMode: "any",
  monitorIds: "",
  ...over,
});
const anomaly = (over: Partial<RuleAnomaly> = {}): RuleAnomaly => ({ type: "cost", severity: "warning", actual: 450, expected: 300, deviationPercent: 50, ...over });

describe("matchedRule", () => {
  it("combines the dollar and percentage thresholds with any / all", () => {
    expect(matchedRule(destination(), anomaly())).toBe("every anomaly");
    expect(matchedRule(destination({ minImpact: 200, minImpactPercent: 40 }), anomaly())).toBe("deviation 50% ≥ 40%");
    expect(matchedRule(destination({ minImpact: 200, minImpactPercent: 40, thresholdMode: "all" }), anomaly())).toBeNull();
    expect(matchedRule(destination({ minImpact: 100, minImpactPercent: 40, thresholdMode: "all" }), anomaly())).toBe("impact 150 ≥ 100 and deviation 50% ≥ 40%");
    // The dollar threshold does not apply to a latency anomaly: only the percentage one counts.
    expect(matchedRule(destination({ minImpact: 1e6, minImpactPercent: 40, thresholdMode: "all" }), anomaly({ type: "performance" }))).toBe("deviation 50% ≥ 40%");
    // A drop counts by its size.
    expect(matchedRule(destination({ minImpactPercent: 40 }), anomaly({ actual: 150, deviationPercent: -50 }))).toBe("deviation 50% ≥ 40%");
  });

  it("filters by type, severity and monitor", () => {
    expect(matchedRule(destination({ types: "web" }), anomaly())).toBeNull();
    expect(matchedRule(destination({ types: "cost,web", minSeverity: "warning" }), anomaly())).toBe("type cost; severity warning ≥ warning");
    expect(matchedRule(destination({ monitorIds: "1" }), anomaly({ monitorId: 1 }))).toBe("monitor 1");
    expect(matchedRule(destination({ monitorIds: "2" }), anomaly({ monitorId: 1 }))).toBeNull();
    expect(matchedRule(destination({ monitorIds: "1,7" }), anomaly({ monitorId: 7 }))).toBe("monitor 7");
    // Performance and web anomalies belong to no monitor: a destination that lists monitors skips them.
    expect(matchedRule(destination({ monitorIds: "1" }), anomaly({ monitorId: null }))).toBeNull();
    expect(monitorIdOf({ monitorId: null })).toBeNull();
  });
});

describe("digest periods", () => {
  const wednesday = new Date("2026-12-02T15:00:00Z");
  it("start at midnight UTC and on Monday", () => {
    expect(periodStart("daily", wednesday).toISOString()).toBe("2026-12-02T00:00:00.000Z");
    expect(periodStart("weekly", wednesday).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(periodStart("weekly", new Date("2026-11-30T00:00:00Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
    expect(periodStart("weekly", new Date("2026-12-06T23:59:00Z")).toISOString()).toBe("2026-11-30T00:00:00.000Z");
  });
  it("take the items from before the current period, or everything for the periodic digest", () => {
    expect(digestCutoff({ mode: "digest", frequency: "daily" }, null, wednesday)?.itemsBefore?.toISOString()).toBe("2026-12-02T00:00:00.000Z");
    expect(digestCutoff({ mode: "digest", frequency: "immediate" }, new Date(wednesday.getTime() - 1000), wednesday)).toBeNull();
    expect(digestCutoff({ mode: "digest", frequency: "immediate" }, null, wednesday)).toEqual({ itemsBefore: null });
    expect(isDigest({ mode: "immediate", frequency: "weekly" })).toBe(true);
    expect(isDigest({ mode: "immediate", frequency: "immediate" })).toBe(false);
  });
});

describe("not-accurate look-alikes", () => {
  const rejected = [{ periodStart: dayStart("2026-05-01"), excess: 100, direction: "up" as const }];
  const draft = (day: string, actual: number, direction: "up" | "down" = "up") => ({ seriesKey: "s", periodStart: dayStart(day), actual, expected: 300, direction });
  it("mutes similar deviations within the window only", () => {
    expect(isRejectedLookalike(draft("2026-05-08", 450), rejected)).toBe(true);
    expect(isRejectedLookalike(draft("2026-05-08", 451), rejected)).toBe(false);
    expect(isRejectedLookalike(draft("2026-05-01", 400), rejected)).toBe(false);
    expect(isRejectedLookalike(draft("2026-05-29", 400), rejected)).toBe(true);
    expect(isRejectedLookalike(draft("2026-05-30", 400), rejected)).toBe(false);
    expect(isRejectedLookalike(draft("2026-05-08", 250, "down"), rejected)).toBe(false);
  });
});

describe("month-end forecast", () => {
  it("knows month bounds", () => {
    expect(monthBounds("2026-02-10")).toEqual({ first: "2026-02-01", last: "2026-02-28" });
    expect(monthBounds("2028-02-29")).toEqual({ first: "2028-02-01", last: "2028-02-29" });
    expect(monthBounds("2026-12-31")).toEqual({ first: "2026-12-01", last: "2026-12-31" });
  });

  it("adds the days to come and a monthly charge, and reports last month", () => {
    const days = dayRange("2025-10-01", "2026-03-10");
    const spend = (d: string) => 100 + (d.endsWith("-15") ? 300 : 0);
    const f = forecastMonth({ days, total: days.map(spend) }, "2026-03-10", 10);
    expect(f.spentToDate).toBe(1000);
    expect(f.lastMonthTotal).toBe(28 * 100 + 300);
    expect(f.recurringToCome).toBeCloseTo(300, 0);
    expect(f.forecastTotal).toBeGreaterThan(3400 * 0.97);
    expect(f.forecastTotal).toBeLessThan(3400 * 1.03);
    expect(f.lower).toBeLessThanOrEqual(f.forecastTotal);
    expect(f.upper).toBeGreaterThanOrEqual(f.forecastTotal);
    expect(recurringChargeOn("2026-03-16", (d) => (days.includes(d) ? spend(d) : null), 10)).toBe(0);
  });

  it("forecasts from nothing without failing", () => {
    expect(forecastMonth({ days: [], total: [] }, "2026-03-10", 10)).toMatchObject({ spentToDate: 0, forecastTotal: 0, lastMonthTotal: 0 });
  });
});
