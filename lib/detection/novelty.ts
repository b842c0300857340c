/**
 * Context novelty, in the spirit of the Contextual Anomaly Detector (CAD OSE) that
 * scores well on NAB: a residual band only sees points that are far from the
 * forecast, but many incidents first show as a *shape* the series has never made
 * before (a plateau at an unusual level, a missing daily peak, a new oscillation)
 * while every single value is still inside the band.
 *
 * Values are quantised into a few levels of the range seen so far; the context of a
 * point is the sequence of the last m levels (orders 1..maxOrder). A dictionary of
 * every context seen so far (causal: a point is scored before it is learned) gives
 * the novelty: the weighted share of this point's contexts that were never seen.
 * When the observed range outgrows the quantisation, the levels are recomputed and
 * the dictionary is rebuilt from the stored history (rare: the range has to grow
 * by `rangeGrowth` each time, so a few dozen rebuilds at most).
 *
 * With the defaults (maxOrder 1) a context is just the transition "previous level ->
 * this level": longer contexts raised more events on NAB without catching more
 * incidents (docs/detection.md, rounds 9 and 11a).
 *
 * All constants are global (chosen on NAB, see docs/detection.md); nothing here
 * depends on the length of the series, so the score of point i depends only on
 * points 0..i.
 */
import { dec, enc, encAll, type Num } from "./state";

export interface NoveltyTuning {
  /** Quantisation levels inside the observed range (two more for values outside it). */
  levels: number;
  /** Longest context, in points. */
  maxOrder: number;
  /** Rebuild the quantisation when the observed range exceeds the quantised one by this factor. */
  rangeGrowth: number;
  /** Points learned before anything is scored. */
  minHistory: number;
  /** Weight of order m is orderDecay^(m-1): a new short context is more surprising than a new long one. */
  orderDecay: number;
}

export const DEFAULT_NOVELTY: NoveltyTuning = {
  levels: 5,
  maxOrder: 1,
  rangeGrowth: 1.25,
  minHistory: 400,
  orderDecay: 0.5,
};

export interface ContextNoveltyState {
  /** Per order, the contexts seen and how often. */
  maps: Array<Array<[number, number]>>;
  /** The raw history the dictionary is rebuilt from: grows with the series (see resume.ts, "bounded state"). */
  history: Num[];
  valid: number;
  obsLo: Num;
  obsHi: Num;
  qLo: Num;
  qWidth: Num;
  recent: number[];
}

export class ContextNovelty {
  private readonly maps: Map<number, number>[];
  private readonly symbols: number;
  private readonly weights: Float64Array;
  private readonly weightSum: number;
  /** Raw history (NaN = missing), kept so the dictionary can be rebuilt after a rescale. */
  private history: Float64Array;
  private count = 0;
  private valid = 0;
  private obsLo = Infinity;
  private obsHi = -Infinity;
  private qLo = 0;
  private qWidth = 0;
  /** Symbols of the last maxOrder points (most recent last); -1 = missing. */
  private readonly recent: Int32Array;

  constructor(private readonly t: NoveltyTuning = DEFAULT_NOVELTY) {
    this.symbols = t.levels + 2;
    this.maps = Array.from({ length: t.maxOrder }, () => new Map<number, number>());
    this.weights = new Float64Array(t.maxOrder);
    let s = 0;
    for (let m = 0; m < t.maxOrder; m++) {
      this.weights[m] = Math.pow(t.orderDecay, m);
      s += this.weights[m];
    }
    this.weightSum = s;
    this.history = new Float64Array(1024);
    this.recent = new Int32Array(t.maxOrder + 1).fill(-1);
  }

  private symbol(x: number): number {
    if (!(this.qWidth > 0)) return 1;
    const r = (x - this.qLo) / this.qWidth;
    if (r < 0) return 0;
    if (r > 1) return this.symbols - 1;
    return 1 + Math.min(this.t.levels - 1, Math.floor(r * this.t.levels));
  }

  /**
   * Novelty of x given everything before it (0..1; 0 while warming up or for a
   * missing value), then learns x.
   */
  step(x: number): number {
    this.store(x);
    if (!(x === x)) {
      this.shift(-1);
      return 0;
    }
    const sym = this.symbol(x);
    this.shift(sym);
    let novelty = 0;
    if (this.valid >= this.t.minHistory) {
      let unseen = 0;
      let key = sym;
      let mult = this.symbols;
      const R = this.recent.length;
      for (let m = 0; m < this.t.maxOrder; m++) {
        const prev = this.recent[R - 2 - m];
        if (prev < 0) {
          // Context broken by a gap: the longer orders say nothing.
          break;
        }
        key += prev * mult;
        mult *= this.symbols;
        if (!this.maps[m].has(key)) unseen += this.weights[m];
      }
      novelty = unseen / this.weightSum;
    }
    this.learnRecent();
    this.valid++;
    if (x < this.obsLo) this.obsLo = x;
    if (x > this.obsHi) this.obsHi = x;
    const obsWidth = this.obsHi - this.obsLo;
    if (obsWidth > this.t.rangeGrowth * this.qWidth) this.rebuild();
    return novelty;
  }

  private store(x: number): void {
    if (this.count === this.history.length) {
      const h = new Float64Array(this.history.length * 2);
      h.set(this.history);
      this.history = h;
    }
    this.history[this.count++] = x;
  }

  private shift(sym: number): void {
    this.recent.copyWithin(0, 1);
    this.recent[this.recent.length - 1] = sym;
  }

  /** Adds the contexts ending at the most recent symbol to the dictionary. */
  private learnRecent(): void {
    const R = this.recent.length;
    let key = this.recent[R - 1];
    if (key < 0) return;
    let mult = this.symbols;
    for (let m = 0; m < this.t.maxOrder; m++) {
      const prev = this.recent[R - 2 - m];
      if (prev < 0) break;
      key += prev * mult;
      mult *= this.symbols;
      const map = this.maps[m];
      map.set(key, (map.get(key) ?? 0) + 1);
    }
  }

  private rebuild(): void {
    this.qLo = this.obsLo;
    this.qWidth = this.obsHi - this.obsLo;
    for (const m of this.maps) m.clear();
    this.recent.fill(-1);
    for (let i = 0; i < this.count; i++) {
      const x = this.history[i];
      this.shift(x === x ? this.symbol(x) : -1);
      this.learnRecent();
    }
  }

  save(): ContextNoveltyState {
    return {
      maps: this.maps.map((m) => [...m.entries()]),
      history: encAll(this.history, this.count),
      valid: this.valid,
      obsLo: enc(this.obsLo),
      obsHi: enc(this.obsHi),
      qLo: enc(this.qLo),
      qWidth: enc(this.qWidth),
      recent: [...this.recent],
    };
  }

  load(s: ContextNoveltyState): void {
    if (s.maps.length !== this.maps.length || s.recent.length !== this.recent.length) throw new Error("checkpoint: novelty order differs");
    s.maps.forEach((entries, m) => {
      this.maps[m].clear();
      for (const [k, v] of entries) this.maps[m].set(k, v);
    });
    this.history = new Float64Array(Math.max(1024, s.history.length));
    for (let i = 0; i < s.history.length; i++) this.history[i] = dec(s.history[i]);
    this.count = s.history.length;
    this.valid = s.valid;
    this.obsLo = dec(s.obsLo);
    this.obsHi = dec(s.obsHi);
    this.qLo = dec(s.qLo);
    this.qWidth = dec(s.qWidth);
    s.recent.forEach((v, i) => (this.recent[i] = v));
  }
}
