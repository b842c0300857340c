// The pure rules behind provisional cost days and the tracking heartbeat (issue 14).
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTLEMENT_DAYS, heldAsProvisional, isUnsettled, learnSettlementDays } from "@/lib/cloud/provisional";
import { isTrackingOutage, openSilence } from "@/lib/web/heartbeat";
import { explanationOn, lowerSeverity, type UnitCostSeries } from "@/lib/cloud/unit-costs";

const HOUR = 3_600_000;

describe("settlement lag", () => {
  it("keeps the default with too few observations and takes a high quantile bounded to 0..7", () => {
    expect(learnSettlementDays([0, 1])).toBe(DEFAULT_SETTLEMENT_DAYS);
    expect(learnSettlementDays([0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toBe(0);
    expect(learnSettlementDays([0, 0, 1, 1, 1, 1, 1, 1, 3, 3])).toBe(3);
    expect(learnSettlementDays([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 9])).toBe(1);
    expect(learnSettlementDays(Array.from({ length: 10 }, () => 20))).toBe(7);
  });

  it("calls a day unsettled until its lag has passed and holds only small provisional anomalies", () => {
    expect(isUnsettled("2026-03-09", "2026-03-10", 2)).toBe(true);
    expect(isUnsettled("2026-03-08", "2026-03-10", 2)).toBe(false);
    expect(isUnsettled("2026-03-10", "2026-03-10", 0)).toBe(false);
    expect(heldAsProvisional({ provisional: true, impact: 29 }, 10)).toBe(true);
    expect(heldAsProvisional({ provisional: true, impact: -31 }, 10)).toBe(false);
    expect(heldAsProvisional({ provisional: false, impact: 1 }, 10)).toBe(false);
  });
});

describe("tracking heartbeat", () => {
  const start = Date.UTC(2026, 2, 2); // a Monday
  function history(perHour: (hour: number) => number, hours: number): Map<number, number> {
    const counts = new Map<number, number>();
    for (let h = 0; h < hours; h++) if (perHour(h) > 0) counts.set(start + h * HOUR, perHour(h));
    return counts;
  }

  it("finds a silence that is improbable for a busy site, not for a quiet one or a short gap", () => {
    const end = start + 21 * 24 * HOUR;
    const busy = history((h) => (h < 21 * 24 - 3 ? 20 : 0), 21 * 24);
    const silence = openSilence(busy, start, end)!;
    expect(silence.hours).toBe(3);
    expect(silence.expected).toBeCloseTo(60, 5);
    expect(isTrackingOutage(silence)).toBe(true);
    const quiet = history((h) => (h % 10 === 0 && h < 21 * 24 - 3 ? 1 : 0), 21 * 24);
    expect(isTrackingOutage(openSilence(quiet, start, end) ?? { start: 0, hours: 0, expected: 0, probability: 1 })).toBe(false);
    const gap = history((h) => (h < 21 * 24 - 1 ? 20 : 0), 21 * 24);
    expect(isTrackingOutage(openSilence(gap, start, end)!)).toBe(false);
  });

  it("learns the hour of the week: a site that is silent every night is not broken at night", () => {
    const nightly = (h: number) => (h % 24 >= 8 && h % 24 < 20 ? 20 : 0);
    const hours = 21 * 24 + 6; // ends at 06:00, after six normally silent hours
    const silence = openSilence(history(nightly, hours), start, start + hours * HOUR)!;
    expect(silence.expected).toBe(0);
    expect(isTrackingOutage(silence)).toBe(false);
  });

  it("does not judge without two weeks of history", () => {
    expect(openSilence(history((h) => (h < 100 ? 20 : 0), 110), start, start + 110 * HOUR)).toBeNull();
  });
});

describe("explained by traffic", () => {
  const verdict = (expected: number, halfWidth: number, outOfBand = false) => ({ expected, lower: expected - halfWidth, upper: expected + halfWidth, score: 0, outOfBand, isAnomaly: outOfBand });
  const series: UnitCostSeries = {
    days: ["2026-03-01", "2026-03-02"],
    cost: [3000, 3000],
    visitors: [3000, 1000],
    pageviews: [6000, 2000],
    unitCost: [1000, 3000],
    verdicts: [verdict(1000, 100), verdict(1000, 100, true)],
    visitorVerdicts: [verdict(1000, 100, true), verdict(1000, 100)],
  };

  it("explains a day whose traffic rose while the unit cost stayed in band, not one whose unit cost rose", () => {
    expect(explanationOn(series, "w", "2026-03-01")).toEqual({ website_id: "w", metric: "visitors", deviation_percent: 200 });
    expect(explanationOn(series, "w", "2026-03-02")).toBeNull();
    expect(explanationOn(series, "w", "2026-03-03")).toBeNull();
  });

  it("lowers severity one level", () => {
    expect([lowerSeverity("critical"), lowerSeverity("warning"), lowerSeverity("info")]).toEqual(["warning", "info", "info"]);
  });
});
