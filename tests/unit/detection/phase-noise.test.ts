import { describe, expect, it } from "vitest";
import { DEFAULT_TUNING, detectSeriesTuned } from "@/lib/detection/detect";
import { detectSeries } from "@/lib/detection";
import { HOUR, grid, normal, rng } from "./synth";

/** Hourly rate whose night hours (few visits) are four times as noisy as its afternoons. */
function nightNoisy(seed: number, days: number, incidentAt = -1): { ts: number[]; vs: number[] } {
  const r = rng(seed);
  const ts = grid(days * 24, HOUR);
  const vs = ts.map((_, i) => {
    const h = i % 24;
    const night = h < 6 || h >= 22;
    const v = 0.4 + 0.1 * Math.sin((2 * Math.PI * h) / 24) + (night ? 0.08 : 0.02) * normal(r) + (i >= incidentAt && i < incidentAt + 3 && incidentAt >= 0 ? 0.25 : 0);
    return Math.round(v * 1e4) / 1e4;
  });
  return { ts, vs };
}

function nightAlarms(verdicts: { isAnomaly: boolean }[], from: number): number {
  let n = 0;
  for (let i = from; i < verdicts.length; i++) if (verdicts[i].isAnomaly && (i % 24 < 6 || i % 24 >= 22)) n++;
  return n;
}

describe("per-phase noise (hourly data)", () => {
  it("judges noisy night hours by their own noise: fewer night alarms than with one scale for the day", () => {
    let withPhase = 0;
    let without = 0;
    for (let seed = 1; seed <= 4; seed++) {
      const { ts, vs } = nightNoisy(seed, 42);
      withPhase += nightAlarms(detectSeries(ts, vs, { kind: "rate" }), 14 * 24);
      without += nightAlarms(detectSeriesTuned(ts, vs, { kind: "rate" }, { ...DEFAULT_TUNING, phaseNoiseMinPeriod: 0 }), 14 * 24);
    }
    expect(without).toBeGreaterThan(0);
    expect(withPhase).toBeLessThan(without);
  });

  it("still catches a daytime incident as wide as the night's noise", () => {
    const at = 30 * 24 + 14;
    const { ts, vs } = nightNoisy(7, 42, at);
    const v = detectSeries(ts, vs, { kind: "rate" });
    expect(v.slice(at, at + 3).some((p) => p.isAnomaly)).toBe(true);
  });

  it("leaves data sampled faster than every 50 minutes alone", () => {
    const r = rng(3);
    const ts = grid(288 * 10, 300_000);
    const vs = ts.map(() => 10 + normal(r));
    expect(detectSeries(ts, vs)).toEqual(detectSeriesTuned(ts, vs, {}, { ...DEFAULT_TUNING, phaseNoiseMinPeriod: 0 }));
  });
});
