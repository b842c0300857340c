import { describe, expect, it } from "vitest";
import { DEFAULT_TUNING, detectSeriesTuned } from "@/lib/detection/detect";
import { detectSeries } from "@/lib/detection";
import { DAY, alarmsIn, grid, normal, rng } from "./synth";

describe("recovery after an incident", () => {
  it("spend back after eight days at zero is the end of the incident, not a second one", () => {
    const ts = grid(150, DAY);
    let withMemory = 0;
    let without = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const r = rng(seed);
      const vs = ts.map((_, i) => (i >= 100 && i < 108 ? 0 : Math.round(500 * (1 + 0.05 * normal(r)) * 100) / 100));
      const opts = { kind: "amount" as const, direction: "both" as const, minAbsoluteDelta: 10 };
      const v = detectSeries(ts, vs, opts);
      expect(alarmsIn(v, 100, 101)).toEqual([100]);
      withMemory += alarmsIn(v, 101, 115).length;
      without += alarmsIn(detectSeriesTuned(ts, vs, opts, { ...DEFAULT_TUNING, recoveryDays: 0 }), 101, 115).length;
    }
    expect(without).toBeGreaterThan(0);
    expect(withMemory).toBe(0);
  });

  it("a later incident on the other side of the old band still alarms", () => {
    const r = rng(11);
    const ts = grid(150, DAY);
    // Spend drops to zero, comes back, then triples two weeks later.
    const vs = ts.map((_, i) => (i >= 100 && i < 105 ? 0 : Math.round(500 * (i >= 120 ? 3 : 1) * (1 + 0.05 * normal(r)) * 100) / 100));
    const v = detectSeries(ts, vs, { kind: "amount", direction: "both", minAbsoluteDelta: 10 });
    expect(alarmsIn(v, 120, 122)).toEqual([120]);
  });
});
