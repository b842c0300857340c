// Bands for a total made of components (a provider's spend = the sum of its services; a
// provider's latency = the mean over its services), judged both ways AWS's "dimensional"
// monitors judge them:
//  - the total: its expectation is the sum of the components' expectations and its band
//    combines their half-widths as independent noise (root sum of squares), so a past spike
//    in one service widens only that service's band, not everyone's;
//  - each component on its own band: a day is out of band when any component exceeds its
//    own upper bound by at least the floor, even when the total's combined band (wide on a
//    large, noisy provider) would swallow it. Those components are the day's causes.
// A component with no history at all (a new service) is expected to be 0, so a new service
// spending at least the floor on its first day is out of band; a new $2/day service is not.
// While it warms up after that first day it is taken at face value (its level is learned).
import { dec, enc, type Num } from "./state";
import type { PointVerdict } from "./types";

export type Combine = "sum" | "mean";

export interface ComponentSeries {
  values: (number | null)[];
  verdicts: PointVerdict[];
}

export interface HierarchyOptions {
  combine: Combine;
  /** The total (or a component) must leave its band by at least this much to be out of band. */
  minAbsoluteDelta?: number;
  /** Judge drops of the total too (spend, throughput); latency and error rates stay up-only. */
  drops?: boolean;
}

export interface TotalVerdict extends PointVerdict {
  /** Which side of the band the day is on when out of band. */
  direction: "up" | "down" | null;
  /** Indices of the components whose own excess above their upper bound reached the floor, largest first. */
  causes: number[];
}

/**
 * The engine's drop allowance (lib/detection/tuning.ts, business rounds B2-B7): below the
 * band a drop must also clear this share of expected, added to the band's half-width in
 * quadrature (independent uncertainties). A holiday takes 40-55 % off a bill for a day; on
 * the bottom-up band alone that was an alarm (holiday dips: 17 of 108 flagged on seed 3).
 */
export const DROP_ALLOWANCE = 0.6;

/**
 * The least share of expected a drop takes away: with the allowance added in quadrature the
 * drop edge lies at least this far below expected (a holiday's 40-55 % is not a drop).
 */
export const DROP_SHARE = DROP_ALLOWANCE;

/** The lowest a total may fall before it is a drop: expected less the band and the allowance in quadrature. */
export function dropEdge(expected: number, halfWidth: number): number {
  return expected - Math.sqrt(halfWidth * halfWidth + (DROP_ALLOWANCE * expected) ** 2);
}

/** 0 inside the band's centre, 0.5 at the band edge, approaching 1 far above it. */
export function scoreAboveBand(actual: number, expected: number, upper: number): number {
  const width = upper - expected;
  if (actual <= expected) return 0;
  if (width <= 0) return 1;
  return 1 - Math.pow(2, -(actual - expected) / width);
}

/**
 * A service is a cause on its own only when its excess is significant for its own band, not
 * just at least the floor: its score must reach this, i.e. it lies at least twice as far
 * above expected as its upper bound (a $10 excess on a $5,000 service is noise; a $30
 * service ×10 scores 1). Tuning seeds: 0.5 (the band edge) 0.92, 0.6 0.93, 0.75 0.93
 * (precision 0.90 → 0.94, recall 0.93 → 0.92), 0.8 0.94; the total keeps the band edge
 * (a threshold there lost five incidents).
 */
export const MIN_CAUSE_SCORE = 0.75;

/** Days the band held before a drop is remembered (as the engine's recovery memory, round B9). */
export const RECOVERY_DAYS = 31;

/**
 * The return to normal is not a second incident: after a series falls below its band, the
 * upper bound of its last in-band day before the fall is remembered for RECOVERY_DAYS, and
 * an excess is measured above the higher of that and today's upper bound. Without it spend
 * coming back after days at zero rose above a band that had learned the zeros (11 of 22 false
 * alarms on the tuning seeds). Own variant of the engine's RecoveryMemory (lib/detection/
 * hygiene.ts): that one excuses the first point only, the job groups every day after it.
 */
export interface DropMemoryState {
  lastUpper: Num;
  upper: Num;
  until: number;
}

class DropMemory {
  private lastUpper = Number.NaN;
  private upper = Number.NaN;
  private until = -1;

  save(): DropMemoryState {
    return { lastUpper: enc(this.lastUpper), upper: enc(this.upper), until: this.until };
  }

  static load(s: DropMemoryState): DropMemory {
    const m = new DropMemory();
    m.lastUpper = dec(s.lastUpper);
    m.upper = dec(s.upper);
    m.until = s.until;
    return m;
  }

  /** The upper bound an excess on day i is measured against. */
  ceiling(i: number, upper: number): number {
    return i <= this.until ? Math.max(upper, this.upper) : upper;
  }

  observe(i: number, value: number, lower: number, upper: number): void {
    if (value >= lower && value <= upper) this.lastUpper = upper;
    else if (value < lower && i > this.until && Number.isFinite(this.lastUpper)) {
      this.upper = this.lastUpper;
      this.until = i + RECOVERY_DAYS;
    } else if (value < lower && i <= this.until) this.until = i + RECOVERY_DAYS;
  }
}

const empty = (): TotalVerdict => ({ expected: null, lower: null, upper: null, score: 0, outOfBand: false, isAnomaly: false, direction: null, causes: [] });

interface Cause {
  index: number;
  excess: number;
  score: number;
}

/**
 * One call's per-day sums over the components. They are built one component at a time, all
 * of its days in a row (each component's verdicts are read in the order they lie in memory:
 * day by day across thirty components missed the cache, ~5 % of a rebuild's CPU); each day's
 * sums still receive the components in index order, so they are the same bits.
 */
class DaySums {
  readonly expected: Float64Array;
  readonly upperSq: Float64Array;
  readonly lowerSq: Float64Array;
  readonly present: Int32Array;
  readonly judged: Int32Array;
  /** The day's causes (components beyond their own band), unsorted; undefined: none. */
  readonly causes: Array<Cause[] | undefined>;

  constructor(days: number) {
    this.expected = new Float64Array(days);
    this.upperSq = new Float64Array(days);
    this.lowerSq = new Float64Array(days);
    this.present = new Int32Array(days);
    this.judged = new Int32Array(days);
    this.causes = new Array<Cause[] | undefined>(days);
  }

  addCause(l: number, cause: Cause): void {
    const list = this.causes[l];
    if (list) list.push(cause);
    else this.causes[l] = [cause];
  }

  /** The day's causes, largest excess first. */
  sortedCauses(l: number): Cause[] {
    const list = this.causes[l] ?? [];
    list.sort((a, b) => b.excess - a.excess || a.index - b.index);
    return list;
  }
}

/** Adds component `index`'s day l (absolute day i) to the sums; `seen` tracks which components have had a non-zero value yet. */
function addComponentDay(l: number, i: number, index: number, c: ComponentSeries, sums: DaySums, run: HierarchyRun, floor: number, newIsZero: boolean): void {
  const value = c.values[l];
  if (value === null || value === undefined) return;
  sums.present[l] += 1;
  const v = c.verdicts[l];
  const isNew = !run.seen[index];
  if (value !== 0) run.seen[index] = true;
  if (v?.expected === null || v?.expected === undefined || v.upper === null || v.lower === null) {
    if (isNew && newIsZero) {
      // No history: expected 0, so its whole spend is excess.
      if (value >= floor && value > 0) sums.addCause(l, { index, excess: value, score: 1 });
      return;
    }
    sums.expected[l] += value; // warming up: taken at face value until its own band exists
    return;
  }
  sums.judged[l] += 1;
  sums.expected[l] += v.expected;
  // Products, not ** 2 (a pow call per component-day): V8's pow returns x * x for y = 2, the same bits.
  const up = v.upper - v.expected;
  const down = v.expected - v.lower;
  sums.upperSq[l] += up * up;
  sums.lowerSq[l] += down * down;
  const memory = run.memory[index];
  const ceiling = memory.ceiling(i, v.upper);
  memory.observe(i, value, v.lower, v.upper);
  const excess = value - ceiling;
  // The score (a power of two) only matters for a day beyond the floor: most days are not.
  if (!(excess >= floor && excess > 0)) return;
  const score = scoreAboveBand(value, v.expected, ceiling);
  if (score >= MIN_CAUSE_SCORE) sums.addCause(l, { index, excess, score });
}

export function combineComponents(totals: (number | null)[], components: ComponentSeries[], options: HierarchyOptions): TotalVerdict[] {
  return combineComponentsFrom(null, totals, components.map((c, index) => ({ key: String(index), values: c.values, verdicts: c.verdicts })), options).verdicts;
}

/** What combineComponents carries from one day to the next, JSON-safe (combineComponentsFrom). */
export interface HierarchyState {
  version: 1;
  /** Absolute index of the first day after the state. */
  nextIndex: number;
  /** Per component key: whether it has had a non-zero value yet, and its drop memory. */
  components: Array<{ key: string; seen: boolean; memory: DropMemoryState }>;
  total: DropMemoryState;
  previousOutOfBand: boolean;
}

export interface KeyedComponentSeries extends ComponentSeries {
  /** Stable across calls (a service's name): the state is kept per key. */
  key: string;
}

/** The running state of one call: drop memories by the call's component order, and those of absent keys carried over. */
class HierarchyRun {
  readonly seen: boolean[];
  readonly memory: DropMemory[];
  readonly total: DropMemory;
  previousOutOfBand: boolean;
  private readonly carried: HierarchyState["components"];

  constructor(state: HierarchyState | null, private readonly keys: string[]) {
    if (new Set(keys).size !== keys.length) throw new Error("combineComponentsFrom: duplicate component keys");
    const byKey = new Map((state?.components ?? []).map((c) => [c.key, c]));
    this.seen = keys.map((k) => byKey.get(k)?.seen ?? false);
    this.memory = keys.map((k) => {
      const saved = byKey.get(k);
      return saved ? DropMemory.load(saved.memory) : new DropMemory();
    });
    const own = new Set(keys);
    this.carried = (state?.components ?? []).filter((c) => !own.has(c.key));
    this.total = state ? DropMemory.load(state.total) : new DropMemory();
    this.previousOutOfBand = state?.previousOutOfBand ?? false;
  }

  /** A component's part of the state as it is now (taken at the checkpoint day while its days are added). */
  componentState(index: number): HierarchyState["components"][number] {
    return { key: this.keys[index], seen: this.seen[index], memory: this.memory[index].save() };
  }

  save(nextIndex: number, own: HierarchyState["components"]): HierarchyState {
    return { version: 1, nextIndex, components: [...this.carried, ...own], total: this.total.save(), previousOutOfBand: this.previousOutOfBand };
  }
}

/**
 * combineComponents continuing from `state` (null: from scratch). `offset`: absolute index of
 * the first given day (default: the state's next day; drop memories count absolute days).
 * `checkpointAt`: absolute index of the day after which the returned state is taken (the last
 * given day when later or omitted; before `offset`: the given state is returned unchanged). Components may be
 * new (no state yet); `causes` index this call's components.
 */
export function combineComponentsFrom(
  state: HierarchyState | null,
  totals: (number | null)[],
  components: KeyedComponentSeries[],
  options: HierarchyOptions,
  offset = state?.nextIndex ?? 0,
  checkpointAt = offset + totals.length - 1,
): { verdicts: TotalVerdict[]; state: HierarchyState | null } {
  if (state && offset !== state.nextIndex) throw new Error(`combineComponentsFrom: the state ends before day ${state.nextIndex}, the call starts at day ${offset}`);
  const run = new HierarchyRun(state, components.map((c) => c.key));
  const saveAt = Math.min(checkpointAt, offset + totals.length - 1) - offset;
  const sums = new DaySums(totals.length);
  const floor = Math.max(0, options.minAbsoluteDelta ?? 0);
  const own: HierarchyState["components"] = [];
  for (let index = 0; index < components.length; index++) {
    for (let l = 0; l < totals.length; l++) {
      // Days without a total are skipped whole, as before: the components' memories do not see them.
      if (totals[l] !== null && totals[l] !== undefined) addComponentDay(l, offset + l, index, components[index], sums, run, floor, options.combine === "sum");
      if (l === saveAt) own.push(run.componentState(index));
    }
  }
  let saved = state;
  const verdicts: TotalVerdict[] = [];
  for (let l = 0; l < totals.length; l++) {
    verdicts.push(combineDay(l, offset + l, totals[l], sums, run, options));
    if (l === saveAt) saved = run.save(offset + l + 1, own);
  }
  return { verdicts, state: saved };
}

/** One day of the total: local index l into the given arrays, absolute index i for the drop memories. */
function combineDay(l: number, i: number, actual: number | null | undefined, sums: DaySums, run: HierarchyRun, options: HierarchyOptions): TotalVerdict {
  const floor = Math.max(0, options.minAbsoluteDelta ?? 0);
  if (actual === null || actual === undefined) return empty();
  const parts = { expected: sums.expected[l], upperSq: sums.upperSq[l], lowerSq: sums.lowerSq[l], present: sums.present[l], judged: sums.judged[l], causes: sums.sortedCauses(l) };
  if (parts.judged === 0) {
    // Nothing has a band yet (a provider's first days): nothing is judged, new services included.
    run.previousOutOfBand = false;
    return empty();
  }
  const scale = options.combine === "mean" ? 1 / parts.present : 1;
  const e = parts.expected * scale;
  const upper = e + Math.sqrt(parts.upperSq) * scale;
  const bandLower = e - Math.sqrt(parts.lowerSq) * scale;
  const lower = options.drops === true ? dropEdge(e, Math.sqrt(parts.lowerSq) * scale) : bandLower;
  const ceiling = run.total.ceiling(i, upper);
  run.total.observe(i, actual, bandLower, upper);
  const totalUp = actual - ceiling >= floor && actual > ceiling;
  const up = totalUp || parts.causes.length > 0;
  const down = !up && options.drops === true && lower - actual >= floor && actual < lower;
  const outOfBand = up || down;
  let score = down ? scoreAboveBand(-actual, -e, -lower) : scoreAboveBand(actual, e, upper);
  if (!down) for (const c of parts.causes) score = Math.max(score, c.score);
  const verdict: TotalVerdict = {
    expected: e,
    lower,
    upper,
    score,
    outOfBand,
    // One alarm per incident: only the first day of a run of out-of-band days.
    isAnomaly: outOfBand && !run.previousOutOfBand,
    direction: up ? "up" : down ? "down" : null,
    causes: parts.causes.map((c) => c.index),
  };
  run.previousOutOfBand = outOfBand;
  return verdict;
}
