import type { SeriesKind } from "./types";

/**
 * Smallest credible noise level for a point, by series kind. Empirical residual
 * scales collapse on quiet or quantised series; these floors stop a tiny absolute
 * change from looking like many sigmas.
 */
export function noiseFloor(kind: SeriesKind, expected: number, denominator: number | null, rateUnit: number): number {
  const e = Math.abs(expected);
  // A sliver of the level: noise-free synthetic series would otherwise alarm on rounding.
  let floor = 0.005 * e + 1e-9;
  if (kind === "count") {
    // Poisson: sd = sqrt(mean); the +1 covers the heavy relative tails of small counts.
    floor = Math.max(floor, Math.sqrt(Math.max(expected, 0)) + 1);
  } else if (kind === "rate" && denominator !== null && denominator >= 0) {
    // Binomial sd of a proportion measured on `denominator` trials, with a Laplace
    // prior so 0% and 100% on a handful of trials still carry wide uncertainty.
    const p = Math.min(1, Math.max(0, expected / rateUnit));
    const pHat = (p * denominator + 1) / (denominator + 2);
    floor = Math.max(floor, rateUnit * Math.sqrt((pHat * (1 - pHat)) / (denominator + 1)));
  } else if (kind === "amount") {
    floor = Math.max(floor, 0.01 * e);
  }
  return floor;
}
