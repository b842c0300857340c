import { PhaseMedians } from "./phase-medians";
import { SortedWindow, medianOf } from "./sorted-window";
import { dec, decInto, enc, encAll, SlotRing, type Num, type SlotRingState } from "./state";

export interface LevelTrackerState {
  win: Num[];
  level: Num;
  held: Num;
  covered: boolean;
}

export interface SeasonalCandidateState {
  offsets: SlotRingState;
  slotErrors: SlotRingState | null;
  /** The sorted error window; null where it is the error ring sorted (always, unless errors were NaN or -0). */
  errors: Num[] | null;
  ring: Num[];
  head: number;
  count: number;
  sum: Num;
}

/** Neither NaN nor -0: the values a sorted window orders exactly as a typed-array sort does. */
const isPlainNumber = (x: number): boolean => x === x && !(x === 0 && 1 / x < 0);

/**
 * Trailing median of the last `w` grid slots. A median over a whole seasonal cycle
 * is a level that a cycle's shape, a few spikes or a gap cannot move much, and it
 * follows a genuine level shift after half a cycle.
 */
export class LevelTracker {
  readonly win: SortedWindow;
  /** Level as of the latest snapshot (the slot being judged). */
  level = NaN;
  /** `src`: the series' values per slot, keeping at least the last w + 1 slots. */
  constructor(readonly w: number, private readonly src: SlotRing) {
    this.win = new SortedWindow(Math.min(w, 1024));
  }
  private held = NaN;
  private covered = false;

  /**
   * Level as seen just before slot j (uses slots j-w..j-1). After a gap the window
   * is only partly filled and its median is biased towards whatever phase of the
   * cycle survived, so the last well-covered level is held instead (only the very
   * first levels of a series come from a partial window, and they follow it as it
   * fills: holding the very first point would make one odd first day the level for
   * a whole window).
   */
  snapshot(): number {
    if (this.win.size * 4 >= 3 * this.w) this.covered = true;
    if (this.win.size > 0 && (this.win.size * 4 >= 3 * this.w || !this.covered)) this.held = this.win.median();
    this.level = this.held;
    return this.held;
  }
  advance(j: number): void {
    const xs = this.src;
    const x = xs.get(j);
    const y = j - this.w >= 0 ? xs.get(j - this.w) : NaN;
    if (x === x && y === y) this.win.replace(y, x);
    else if (x === x) this.win.insert(x);
    else if (y === y) this.win.remove(y);
  }

  save(): LevelTrackerState {
    return { win: this.win.save(), level: enc(this.level), held: enc(this.held), covered: this.covered };
  }

  load(s: LevelTrackerState): void {
    this.win.load(s.win);
    this.level = dec(s.level);
    this.held = dec(s.held);
    this.covered = s.covered;
  }
}

/**
 * One forecasting model: level + the median offset from the level seen at the same
 * phase of the last K cycles. With period 1 the "phase offset" is the recent offset
 * from the trailing median, which is what corrects the median's lag on a trend.
 * Because the offsets are stored relative to the same trailing level, a steady
 * trend cancels out of the seasonal forecast as well.
 */
export class SeasonalCandidate {
  /** Cleaned offsets from the level (x - level, clipped when the point was an outlier), per slot. */
  readonly offsets: SlotRing;
  /** Recent absolute one-step errors, for model choice and the band width. */
  readonly errors: SortedWindow;
  private readonly ring: Float64Array;
  private head = 0;
  private count = 0;
  private sum = 0;
  private readonly scratch: Float64Array;
  /** Each slot's recorded error (NaN where none): the noise of one phase of the cycle; null where phaseScale is never asked. */
  private readonly slotErrors: SlotRing | null;
  /**
   * Whether `errors` is known to be the ring's errors sorted, so save() need not sort the ring
   * to find out. It is as long as no NaN or -0 entered it: each replace then removes a value
   * equal to the one leaving the ring, so the two hold the same values, and with neither NaN
   * nor -0 the same values sort only one way.
   */
  private mirrorsRing = true;
  /** The offsets offsetAt takes its median of, kept sorted per phase (derived from `offsets`, not saved). */
  private readonly phases: PhaseMedians;

  constructor(
    readonly period: number,
    readonly K: number,
    readonly level: LevelTracker,
    readonly errorWindow: number,
    readonly minErrors: number,
    readonly phaseTolerant: boolean,
    phaseLookback: number,
  ) {
    // offsetAt(j - 1) (a phase-tolerant band) reads back 2K cycles from the slot before.
    this.offsets = new SlotRing(2 * K * period + 1);
    this.errors = new SortedWindow(Math.min(errorWindow, 1024));
    this.ring = new Float64Array(errorWindow);
    this.scratch = new Float64Array(2 * K + 2);
    this.slotErrors = phaseLookback > 0 ? new SlotRing(phaseLookback) : null;
    this.phases = new PhaseMedians(period, K);
  }

  /** The cleaned offset of slot j (the slot just opened). */
  setOffset(j: number, off: number): void {
    this.offsets.set(j, off);
    this.phases.add(j, off, this.offsets);
  }

  /** Slot j begins (see SlotRing). */
  open(j: number): void {
    this.offsets.open(j);
    this.slotErrors?.open(j);
  }

  /**
   * Noise at the phase of slot j: mean absolute error at the same phase in up to
   * `cycles` earlier cycles, as a sigma in this point's units; NaN with fewer than 3.
   * Night hours of a website are noisier, relative to their level, than its afternoons.
   * `step` other than the period reads the same phase of a shorter cycle (the same hour of
   * earlier days for a weekly model).
   */
  phaseScale(j: number, cycles: number, unit = 1, step = this.period): number {
    let n = 0;
    let sum = 0;
    for (let k = 1; k <= cycles; k++) {
      const q = j - k * step;
      if (q < 0) break;
      if (!this.slotErrors) throw new Error("phaseScale: the candidate keeps no per-slot errors");
      const e = this.slotErrors.get(q);
      if (e === e) {
        sum += e;
        n++;
      }
    }
    return n < 3 ? NaN : ((1.2533 * sum) / n) * unit;
  }

  /** Median offset at phase `j` from up to K earlier cycles (looking back at most 2K). */
  offsetAt(j: number): number {
    // Held when the K cycles before j all have an offset: exactly the ones the loop below takes.
    const held = this.phases.median(j);
    if (held === held) return held;
    let n = 0;
    for (let k = 1; k <= 2 * this.K && n < this.K; k++) {
      const q = j - k * this.period;
      if (q < 0) break;
      const v = this.offsets.get(q);
      if (v === v) this.scratch[n++] = v;
    }
    return n === 0 ? NaN : medianOf(this.scratch, n);
  }

  forecast(j: number, level: number): number {
    if (level !== level) return NaN;
    const off = this.offsetAt(j);
    return off === off ? level + off : NaN;
  }

  /**
   * Robust sigma of recent errors; mean-based fallback for quantised series whose
   * median error is 0. Errors are stored in units of the forecast they were made
   * against (see recordError), so `unit` converts back to this point's units.
   */
  scale(unit = 1): number {
    if (this.count === 0) return NaN;
    const med = this.errors.median();
    if (med > 0) return 1.4826 * med * unit;
    return ((1.2533 * this.sum) / this.count) * unit;
  }

  /** Mean of the recent errors (in forecast units when relative). */
  meanError(): number {
    return this.count === 0 ? NaN : this.sum / this.count;
  }

  get errorCount(): number {
    return this.count;
  }

  ready(): boolean {
    return this.count >= this.minErrors;
  }

  /**
   * `unit` is 1 for additive noise; for multiplicative noise (money: a weekday costs
   * more and varies more than a weekend day) it is the size of the forecast, so the
   * band scales with the phase of the cycle instead of averaging its noise.
   */
  recordError(absErr: number, unit = 1, slot = -1): void {
    absErr /= unit;
    if (!isPlainNumber(absErr)) this.mirrorsRing = false;
    if (slot >= 0) this.slotErrors?.set(slot, absErr);
    if (this.count === this.errorWindow) {
      const old = this.ring[this.head];
      this.errors.replace(old, absErr);
      this.sum -= old;
    } else {
      this.errors.insert(absErr);
      this.count++;
    }
    this.ring[this.head] = absErr;
    this.head = (this.head + 1) % this.errorWindow;
    this.sum += absErr;
  }

  save(): SeasonalCandidateState {
    const errors = this.mirrorsRing || this.errors.sameAs(this.ringSorted()) ? null : this.errors.save();
    return { offsets: this.offsets.save(), slotErrors: this.slotErrors?.save() ?? null, errors, ring: encAll(this.ring), head: this.head, count: this.count, sum: enc(this.sum) };
  }

  /** The errors in the ring (the first `count` slots until it is full), ascending. */
  private ringSorted(): Float64Array {
    return this.ring.slice(0, this.count).sort();
  }

  load(s: SeasonalCandidateState): void {
    this.offsets.load(s.offsets);
    this.phases.reset();
    if ((s.slotErrors === null) !== (this.slotErrors === null)) throw new Error("checkpoint: per-slot errors do not match the model");
    if (s.slotErrors) this.slotErrors?.load(s.slotErrors);
    decInto(s.ring, this.ring);
    this.head = s.head;
    this.count = s.count;
    if (s.errors) {
      this.errors.load(s.errors);
      this.mirrorsRing = false;
    } else {
      const sorted = this.ringSorted();
      this.errors.loadSorted(sorted);
      this.mirrorsRing = sorted.every(isPlainNumber);
    }
    this.sum = dec(s.sum);
  }
}
