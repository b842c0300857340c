import { describe, expect, it } from "vitest";
import { deviationPercent, severityForDeviation, symmetricDeviationPercent } from "@/lib/detection";

describe("deviationPercent", () => {
  it("is the relative change rounded to 0.1", () => {
    expect(deviationPercent(150, 100)).toBe(50);
    expect(deviationPercent(50, 100)).toBe(-50);
    expect(deviationPercent(100.04, 100)).toBe(0);
    expect(deviationPercent(1 / 3, 1)).toBe(-66.7);
  });
  it("stays finite when expected is zero or negative", () => {
    for (const [a, e] of [[5, 0], [0, 0], [-5, 0], [5, -2], [Number.NaN, 1], [1, Number.POSITIVE_INFINITY]]) {
      const d = deviationPercent(a, e);
      expect(Number.isFinite(d)).toBe(true);
      expect(JSON.parse(JSON.stringify({ d })).d).toBe(d);
    }
    expect(deviationPercent(5, 0)).toBeGreaterThan(200);
    expect(deviationPercent(0, 0)).toBe(0);
  });
});

describe("symmetricDeviationPercent", () => {
  it("treats a halving like a doubling", () => {
    expect(symmetricDeviationPercent(200, 100)).toBe(100);
    expect(symmetricDeviationPercent(50, 100)).toBe(100);
    expect(symmetricDeviationPercent(80, 100)).toBe(25);
    expect(symmetricDeviationPercent(100, 100)).toBe(0);
  });
  it("maps a fall to zero to a finite critical value", () => {
    const d = symmetricDeviationPercent(0, 120);
    expect(Number.isFinite(d)).toBe(true);
    expect(severityForDeviation(d)).toBe("critical");
    expect(Number.isFinite(symmetricDeviationPercent(10, 0))).toBe(true);
  });
});

describe("severityForDeviation", () => {
  it("uses 50/100/200 by default", () => {
    expect(severityForDeviation(49.9)).toBeNull();
    expect(severityForDeviation(50)).toBe("info");
    expect(severityForDeviation(99.9)).toBe("info");
    expect(severityForDeviation(100)).toBe("warning");
    expect(severityForDeviation(199.9)).toBe("warning");
    expect(severityForDeviation(250)).toBe("critical");
    expect(severityForDeviation(Number.NaN)).toBeNull();
  });
  it("honours custom thresholds", () => {
    expect(severityForDeviation(30, { info: 20, warning: 40, critical: 80 })).toBe("info");
    expect(severityForDeviation(90, { info: 20, warning: 40, critical: 80 })).toBe("critical");
  });
});
