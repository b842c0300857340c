// The static expected-band chart (components/charts/static-band-chart.tsx) is replaced by recharts
// after hydration; for nothing to jump, its ticks and curves must be recharts' own. Checked against
// the code recharts draws with: its nice-tick function and d3-shape's monotone-x curve.
import { curveMonotoneX, line } from "d3-shape";
import { getNiceTickValues } from "recharts/lib/util/scale/getNiceTickValues";
import { describe, expect, it } from "vitest";
import { bandGeometry, monotonePath, niceTicks, PLOT_VIEWBOX_WIDTH, xLabelIndexes, type BandPoint } from "@/components/charts/band-geometry";

/** A small seeded generator (mulberry32), so a failure replays. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every number of an SVG path, rounded like monotonePath's output (2 decimals). */
const numbers = (d: string) => (d.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? []).map((n) => Math.round(Number(n) * 100) / 100);

describe("niceTicks", () => {
  it("gives recharts' ticks for domains from 0 to values of every magnitude", () => {
    const next = random(12);
    for (let i = 0; i < 500; i++) {
      const max = 10 ** (next() * 12 - 3) * (1 + next());
      expect(niceTicks(0, max), `max ${max}`).toEqual(getNiceTickValues([0, max], 5, true));
    }
  });

  it("gives recharts' ticks for domains below zero and for all-zero data", () => {
    for (const [min, max] of [[-37.5, 120], [-0.4, 0], [-1200, 15], [0, 0], [0, 7], [0, 1e-9]]) {
      expect(niceTicks(min, max), `${min}..${max}`).toEqual(getNiceTickValues([min, max], 5, true));
    }
  });
});

describe("monotonePath", () => {
  it("draws d3's curveMonotoneX through the same points, flat runs and spikes included", () => {
    const next = random(7);
    for (let n = 1; n <= 40; n++) {
      const points = Array.from({ length: n }, (_, i) => ({ x: (i / Math.max(1, n - 1)) * 1000, y: next() < 0.2 ? 100 : next() * 278 }));
      const d3 = line<{ x: number; y: number }>().x((p) => p.x).y((p) => p.y).curve(curveMonotoneX)(points) ?? "";
      const ours = numbers(monotonePath(points));
      const theirs = numbers(d3);
      expect(ours, `n ${n}`).toHaveLength(theirs.length);
      // Both round to two decimals, d3 from its own arithmetic: a last digit may differ.
      ours.forEach((value, i) => expect(Math.abs(value - theirs[i]), `n ${n}, number ${i}`).toBeLessThanOrEqual(0.011));
    }
  });

  it("continues an area's second edge with a line-to", () => {
    expect(monotonePath([{ x: 0, y: 5 }, { x: 10, y: 7 }], true)).toBe("L0,5L10,7");
  });
});

describe("bandGeometry", () => {
  const day = (i: number) => `2026-03-${String(i + 1).padStart(2, "0")}`;
  const points: BandPoint[] = Array.from({ length: 28 }, (_, i) => ({
    x: day(i),
    actual: i === 20 ? 480 : i === 5 ? null : 100 + (i % 7) * 5,
    expected: 110,
    lower: i < 3 ? null : 80,
    upper: i < 3 ? null : 140,
  }));

  it("spans the points across the plot and puts the highest value at the top tick's height or below", () => {
    const g = bandGeometry(points, 320);
    expect(g.plotHeight).toBe(278);
    expect(g.xAt(0)).toBe(0);
    expect(g.xAt(27)).toBe(PLOT_VIEWBOX_WIDTH);
    expect(g.yTicks.map((t) => t.value)).toEqual(getNiceTickValues([0, 480], 5, true));
    expect(g.yTicks[0].y).toBe(278);
    expect(g.yTicks[g.yTicks.length - 1].y).toBe(0);
    expect(g.yAt(480)).toBeGreaterThanOrEqual(0);
  });

  it("breaks the actual line at a missing day, connects the expected line, and bands only where both bounds exist", () => {
    const g = bandGeometry(points, 320);
    expect(g.actualPath.match(/M/g)).toHaveLength(2);
    expect(g.expectedPath.match(/M/g)).toHaveLength(1);
    expect(numbers(g.bandPath.split("C")[0])).toEqual([Math.round(g.xAt(3) * 100) / 100, Math.round(g.yAt(140) * 100) / 100]);
    expect(g.bandPath.endsWith("Z")).toBe(true);
  });

  it("labels the last point and no more than six", () => {
    for (const n of [1, 2, 6, 7, 28, 90, 365]) {
      const indexes = xLabelIndexes(n);
      expect(indexes[indexes.length - 1]).toBe(n - 1);
      expect(indexes.length).toBeLessThanOrEqual(6);
      expect(indexes[0]).toBeGreaterThanOrEqual(0);
    }
  });
});
