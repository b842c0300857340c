/**
 * JSON-safe encoding of the detector's numeric state (checkpoints, see resume.ts).
 * JSON has no NaN, Infinity or -0 (JSON.stringify turns the first two into null and the
 * last into 0), and the engine's state is full of NaN ("no value yet"); they are spelled
 * as strings so a checkpoint survives JSON.stringify / JSON.parse bit for bit.
 */
export type Num = number | "NaN" | "Infinity" | "-Infinity" | "-0";

export function enc(x: number): Num {
  if (x !== x) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  if (x === 0 && 1 / x < 0) return "-0";
  return x;
}

export function dec(v: Num): number {
  if (typeof v === "number") return v;
  if (v === "NaN") return NaN;
  if (v === "Infinity") return Infinity;
  if (v === "-Infinity") return -Infinity;
  return -0;
}

export function encAll(a: ArrayLike<number>, len = a.length): Num[] {
  const out: Num[] = new Array<Num>(len);
  for (let i = 0; i < len; i++) out[i] = enc(a[i]);
  return out;
}

/** Decodes `src` into the start of `dst` (which must be large enough). */
export function decInto(src: Num[], dst: Float64Array | Int32Array): void {
  if (src.length > dst.length) throw new Error(`checkpoint: ${src.length} values for a buffer of ${dst.length}`);
  for (let i = 0; i < src.length; i++) dst[i] = dec(src[i]);
}

/** Smallest power of two holding `n` entries. */
export function powerOfTwoAtLeast(n: number): number {
  let c = 1;
  while (c < n) c *= 2;
  return c;
}

export interface SlotRingState {
  latest: number;
  data: Num[];
}

/**
 * Per-slot values of the last `capacity` grid slots, indexed by absolute slot: what
 * used to be an array the size of the whole grid, with memory flat in history length.
 * Every slot must be opened (in order) before it is written or read, which forgets
 * the value of the slot one capacity earlier; reading further back than the capacity
 * is a bug in the caller's lookback bound, so it throws instead of returning a stale value.
 */
export class SlotRing {
  readonly capacity: number;
  private readonly mask: number;
  private data: Float64Array;
  private latest = -1;

  /** `lookback`: the largest j - q any reader uses for slot q while slot j is current. */
  constructor(lookback: number) {
    this.capacity = powerOfTwoAtLeast(Math.max(1, lookback + 1));
    this.mask = this.capacity - 1;
    this.data = new Float64Array(this.capacity).fill(NaN);
  }

  open(j: number): void {
    this.data[j & this.mask] = NaN;
    this.latest = j;
  }

  get(q: number): number {
    if (this.latest - q >= this.capacity || q > this.latest) throw new Error(`SlotRing: slot ${q} read at ${this.latest}, capacity ${this.capacity}`);
    return this.data[q & this.mask];
  }

  set(j: number, v: number): void {
    this.data[j & this.mask] = v;
  }

  /** Forget everything; `latest` is the last slot opened. */
  restart(latest: number): void {
    this.data.fill(NaN);
    this.latest = latest;
  }

  save(): SlotRingState {
    return { latest: this.latest, data: encAll(this.data) };
  }

  load(s: SlotRingState): void {
    if (s.data.length !== this.capacity) throw new Error(`checkpoint: ring of ${s.data.length}, expected ${this.capacity}`);
    this.latest = s.latest;
    decInto(s.data, this.data);
  }
}
