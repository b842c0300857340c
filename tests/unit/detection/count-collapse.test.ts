import { describe, expect, it } from "vitest";
import { DEFAULT_TUNING, detectSeriesTuned } from "@/lib/detection/detect";
import { detectSeries } from "@/lib/detection";
import { HOUR, grid, normal, poisson, rng } from "./synth";

/**
 * Hourly pageviews of a site: quiet nights, busy days, overdispersed (pages per visit vary
 * from hour to hour), so the band learned over all hours is far wider than a night hour's
 * Poisson noise. Optional outage (traffic at 5 %) and holiday (the whole day at 55 %).
 */
function pageviews(seed: number, days: number, outageAt = -1, holidayDay = -1): { ts: number[]; vs: number[] } {
  const r = rng(seed);
  const ts = grid(days * 24, HOUR);
  const vs = ts.map((_, i) => {
    const h = i % 24;
    const shape = 0.12 + 0.88 * Math.exp(-((h - 14) ** 2) / 18);
    let lambda = 1500 * shape * Math.exp(0.15 * normal(r));
    if (outageAt >= 0 && i >= outageAt && i < outageAt + 2) lambda *= 0.05;
    if (Math.floor(i / 24) === holidayDay) lambda *= 0.55;
    return poisson(r, lambda);
  });
  return { ts, vs };
}

const withoutCollapse = { ...DEFAULT_TUNING, collapseLevel: 0 };

describe("count collapse (business round B13)", () => {
  it("catches a night-time outage that the all-hours band hides", () => {
    let caught = 0;
    let caughtWithout = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const at = 30 * 24 + 3 + seed;
      const { ts, vs } = pageviews(seed, 40, at);
      if (detectSeries(ts, vs, { kind: "count" }).slice(at, at + 3).some((p) => p.isAnomaly)) caught++;
      if (detectSeriesTuned(ts, vs, { kind: "count" }, withoutCollapse).slice(at, at + 3).some((p) => p.isAnomaly)) caughtWithout++;
    }
    expect(caught).toBeGreaterThan(caughtWithout);
    expect(caught).toBeGreaterThanOrEqual(5);
  });

  it("does not alarm on a holiday at 55 % of the usual traffic", () => {
    for (let seed = 1; seed <= 4; seed++) {
      const day = 30;
      const { ts, vs } = pageviews(seed, 40, -1, day);
      const v = detectSeries(ts, vs, { kind: "count" });
      expect(v.slice(day * 24, day * 24 + 24).filter((p) => p.isAnomaly)).toEqual([]);
    }
  });

  it("draws the collapse edge into the lower bound, and leaves gauges alone", () => {
    const { ts, vs } = pageviews(2, 40);
    const v = detectSeries(ts, vs, { kind: "count" });
    const night = v[35 * 24 + 3];
    expect(night.lower).not.toBeNull();
    expect(night.lower ?? 0).toBeGreaterThan(0);
    expect(detectSeries(ts, vs, { kind: "gauge" })).toEqual(detectSeriesTuned(ts, vs, { kind: "gauge" }, withoutCollapse));
  });
});

/** Hourly visits with a weekly shape (quiet weekends), quiet nights and overdispersion; optional surge (x1.8 for 3 hours). */
function weeklyVisitors(seed: number, days: number, surgeAt = -1): { ts: number[]; vs: number[] } {
  const r = rng(seed);
  const ts = grid(days * 24, HOUR);
  const vs = ts.map((_, i) => {
    const h = i % 24;
    const weekend = Math.floor(i / 24) % 7 >= 5;
    let lambda = 800 * (0.08 + 0.92 * Math.exp(-((h - 14) ** 2) / 18)) * (weekend ? 0.5 : 1) * Math.exp(0.15 * normal(r));
    if (surgeAt >= 0 && i >= surgeAt && i < surgeAt + 3) lambda *= 1.8;
    return poisson(r, lambda);
  });
  return { ts, vs };
}

describe("count noise at the same hour of day (business round B14)", () => {
  it("catches a night-time surge that the weekly model's all-hours noise hides", () => {
    let caught = 0;
    let caughtWithout = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const at = 30 * 24 + 1 + seed;
      const { ts, vs } = weeklyVisitors(seed, 40, at);
      if (detectSeries(ts, vs, { kind: "count" }).slice(at, at + 3).some((p) => p.isAnomaly)) caught++;
      if (detectSeriesTuned(ts, vs, { kind: "count" }, { ...DEFAULT_TUNING, countDayPhaseDays: 0 }).slice(at, at + 3).some((p) => p.isAnomaly)) caughtWithout++;
    }
    expect(caught).toBeGreaterThan(caughtWithout);
  });

  it("keeps the quiet weeks quiet", () => {
    let alarms = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const { ts, vs } = weeklyVisitors(seed, 40);
      alarms += detectSeries(ts, vs, { kind: "count" }).slice(21 * 24).filter((p) => p.isAnomaly).length;
    }
    expect(alarms).toBeLessThanOrEqual(2);
  });
});
