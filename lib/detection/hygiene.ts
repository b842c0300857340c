import { dec, enc, type Num } from "./state";

export interface OnsetTrackerState {
  /** The sliding-maximum deque, oldest first: point index and excess. */
  idx: number[];
  val: Num[];
  n: number;
}

export interface RecoveryMemoryState {
  lastLower: Num;
  lastUpper: Num;
  anchorLower: Num;
  anchorUpper: Num;
  anchorUp: boolean;
  anchorUntil: number;
}

/**
 * Alarm hygiene without a threshold: a point opens an incident only when its excess
 * clearly beats every excess of the recent past (a sliding maximum). The points of
 * one incident (a plateau after a jump, the shoulders of a spike, a ramp) therefore
 * alarm once, at the onset, at every sensitivity, and the exported score ranks
 * onsets above their continuations.
 */
export class OnsetTracker {
  private readonly cap: number;
  private readonly idx: Int32Array;
  private readonly val: Float64Array;
  private head = 0;
  private tail = 0; // ring-buffer deque of (point index, z), z decreasing: the sliding maximum
  private n = 0;

  constructor(private readonly window: number, private readonly escalation: number) {
    this.cap = window + 2; // window entries plus the one being pushed, plus one to tell full from empty
    this.idx = new Int32Array(this.cap);
    this.val = new Float64Array(this.cap);
  }

  /** Largest excess among the last `window` points. */
  recentMax(): number {
    while (this.head !== this.tail && this.idx[this.head] < this.n - this.window) this.head = (this.head + 1) % this.cap;
    return this.head === this.tail ? 0 : this.val[this.head];
  }

  isOnset(z: number): boolean {
    return z > 0 && z > this.escalation * this.recentMax();
  }

  push(z: number): void {
    this.recentMax();
    while (this.head !== this.tail) {
      const last = (this.tail - 1 + this.cap) % this.cap;
      if (this.val[last] <= z) this.tail = last;
      else break;
    }
    this.idx[this.tail] = this.n;
    this.val[this.tail] = z;
    this.tail = (this.tail + 1) % this.cap;
    this.n++;
  }

  /** Only the live deque is state; its position in the ring is not. */
  save(): OnsetTrackerState {
    const idx: number[] = [];
    const val: Num[] = [];
    for (let p = this.head; p !== this.tail; p = (p + 1) % this.cap) {
      idx.push(this.idx[p]);
      val.push(enc(this.val[p]));
    }
    return { idx, val, n: this.n };
  }

  load(s: OnsetTrackerState): void {
    if (s.idx.length >= this.cap) throw new Error("checkpoint: onset window larger than the tracker");
    for (let p = 0; p < s.idx.length; p++) {
      this.idx[p] = s.idx[p];
      this.val[p] = dec(s.val[p]);
    }
    this.head = 0;
    this.tail = s.idx.length;
    this.n = s.n;
  }
}

/**
 * The return to normal after an incident is not a second incident: spend coming back
 * after days at zero, traffic back after an outage. Holds the band of the last normal
 * point before an out-of-band run began (for `horizon` points, or until the series is
 * back inside it); an out-of-band point on the other side, inside that old band, is a
 * recovery (business round 9).
 */
export class RecoveryMemory {
  private lastLower = NaN;
  private lastUpper = NaN;
  private anchorLower = NaN;
  private anchorUpper = NaN;
  private anchorUp = false;
  private anchorUntil = -1;

  constructor(private readonly horizon: number) {}

  /** Whether an out-of-band point at slot j (above its expected value when `up`) returns to the band held before the incident. */
  isRecovery(j: number, x: number, up: boolean): boolean {
    return j <= this.anchorUntil && up !== this.anchorUp && x >= this.anchorLower && x <= this.anchorUpper;
  }

  /** Learn from a judged valid point. */
  observe(j: number, x: number, lower: number, upper: number, outOfBand: boolean, up: boolean, recovered: boolean): void {
    if (recovered || (j <= this.anchorUntil && !outOfBand && x >= this.anchorLower && x <= this.anchorUpper)) this.anchorUntil = -1;
    if (!outOfBand) {
      this.lastLower = lower;
      this.lastUpper = upper;
      return;
    }
    if (recovered || j <= this.anchorUntil || !(this.lastLower === this.lastLower)) return;
    this.anchorLower = this.lastLower;
    this.anchorUpper = this.lastUpper;
    this.anchorUp = up;
    this.anchorUntil = j + this.horizon;
  }

  save(): RecoveryMemoryState {
    return { lastLower: enc(this.lastLower), lastUpper: enc(this.lastUpper), anchorLower: enc(this.anchorLower), anchorUpper: enc(this.anchorUpper), anchorUp: this.anchorUp, anchorUntil: this.anchorUntil };
  }

  load(s: RecoveryMemoryState): void {
    this.lastLower = dec(s.lastLower);
    this.lastUpper = dec(s.lastUpper);
    this.anchorLower = dec(s.anchorLower);
    this.anchorUpper = dec(s.anchorUpper);
    this.anchorUp = s.anchorUp;
    this.anchorUntil = s.anchorUntil;
  }
}
