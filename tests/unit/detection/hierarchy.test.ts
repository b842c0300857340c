import { describe, expect, it } from "vitest";
import { combineComponents, detectSeries, scoreAboveBand, type PointVerdict } from "@/lib/detection";
import { DAY, grid, normal, rng, dayOfWeek } from "./synth";

interface Component {
  base: number;
  noise: number;
  /** index → multiplier */
  incidents?: Record<number, number>;
  startsAt?: number;
}

function build(components: Component[], n: number, seed: number) {
  const r = rng(seed);
  const timestamps = grid(n, DAY);
  const series = components.map((c) =>
    timestamps.map((t, i) => {
      if (c.startsAt !== undefined && i < c.startsAt) return null; // did not exist yet
      const weekend = dayOfWeek(t) >= 5 ? 0.8 : 1;
      return c.base * weekend * Math.exp(c.noise * normal(r)) * (c.incidents?.[i] ?? 1);
    }),
  );
  const totals = timestamps.map((_, i) => series.reduce((s, values) => s + (values[i] ?? 0), 0));
  const verdicts = series.map((values) => detectSeries(timestamps, values, { kind: "amount", direction: "up", seasonalPeriods: [7], minAbsoluteDelta: 1 }));
  return { timestamps, series, totals, verdicts };
}

function combine(b: ReturnType<typeof build>, floor = 10) {
  return combineComponents(b.totals, b.series.map((values, i) => ({ values, verdicts: b.verdicts[i] })), { combine: "sum", minAbsoluteDelta: floor });
}

const flagged = (verdicts: PointVerdict[]) => verdicts.flatMap((v, i) => (v.isAnomaly ? [i] : []));

describe("bottom-up bands (combineComponents)", () => {
  it("sees a small service's runaway that the total's own variance would hide", () => {
    // Lambda ×8 adds ~15 % to a ~1,400/day provider.
    const b = build([{ base: 800, noise: 0.03 }, { base: 400, noise: 0.03 }, { base: 30, noise: 0.05, incidents: { 150: 8 } }, { base: 120, noise: 0.03 }], 180, 1);
    const total = combine(b);
    expect(flagged(total)).toContain(150);
    const topDown = detectSeries(b.timestamps, b.totals, { kind: "amount", direction: "up", seasonalPeriods: [7], minAbsoluteDelta: 10 });
    // The point of the bottom-up band: it is narrower than the total's own band.
    const width = (v: PointVerdict) => (v.upper ?? 0) - (v.expected ?? 0);
    expect(width(total[149])).toBeLessThan(width(topDown[149]) * 1.01);
  });

  it("stays quiet on normal weekly patterns and noise", () => {
    const b = build([{ base: 800, noise: 0.03 }, { base: 400, noise: 0.03 }, { base: 30, noise: 0.05 }, { base: 120, noise: 0.03 }], 180, 2);
    expect(flagged(combine(b)).filter((i) => i > 30)).toEqual([]);
  });

  it("a past spike in one service does not hide a later incident in another", () => {
    const b = build([{ base: 800, noise: 0.03, incidents: { 100: 2.4 } }, { base: 200, noise: 0.03, incidents: { 160: 2.5 } }], 180, 3);
    const total = combine(b);
    expect(flagged(total)).toEqual(expect.arrayContaining([100, 160]));
  });

  it("raises one alarm per incident, at its onset", () => {
    const b = build([{ base: 500, noise: 0.02, incidents: { 120: 3, 121: 3, 122: 3 } }, { base: 100, noise: 0.02 }], 160, 4);
    const total = combine(b);
    expect(flagged(total).filter((i) => i >= 118 && i <= 124)).toEqual([120]);
    expect(total[121].outOfBand).toBe(true);
  });

  it("a new service has expected 0: its first day alarms when it spends at least the floor", () => {
    const big = build([{ base: 500, noise: 0.02 }, { base: 200, noise: 0.02, startsAt: 170 }], 180, 5);
    const total = combine(big);
    // Day one alarms and names the new service; the following days are learned, not alarms.
    expect(flagged(total).filter((i) => i >= 165)).toEqual([170]);
    expect(total[170].causes).toEqual([1]);
    expect(total[170].direction).toBe("up");
  });

  it("a new service below the floor never alarms", () => {
    const small = build([{ base: 500, noise: 0.02 }, { base: 2, noise: 0.02, startsAt: 170 }], 180, 5);
    expect(flagged(combine(small)).filter((i) => i >= 165)).toEqual([]);
  });

  it("a provider's first days are not judged, new services included", () => {
    const b = build([{ base: 500, noise: 0.02 }, { base: 300, noise: 0.02 }], 20, 8);
    expect(flagged(combine(b)).filter((i) => i < 7)).toEqual([]);
  });

  it("judges each service on its own band: a small service ×10 inside a large noisy total alarms", () => {
    // A $30 service going ×10 (+$270) on a ~$20,000 provider with 8 % daily noise.
    const services = [{ base: 12_000, noise: 0.08 }, { base: 8_000, noise: 0.08 }, { base: 30, noise: 0.03, incidents: { 150: 10 } }];
    const b = build(services, 180, 9);
    const total = combine(b);
    expect(total[150].outOfBand).toBe(true);
    expect(total[150].causes).toEqual([2]);
    // The total alone would not have seen it.
    expect(b.totals[150] - total[150].upper!).toBeLessThan(10);
  });

  it("flags a drop of the total when drops are judged, and only then", () => {
    const b = build([{ base: 500, noise: 0.02, incidents: { 150: 0, 151: 0 } }, { base: 200, noise: 0.02, incidents: { 150: 0, 151: 0 } }], 180, 10);
    const withDrops = combineComponents(b.totals, b.series.map((values, i) => ({ values, verdicts: b.verdicts[i] })), { combine: "sum", minAbsoluteDelta: 10, drops: true });
    expect(withDrops[150]).toMatchObject({ outOfBand: true, isAnomaly: true, direction: "down" });
    expect(withDrops[151].outOfBand).toBe(true);
    expect(combine(b)[150].outOfBand).toBe(false);
  });

  it("does not call a quiet-but-normal day a drop (the drop must clear the allowance)", () => {
    const b = build([{ base: 500, noise: 0.02, incidents: { 150: 0.75 } }, { base: 200, noise: 0.02 }], 180, 11);
    const v = combineComponents(b.totals, b.series.map((values, i) => ({ values, verdicts: b.verdicts[i] })), { combine: "sum", minAbsoluteDelta: 10, drops: true });
    expect(v[150].outOfBand).toBe(false);
  });

  it("judges drops with the engine's allowance: a holiday halving the bill is not a drop, a fall to a tenth is", () => {
    // Holidays take 40-55 % off a bill for a day; outages and broken exports take (nearly) all of it.
    const b = build([{ base: 5_000, noise: 0.05, incidents: { 150: 0.5, 160: 0.1 } }, { base: 300, noise: 0.05, incidents: { 150: 0.5, 160: 0.1 } }], 180, 12);
    const v = combineComponents(b.totals, b.series.map((values, i) => ({ values, verdicts: b.verdicts[i] })), { combine: "sum", minAbsoluteDelta: 10, drops: true });
    expect(v[150].outOfBand).toBe(false);
    expect(v[160]).toMatchObject({ outOfBand: true, direction: "down" });
    expect(v[150].lower!).toBeLessThan(b.totals[150]);
  });

  it("spend coming back after days at zero is the end of the drop, not a new rise", () => {
    const zero = Object.fromEntries(Array.from({ length: 8 }, (_, d) => [150 + d, 0]));
    const b = build([{ base: 1_000, noise: 0.05, incidents: zero }, { base: 200, noise: 0.05, incidents: zero }], 200, 13);
    const v = combineComponents(b.totals, b.series.map((values, i) => ({ values, verdicts: b.verdicts[i] })), { combine: "sum", minAbsoluteDelta: 10, drops: true });
    expect(v[150]).toMatchObject({ isAnomaly: true, direction: "down" });
    expect(v.slice(151).filter((x) => x.isAnomaly)).toEqual([]);
    // Not even out of band upwards (the job would open a second, "up", incident on it).
    expect(v.slice(158).filter((x) => x.outOfBand).map((x) => x.direction)).toEqual([]);
  });

  it("a service just above its own band by the floor is not a cause; far above it is", () => {
    const judge = (factor: number) => {
      const b = build([{ base: 20_000, noise: 0.08 }, { base: 3_000, noise: 0.05 }], 180, 14);
      const before = b.verdicts[1][150];
      const width = before.upper! - before.expected!;
      expect(0.3 * width).toBeGreaterThan(10); // past the floor either way
      b.series[1][150] = before.expected! + factor * width;
      b.totals[150] = b.series[0][150]! + b.series[1][150];
      b.verdicts[1] = detectSeries(b.timestamps, b.series[1], { kind: "amount", direction: "up", seasonalPeriods: [7], minAbsoluteDelta: 1 });
      return combine(b)[150];
    };
    expect(judge(1.3)).toMatchObject({ outOfBand: false, causes: [] });
    expect(judge(4)).toMatchObject({ outOfBand: true, causes: [1] });
  });

  it("respects the absolute floor: a tiny provider's doubling by $5 is not an alarm", () => {
    const b = build([{ base: 3, noise: 0.03, incidents: { 150: 2.5 } }, { base: 1, noise: 0.03 }], 180, 6);
    expect(flagged(combine(b, 10))).not.toContain(150);
    expect(flagged(combine(b, 0))).toContain(150);
  });

  it("averages components for mean metrics (latency across services)", () => {
    const b = build([{ base: 40, noise: 0.05 }, { base: 60, noise: 0.05, incidents: { 150: 4 } }], 180, 7);
    const mean = b.totals.map((t) => t / 2);
    const verdicts = combineComponents(mean, b.series.map((values, i) => ({ values, verdicts: b.verdicts[i] })), { combine: "mean", minAbsoluteDelta: 5 });
    expect(verdicts[149].expected!).toBeGreaterThan(35);
    expect(verdicts[149].expected!).toBeLessThan(65);
    expect(flagged(verdicts)).toContain(150);
  });

  it("scores 0.5 at the band edge and approaches 1 far above it", () => {
    expect(scoreAboveBand(100, 100, 110)).toBe(0);
    expect(scoreAboveBand(110, 100, 110)).toBeCloseTo(0.5);
    expect(scoreAboveBand(200, 100, 110)).toBeGreaterThan(0.99);
  });
});
