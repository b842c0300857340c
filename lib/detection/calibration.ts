/**
 * Learns how heavy-tailed a series' own residuals are. Robust sigmas assume a
 * Gaussian core; bursty series (social volume, request counts) put far more mass
 * past 4 sigma than that, and a fixed z threshold would alarm on them daily. The
 * factor compares a high quantile of past excesses with the Gaussian one and only
 * ever widens the band.
 */
import { dec, enc, type Num } from "./state";

export interface TailCalibratorState {
  /** The non-zero bins: [bin, weight] (counts times fades, never negative). */
  hist: Array<[number, Num]>;
  total: Num;
  cached: Num;
  sinceUpdate: number;
}

const BINS = 400;
const BIN_WIDTH = 0.05; // z units; 20 sigma is plenty, larger excesses land in the last bin

export class TailCalibrator {
  private readonly hist = new Float64Array(BINS);
  private total = 0;
  private cached = 1;
  private sinceUpdate = 0;
  /**
   * The bins ever filled, in the order first filled: every other bin is 0 and stays 0, so
   * fading skips it (a series fills a few dozen bins; fading all 400 was a few percent of a
   * rebuild). Only the set matters: each bin is faded on its own.
   */
  private readonly filled = new Uint16Array(BINS);
  private readonly isFilled = new Uint8Array(BINS);
  private filledCount = 0;

  private readonly fade: number;

  /**
   * `horizon` (points) is how long an excess is remembered: the tails of warm-up
   * forecasts and of a regime long gone should not keep the band wide forever.
   */
  constructor(
    private readonly quantile: number,
    private readonly gaussianQuantile: number,
    private readonly minCount: number,
    horizon: number,
    private readonly minTailPoints = 0,
    private readonly refreshEvery = 16,
  ) {
    this.fade = Math.pow(1 - 1 / Math.max(horizon, refreshEvery), refreshEvery);
  }

  add(z: number): void {
    const b = Math.min(BINS - 1, Math.max(0, Math.floor(z / BIN_WIDTH)));
    this.hist[b]++;
    this.markFilled(b);
    this.total++;
    if (++this.sinceUpdate >= this.refreshEvery) {
      this.sinceUpdate = 0;
      this.cached = this.compute();
      for (let i = 0; i < this.filledCount; i++) this.hist[this.filled[i]] *= this.fade;
      this.total *= this.fade;
    }
  }

  private markFilled(b: number): void {
    if (this.isFilled[b]) return;
    this.isFilled[b] = 1;
    this.filled[this.filledCount++] = b;
  }

  private compute(): number {
    if (this.total < this.minCount) return this.total > 0 ? this.cached : 1;
    // Heavy tails are a property of the series only if they recur: the quantile is
    // read no higher than the minTailPoints-th largest excess, so a handful of
    // isolated incidents (a spike, a monthly charge) never widen the band.
    const target = Math.min(this.quantile * this.total, this.total - this.minTailPoints);
    let acc = 0;
    for (let b = 0; b < BINS; b++) {
      acc += this.hist[b];
      if (acc >= target) return Math.max(1, ((b + 1) * BIN_WIDTH) / this.gaussianQuantile);
    }
    return Math.max(1, (BINS * BIN_WIDTH) / this.gaussianQuantile);
  }

  factor(): number {
    return this.cached;
  }

  save(): TailCalibratorState {
    const hist: Array<[number, Num]> = [];
    for (let b = 0; b < BINS; b++) if (this.hist[b] !== 0) hist.push([b, enc(this.hist[b])]);
    return { hist, total: enc(this.total), cached: enc(this.cached), sinceUpdate: this.sinceUpdate };
  }

  load(s: TailCalibratorState): void {
    this.hist.fill(0);
    this.isFilled.fill(0);
    this.filledCount = 0;
    for (const [b, w] of s.hist) {
      this.hist[b] = dec(w);
      if (Number.isInteger(b) && b >= 0 && b < BINS) this.markFilled(b);
    }
    this.total = dec(s.total);
    this.cached = dec(s.cached);
    this.sinceUpdate = s.sinceUpdate;
  }
}
/** Two-sided Gaussian quantile: P(|Z| <= q) = p. */
export function gaussianAbsQuantile(p: number): number {
  // Acklam-free shortcut: the few quantiles we use, else a bisection on erf.
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (erf(mid / Math.SQRT2) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function erf(x: number): number {
  // Abramowitz-Stegun 7.1.26, plenty for picking a calibration constant.
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

