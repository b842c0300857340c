import { describe, expect, it } from "vitest";
import { defaultSeasonalPeriods, inferIntervalMs } from "@/lib/detection";
import { DAY, HOUR, grid } from "./synth";

describe("interval inference", () => {
  it("finds the step despite missing rows", () => {
    const ts = grid(100, 5 * 60_000).filter((_, i) => i % 7 !== 3);
    expect(inferIntervalMs(ts)).toBe(5 * 60_000);
    expect(inferIntervalMs(grid(30, DAY).filter((_, i) => i !== 10 && i !== 11))).toBe(DAY);
  });
  it("maps steps to business seasonalities", () => {
    expect(defaultSeasonalPeriods(DAY)).toEqual([7]);
    expect(defaultSeasonalPeriods(HOUR)).toEqual([24, 168]);
    expect(defaultSeasonalPeriods(5 * 60_000)).toEqual([288]);
    expect(defaultSeasonalPeriods(7 * DAY)).toEqual([]);
  });
});
