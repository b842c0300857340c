import type { SlotRing } from "./state";

/**
 * The offsets a seasonal forecast takes its median of (SeasonalCandidate.offsetAt: the same
 * phase in the K cycles before a slot), kept sorted per phase as they are set, so that a
 * forecast reads a median instead of sorting K values at every slot (~6 % of a rebuild's
 * instructions). Only while the phase's last K cycles all have an offset; otherwise,
 * and whenever the median would be a zero (whether it is 0 or -0 depends on the order the
 * values arrived in, which is not kept), the caller reads the ring as before. Derived state,
 * never saved: after a checkpoint load it refills over K cycles.
 */
export class PhaseMedians {
  /** One segment of K per phase, ascending over its first `held[phase]` entries. */
  private readonly buf: Float64Array;
  /** Entries held per phase: consecutive cycles with an offset, at most K. */
  private readonly held: Int32Array;
  /** Slot of each phase's latest entry (meaningful where held > 0). */
  private readonly last: Int32Array;

  constructor(readonly period: number, readonly K: number) {
    this.buf = new Float64Array(period * K);
    this.held = new Int32Array(period);
    this.last = new Int32Array(period);
  }

  reset(): void {
    this.held.fill(0);
  }

  /** Slot j's offset was set to `off`; `ring` holds the offsets (the one leaving, K cycles back, is read from it). */
  add(j: number, off: number, ring: SlotRing): void {
    const p = this.period;
    const K = this.K;
    const r = j % p;
    const n = this.held[r];
    const continues = n > 0 && this.last[r] === j - p;
    this.last[r] = j;
    if (!(off === off)) {
      this.held[r] = 0;
      return;
    }
    const base = r * K;
    if (!continues) {
      this.buf[base] = off;
      this.held[r] = 1;
    } else if (n < K) {
      insertSorted(this.buf, base, n, off);
      this.held[r] = n + 1;
    } else if (!replaceSorted(this.buf, base, K, ring.get(j - K * p), off)) {
      this.held[r] = 0;
    }
  }

  /** Median of the offsets at slots j - p … j - K·p, or NaN when not held here (or a zero). */
  median(j: number): number {
    const p = this.period;
    const K = this.K;
    const r = j % p;
    if (this.held[r] < K || this.last[r] !== j - p) return NaN;
    const base = r * K;
    if (K % 2) {
      const v = this.buf[base + ((K - 1) >> 1)];
      return v === 0 ? NaN : v;
    }
    const a = this.buf[base + K / 2 - 1];
    const b = this.buf[base + K / 2];
    return a === 0 || b === 0 ? NaN : (a + b) / 2;
  }
}

/** Inserts x into the ascending buf[base .. base+n). */
function insertSorted(buf: Float64Array, base: number, n: number, x: number): void {
  let k = base + n;
  while (k > base && buf[k - 1] > x) {
    buf[k] = buf[k - 1];
    k--;
  }
  buf[k] = x;
}

/** Replaces one value equal to `old` in the ascending buf[base .. base+n) by x; false when none is found. */
function replaceSorted(buf: Float64Array, base: number, n: number, old: number, x: number): boolean {
  const end = base + n;
  let at = base;
  while (at < end && buf[at] !== old) at++;
  if (at === end) return false;
  while (at + 1 < end && buf[at + 1] < x) {
    buf[at] = buf[at + 1];
    at++;
  }
  while (at > base && buf[at - 1] > x) {
    buf[at] = buf[at - 1];
    at--;
  }
  buf[at] = x;
  return true;
}
