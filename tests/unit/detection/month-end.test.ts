import { describe, expect, it } from "vitest";
import { detectSeries } from "@/lib/detection";
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
