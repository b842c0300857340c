import { decInto, encAll, type Num } from "./state";

/**
 * A multiset kept in ascending order in a typed array. Windows here are at most a
 * few hundred values, where a binary search plus copyWithin beats any tree.
 */
export class SortedWindow {
  private buf: Float64Array;
  size = 0;

  constructor(capacity = 16) {
    this.buf = new Float64Array(Math.max(4, capacity));
  }

  private lowerBound(x: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.buf[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** How many values are strictly below x. */
  countBelow(x: number): number {
    return this.lowerBound(x);
  }

  insert(x: number): void {
    if (this.size === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    const at = this.lowerBound(x);
    this.buf.copyWithin(at + 1, at, this.size);
    this.buf[at] = x;
    this.size++;
  }

  remove(x: number): void {
    const at = this.lowerBound(x);
    if (at < this.size && this.buf[at] === x) {
      this.buf.copyWithin(at, at + 1, this.size);
      this.size--;
    }
  }

  /**
   * Remove `old` and insert `x` in one pass: only the values between the two
   * positions move, about a third of what a remove plus an insert would shift.
   */
  replace(old: number, x: number): void {
    const at = this.lowerBound(old);
    if (!(at < this.size && this.buf[at] === old)) {
      this.insert(x);
      return;
    }
    const b = this.buf;
    if (x >= old) {
      // Shift left the values in (at, target) where target is the first > x.
      let k = at;
      while (k + 1 < this.size && b[k + 1] < x) {
        b[k] = b[k + 1];
        k++;
      }
      b[k] = x;
    } else {
      let k = at;
      while (k > 0 && b[k - 1] > x) {
        b[k] = b[k - 1];
        k--;
      }
      b[k] = x;
    }
  }

  median(): number {
    const m = this.size;
    if (m === 0) return NaN;
    return m % 2 ? this.buf[(m - 1) >> 1] : (this.buf[m / 2 - 1] + this.buf[m / 2]) / 2;
  }

  /** Value at quantile q (nearest rank). */
  quantile(q: number): number {
    if (this.size === 0) return NaN;
    const idx = Math.min(this.size - 1, Math.max(0, Math.round(q * (this.size - 1))));
    return this.buf[idx];
  }

  /** The values in order, exactly (checkpoints: the order of equal values such as 0 and -0 is part of the state). */
  save(): Num[] {
    return encAll(this.buf, this.size);
  }

  /** Whether the window holds exactly these values, in this order (Object.is: 0 and -0 differ). */
  sameAs(values: Float64Array): boolean {
    if (values.length !== this.size) return false;
    for (let i = 0; i < this.size; i++) if (!Object.is(values[i], this.buf[i])) return false;
    return true;
  }

  /** Loads values already in ascending order. */
  loadSorted(values: Float64Array): void {
    if (values.length > this.buf.length) this.buf = new Float64Array(values.length);
    this.buf.set(values);
    this.size = values.length;
  }

  load(values: Num[]): void {
    if (values.length > this.buf.length) this.buf = new Float64Array(values.length);
    decInto(values, this.buf);
    this.size = values.length;
  }

  /** Median absolute deviation around `center`, in O(size) by merging outward. */
  mad(center: number): number {
    const m = this.size;
    if (m === 0) return NaN;
    let l = this.lowerBound(center) - 1;
    let r = l + 1;
    const need = (m >> 1) + 1;
    let prev = 0;
    let cur = 0;
    for (let k = 0; k < need; k++) {
      const dl = l >= 0 ? center - this.buf[l] : Infinity;
      const dr = r < m ? this.buf[r] - center : Infinity;
      prev = cur;
      if (dl <= dr) {
        cur = dl;
        l--;
      } else {
        cur = dr;
        r++;
      }
    }
    return m % 2 ? cur : (prev + cur) / 2;
  }
}

/** Median of the first `len` entries of a scratch array (sorted in place). */
export function medianOf(a: Float64Array, len: number): number {
  if (len === 0) return NaN;
  if (len === 1) return a[0];
  if (len === 2) return (a[0] + a[1]) / 2;
  // Insertion sort: the inputs are a handful of seasonal samples, and this avoids
  // allocating a subarray view per call on the hot path.
  for (let i = 1; i < len; i++) {
    const x = a[i];
    let k = i - 1;
    while (k >= 0 && a[k] > x) {
      a[k + 1] = a[k];
      k--;
    }
    a[k + 1] = x;
  }
  return len % 2 ? a[(len - 1) >> 1] : (a[len / 2 - 1] + a[len / 2]) / 2;
}
