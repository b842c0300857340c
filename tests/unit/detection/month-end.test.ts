import { describe, expect, it } from "vitest";
import { detectSeries } from "@/lib/detection";
import { DEFAULT_TUNING, detectSeriesTuned } from "@/lib/detection/detect";
import { DAY, grid, normal, rng } from "./synth";

const isLastDay = (t: number) => new Date(t + DAY).getUTCDate() === 1;
const isQuarterEnd = (t: number) => isLastDay(t) && new Date(t).getUTCMonth() % 3 === 2;

describe("month-end and quarter-end batches (daily cost)", () => {
  it("a month-end batch that first recurs two months back (the month between was a quarter-end) does not alarm", () => {
    // From 2023-11-01: Nov 30 a month-end, Dec 31 a quarter-end, Jan 31 a month-end again,
    // whose only earlier like is two months back.
    const ts = grid(200, DAY, Date.UTC(2023, 10, 1));
    for (let seed = 1; seed <= 3; seed++) {
      const r = rng(seed);
      const vs = ts.map((t) => Math.round(300 * (isQuarterEnd(t) ? 3 : isLastDay(t) ? 1.6 : 1) * (1 + 0.04 * normal(r)) * 100) / 100);
      const v = detectSeries(ts, vs, { kind: "amount", direction: "both", minAbsoluteDelta: 10 });
      const jan31 = ts.findIndex((t) => t === Date.UTC(2024, 0, 31));
      const feb29 = ts.findIndex((t) => t === Date.UTC(2024, 1, 29));
      expect(v[jan31].isAnomaly).toBe(false);
      expect(v[feb29].isAnomaly).toBe(false);
      // The first month-end batch ever seen is news.
      expect(v[ts.findIndex((t) => t === Date.UTC(2023, 10, 30))].isAnomaly).toBe(true);
    }
  });
});

describe("a recurring charge that grows with the bill", () => {
  it("a quarter-end batch on a growing weekday/weekend bill is learned in proportion to the level", () => {
    const ts = grid(420, DAY, Date.UTC(2023, 10, 1));
    let flagged = 0;
    let flaggedUnscaled = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const r = rng(seed);
      // Spend grows 60 % a year; weekends cost 60 %; each quarter-end runs a batch worth 1.5 days.
      const vs = ts.map((t, i) => {
        const dow = new Date(t).getUTCDay();
        const base = 1000 * (1 + (0.6 * i) / 365) * (dow === 0 || dow === 6 ? 0.6 : 1);
        return Math.round(base * (isQuarterEnd(t) ? 2.5 : 1) * (1 + 0.04 * normal(r)) * 100) / 100;
      });
      const opts = { kind: "amount" as const, direction: "both" as const, minAbsoluteDelta: 10 };
      const quarterEnds = ts.map((t, i) => (isQuarterEnd(t) ? i : -1)).filter((i) => i >= 0).slice(1);
      const v = detectSeries(ts, vs, opts);
      const u = detectSeriesTuned(ts, vs, opts, { ...DEFAULT_TUNING, recurScaled: false });
      flagged += quarterEnds.filter((i) => v[i].isAnomaly).length;
      flaggedUnscaled += quarterEnds.filter((i) => u[i].isAnomaly).length;
    }
    expect(flaggedUnscaled).toBeGreaterThan(0);
    // Of 12 later quarter-ends (4 seeds), rescaling at least halves the ones flagged (measured: 2 vs 5).
    expect(flagged * 2).toBeLessThanOrEqual(flaggedUnscaled);
  });
});
