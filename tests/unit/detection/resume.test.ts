import { describe, expect, it } from "vitest";
import {
  canResume,
  combineComponents,
  combineComponentsFrom,
  detectSeries,
  detectSeriesFrom,
  isDetectorCheckpoint,
  isHierarchyState,
  type DetectorCheckpoint,
  type DetectorOptions,
  type PointVerdict,
  type TotalVerdict,
} from "@/lib/detection";
import { CALENDAR_LOOKBACK_DAYS, calendarLagSlots } from "@/lib/detection/recurrence";
import { DAY, HOUR, dayOfWeek, grid, normal, poisson, rng } from "./synth";

const MINUTE = 60_000;

interface Series {
  name: string;
  ts: number[];
  vs: (number | null)[];
  options: DetectorOptions;
}

/** Index of the first verdict that differs in any field (numbers by Object.is), -1 when identical. */
function firstDifference(a: PointVerdict[], b: PointVerdict[]): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (!Object.is(x.expected, y.expected) || !Object.is(x.lower, y.lower) || !Object.is(x.upper, y.upper) || !Object.is(x.score, y.score)) return i;
    if (x.outOfBand !== y.outOfBand || x.isAnomaly !== y.isAnomaly) return i;
  }
  return -1;
}

function withDenominators(options: DetectorOptions, from: number, to: number): DetectorOptions {
  return options.denominators ? { ...options, denominators: options.denominators.slice(from, to) } : options;
}

/** Through JSON and back, as the job stores it; the guard proves the shape (no cast). */
function roundTrip(c: DetectorCheckpoint | null): DetectorCheckpoint | null {
  if (!c) return null;
  const parsed: unknown = JSON.parse(JSON.stringify(c));
  if (!isDetectorCheckpoint(parsed)) throw new Error("not a checkpoint after JSON");
  return parsed;
}

/**
 * The job's pattern: a first call over rows [0, end) checkpointing after row split-1
 * (end - split rows later get restated), then a resumed call over [split, n). Returns the
 * stitched verdicts, or null where the full run would be built differently (canResume false).
 */
function resumedAt(s: Series, split: number, restated = 7): PointVerdict[] | null {
  const end = Math.min(s.ts.length, split + restated);
  const first = detectSeriesFrom(null, s.ts.slice(0, end), s.vs.slice(0, end), withDenominators(s.options, 0, end), s.ts[split - 1]);
  const checkpoint = roundTrip(first.checkpoint);
  if (!checkpoint) throw new Error("no checkpoint");
  const restTs = s.ts.slice(split);
  const restOptions = withDenominators(s.options, split, s.ts.length);
  if (!canResume(checkpoint, restTs, restOptions)) return null;
  const rest = detectSeriesFrom(checkpoint, restTs, s.vs.slice(split), restOptions);
  return [...first.verdicts.slice(0, split), ...rest.verdicts];
}

function dailyAmounts(seed: number, n: number, direction?: "both", outage?: { from: number; length: number }): Series {
  const r = rng(seed);
  const ts: number[] = [];
  const vs: (number | null)[] = [];
  for (let i = 0; i < n; i++) {
    if (r() < 0.03) continue; // a missing day: no row at all
    const t = grid(n, DAY)[i];
    const weekend = dayOfWeek(t) >= 5 ? 0.6 : 1;
    let v: number | null = 200 * weekend * Math.exp(0.08 * normal(r)) + (new Date(t).getUTCDate() === 1 ? 150 : 0);
    if (r() < 0.02) v *= 4;
    if (r() < 0.01) v = 0;
    if (r() < 0.02) v = null;
    if (outage && i >= outage.from && i < outage.from + outage.length) v = 0;
    ts.push(t);
    vs.push(v);
  }
  return { name: `daily amounts ${seed}${direction ? " both" : ""}`, ts, vs, options: { kind: "amount", direction, minAbsoluteDelta: 5 } };
}

/** Some days reported twice: the grid runs ahead of the timestamps (slotIndices' drift), which the recurrence memory must cover. */
function withDuplicates(s: Series, every: number): Series {
  const ts: number[] = [];
  const vs: (number | null)[] = [];
  s.ts.forEach((t, i) => {
    ts.push(t);
    vs.push(s.vs[i]);
    if (i % every === every - 1) {
      ts.push(t);
      vs.push(s.vs[i] === null ? null : (s.vs[i] ?? 0) * 0.9);
    }
  });
  return { ...s, name: `${s.name} with duplicates`, ts, vs };
}

function dailyCounts(seed: number, n: number): Series {
  const r = rng(seed);
  const ts = grid(n, DAY);
  const vs = ts.map((t, i) => (i > n / 2 && i < n / 2 + 4 ? 0 : poisson(r, dayOfWeek(t) >= 5 ? 40 : 90)));
  return { name: `daily counts ${seed}`, ts, vs, options: { kind: "count", sensitivity: 0.7 } };
}

function hourlyCounts(seed: number, days: number): Series {
  const r = rng(seed);
  const ts = grid(days * 24, HOUR);
  const vs: (number | null)[] = ts.map((t, i) => {
    const hour = new Date(t).getUTCHours();
    const v = poisson(r, 20 + 30 * Math.max(0, Math.sin(((hour - 6) * Math.PI) / 12)));
    if (i % 500 === 250) return v * 5;
    return r() < 0.01 ? null : v;
  });
  return { name: `hourly counts ${seed}`, ts, vs, options: { kind: "count" } };
}

function hourlyRates(seed: number, days: number): Series {
  const r = rng(seed);
  const ts = grid(days * 24, HOUR);
  const denominators = ts.map(() => 50 + Math.floor(200 * r()));
  const vs = denominators.map((d, i) => (100 * poisson(r, d * (i % 300 === 150 ? 0.2 : 0.02))) / d);
  return { name: `hourly rates ${seed}`, ts, vs, options: { kind: "rate", direction: "up", denominators } };
}

function fiveMinuteGauge(seed: number, n: number, integer: boolean, stuck = { from: Math.floor(n * 0.4), length: 100 }, shiftAt = Math.floor(n * 0.7)): Series {
  const r = rng(seed);
  const ts = grid(n, 5 * MINUTE);
  const vs: (number | null)[] = ts.map((_, i) => {
    let v = 50 + 20 * Math.sin((2 * Math.PI * i) / 288) + 4 * normal(r) + (i > shiftAt && i < shiftAt + 30 ? 40 : 0);
    if (i >= stuck.from && i < stuck.from + stuck.length) v = 61; // a stuck metric
    if (integer) v = Math.max(0, Math.round(v));
    return r() < 0.01 ? null : v;
  });
  return { name: `5-minute gauge ${seed}${integer ? " (integer)" : ""}`, ts, vs, options: { kind: "gauge" } };
}

describe("detectSeriesFrom", () => {
  it("from scratch is exactly detectSeries", () => {
    for (const s of [dailyAmounts(1, 300), hourlyCounts(2, 30), fiveMinuteGauge(3, 1200, true)]) {
      expect(firstDifference(detectSeriesFrom(null, s.ts, s.vs, s.options).verdicts, detectSeries(s.ts, s.vs, s.options)), s.name).toBe(-1);
    }
  });

  it("resumed at every split point of short series gives the full run's verdicts", () => {
    // The outage: its recovery memory runs across many of the splits.
    for (const s of [dailyAmounts(11, 90), dailyAmounts(12, 100, "both", { from: 50, length: 10 }), dailyCounts(13, 80)]) {
      const full = detectSeries(s.ts, s.vs, s.options);
      let resumed = 0;
      for (let split = 1; split < s.ts.length; split++) {
        const out = resumedAt(s, split);
        if (!out) continue;
        resumed++;
        expect(firstDifference(out, full), `${s.name}, split ${split}`).toBe(-1);
      }
      // Only the first days, before a week of history exists, need a full run.
      expect(resumed, s.name).toBeGreaterThanOrEqual(s.ts.length - 10);
    }
  });

  it("resumed at random splits of long series of every kind gives the full run's verdicts", () => {
    const r = rng(99);
    const series = [
      dailyAmounts(21, 1098),
      dailyAmounts(22, 800, "both"),
      dailyCounts(23, 700),
      withDuplicates(dailyAmounts(28, 600), 90),
      hourlyCounts(24, 120),
      hourlyRates(25, 60),
      fiveMinuteGauge(26, 3000, true),
      fiveMinuteGauge(27, 2500, false),
    ];
    for (const s of series) {
      const full = detectSeries(s.ts, s.vs, s.options);
      for (let k = 0; k < 6; k++) {
        // Past the longest cycle (a week of hours), where a full run's model is already the prefix's.
        const split = 170 + Math.floor(r() * (s.ts.length - 171));
        const out = resumedAt(s, split, 1 + Math.floor(r() * 10));
        expect(out, `${s.name}, split ${split}: resumable`).not.toBeNull();
        expect(firstDifference(out ?? [], full), `${s.name}, split ${split}`).toBe(-1);
      }
    }
  });

  it("resumed across the count-likeness decision, the novelty warm-up and a flat run of a fine gauge", () => {
    // A shift right after the warm-up (a new context only a warmed-up dictionary sees), a
    // stuck metric longer than the novelty rest (split inside it, after it fired).
    for (const integer of [true, false]) {
      const s = fiveMinuteGauge(31, 1500, integer, { from: 800, length: 260 }, 470);
      const full = detectSeries(s.ts, s.vs, s.options);
      for (const split of [300, 395, 400, 401, 405, 420, 700, 900, 950]) {
        expect(firstDifference(resumedAt(s, split) ?? [], full), `${s.name}, split ${split}`).toBe(-1);
      }
    }
  });

  it("a daily job resuming each day from a checkpoint a week back reproduces the full run", () => {
    const s = dailyAmounts(41, 600);
    const full = detectSeries(s.ts, s.vs, s.options);
    const start = 400;
    let { checkpoint } = detectSeriesFrom(null, s.ts.slice(0, start), s.vs.slice(0, start), s.options, s.ts[start - 8]);
    let from = start - 7;
    for (let day = start; day < s.ts.length; day++) {
      // Each run: the last week again (restated) plus the new day, checkpointing a week back.
      const cp = roundTrip(checkpoint);
      if (!cp) throw new Error("no checkpoint");
      const run = detectSeriesFrom(cp, s.ts.slice(from, day + 1), s.vs.slice(from, day + 1), s.options, s.ts[day - 7]);
      expect(firstDifference(run.verdicts, full.slice(from, day + 1)), `day ${day}`).toBe(-1);
      checkpoint = run.checkpoint;
      from = day - 6;
    }
  });

  it("returns the given checkpoint when no new point is at or before checkpointAt", () => {
    const s = dailyAmounts(51, 120);
    const first = detectSeriesFrom(null, s.ts.slice(0, 100), s.vs.slice(0, 100), s.options);
    const cp = roundTrip(first.checkpoint);
    if (!cp) throw new Error("no checkpoint");
    const again = detectSeriesFrom(cp, s.ts.slice(100), s.vs.slice(100), s.options, s.ts[99]);
    expect(again.checkpoint).toBe(cp);
    expect(detectSeriesFrom(null, s.ts, s.vs, s.options, s.ts[0] - 1).checkpoint).toBeNull();
  });

  it("notices a lost piece of state (the identity checks above can fail)", () => {
    const series = [dailyAmounts(61, 500), dailyCounts(62, 400), hourlyCounts(63, 40)];
    const tamper: Array<[string, (c: DetectorCheckpoint) => void]> = [
      ["recurrence memory", (c) => (c.state.past = [])],
      ["onsets", (c) => (c.state.onsets = { idx: [], val: [], n: 0 })],
      ["seen", (c) => (c.state.seen = 0)],
      ["level windows", (c) => c.state.model.levels.forEach((l) => (l.win = []))],
      ["error sums", (c) => c.state.model.candidates.forEach((k) => (k.sum = 0))],
    ];
    for (const [what, change] of tamper) {
      let noticed = false;
      for (const s of series) {
        const split = Math.floor(s.ts.length * 0.6);
        const full = detectSeries(s.ts, s.vs, s.options);
        const first = detectSeriesFrom(null, s.ts.slice(0, split), s.vs.slice(0, split), s.options);
        const cp = roundTrip(first.checkpoint);
        if (!cp) throw new Error("no checkpoint");
        change(cp);
        const rest = detectSeriesFrom(cp, s.ts.slice(split), s.vs.slice(split), s.options);
        if (firstDifference([...first.verdicts, ...rest.verdicts], full) >= 0) noticed = true;
      }
      expect(noticed, what).toBe(true);
    }
  });
});

describe("canResume", () => {
  const s = dailyAmounts(71, 200);
  const first = detectSeriesFrom(null, s.ts.slice(0, 150), s.vs.slice(0, 150), s.options);
  const cp = roundTrip(first.checkpoint);
  if (!cp) throw new Error("no checkpoint");
  const rest = s.ts.slice(150);

  it("accepts the same options and the same grid", () => {
    expect(canResume(cp, rest, s.options)).toBe(true);
    expect(canResume(cp, [], s.options)).toBe(true);
  });

  it("refuses changed options", () => {
    for (const changed of [{ sensitivity: 0.8 }, { kind: "count" as const }, { direction: "both" as const }, { minAbsoluteDelta: 50 }, { seasonalPeriods: [7, 30] }, { minHistory: 14 }]) {
      expect(canResume(cp, rest, { ...s.options, ...changed }), JSON.stringify(changed)).toBe(false);
    }
    expect(() => detectSeriesFrom(cp, rest, s.vs.slice(150), { ...s.options, sensitivity: 0.9 })).toThrow(/cannot be resumed/);
  });

  it("refuses another interval, points not after the checkpoint, and an irregular series", () => {
    const last = s.ts[s.ts.length - 1];
    // Half-hourly points from here on: the full series' median gap is no longer a day.
    const hourly = Array.from({ length: 400 }, (_, i) => s.ts[149] + (i + 1) * 30 * MINUTE);
    expect(canResume(cp, hourly, s.options)).toBe(false);
    expect(canResume(cp, [s.ts[149], last], s.options)).toBe(false);
    const r = rng(5);
    let t = Date.UTC(2024, 0, 1);
    // Minutes apart, with a month's pause every ten points: a grid of minutes would be mostly empty.
    const irregular = Array.from({ length: 60 }, (_, i) => (t += i % 10 === 9 ? 30 * DAY : Math.floor(MINUTE * (1 + r()))));
    const irr = detectSeriesFrom(null, irregular, irregular.map((_, i) => 10 + (i % 3)), {});
    const irrCp = roundTrip(irr.checkpoint);
    expect(irrCp?.config.gridded).toBe(false);
    if (irrCp) expect(canResume(irrCp, [t + DAY], {})).toBe(false);
  });
});

describe("isDetectorCheckpoint", () => {
  it("accepts what the detector saves, of every stage, and rejects other shapes", () => {
    for (const s of [dailyAmounts(91, 120), hourlyRates(92, 20), fiveMinuteGauge(93, 600, true)]) {
      const cp: unknown = JSON.parse(JSON.stringify(detectSeriesFrom(null, s.ts, s.vs, s.options).checkpoint));
      expect(isDetectorCheckpoint(cp), s.name).toBe(true);
    }
    const good: unknown = JSON.parse(JSON.stringify(detectSeriesFrom(null, grid(60, DAY), grid(60, DAY).map((_, i) => i % 7), {}).checkpoint));
    const isObject = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null;
    const broken: Array<(c: Record<string, unknown>) => void> = [
      (c) => (c.version = 2),
      (c) => delete c.gaps,
      (c) => (c.lastSlot = "12"),
      (c) => isObject(c.state) && (c.state.tails = null),
      (c) => isObject(c.options) && (c.options.kind = "money"),
    ];
    for (const change of broken) {
      const copy: unknown = JSON.parse(JSON.stringify(good));
      if (!isObject(copy)) throw new Error("no object");
      change(copy);
      expect(isDetectorCheckpoint(copy), change.toString()).toBe(false);
    }
    expect(isDetectorCheckpoint(null)).toBe(false);
    expect(isHierarchyState({ version: 1, nextIndex: 3, components: [{ key: "a", seen: true, memory: { lastUpper: "NaN", upper: 4, until: -1 } }], total: { lastUpper: 1, upper: "NaN", until: 2 }, previousOutOfBand: false })).toBe(true);
    expect(isHierarchyState({ version: 1, nextIndex: 3, components: [{ key: 7 }], previousOutOfBand: false })).toBe(false);
  });
});

describe("bounded checkpoints", () => {
  const size = (s: Series) => JSON.stringify(detectSeriesFrom(null, s.ts, s.vs, s.options).checkpoint).length;

  it("a 2,000-day daily series checkpoints in about the size of a 400-day one", () => {
    const long = size(dailyAmounts(81, 2000));
    const short = size(dailyAmounts(81, 400));
    expect(long / short).toBeGreaterThan(0.8);
    expect(long / short).toBeLessThan(1.2);
  });

  it("a year of hourly counts checkpoints in about the size of two months", () => {
    const long = size(hourlyCounts(82, 365));
    const short = size(hourlyCounts(82, 60));
    expect(long / short).toBeLessThan(1.2);
  });

  it("the recurrence memory reaches as far back as any calendar lag", () => {
    // Every day of 2020-2031: the farthest same-day or same-distance-from-end slot three months back.
    let farthest = 0;
    for (let t = Date.UTC(2020, 0, 1); t < Date.UTC(2032, 0, 1); t += DAY) {
      for (const slot of calendarLagSlots(t, Date.UTC(2019, 0, 1), DAY)) farthest = Math.max(farthest, (t - Date.UTC(2019, 0, 1)) / DAY - slot);
    }
    expect(farthest).toBe(CALENDAR_LOOKBACK_DAYS);
  });
});

describe("combineComponentsFrom", () => {
  const n = 240;
  const split = 150;
  const ts = grid(n, DAY);
  const r = rng(7);
  const starts = [0, 0, 30, 180]; // the last service appears after the split
  const values = starts.map((start, c) =>
    ts.map((t, i) => {
      if (i < start) return null;
      const v = (100 + 50 * c) * (dayOfWeek(t) >= 5 ? 0.7 : 1) * Math.exp(0.1 * normal(r));
      if (i === 100 + 20 * c || i === 200 + c) return v * 5;
      if (i >= 143 && i < 154) return 0; // an outage across the split: the return to normal comes after it
      return v;
    }),
  );
  const options = { kind: "amount" as const, direction: "both" as const, minAbsoluteDelta: 5 };
  const verdicts = values.map((vs) => detectSeries(ts, vs, options));
  const totals = ts.map((_, i) => values.reduce((s, vs) => s + (vs[i] ?? 0), 0));
  const keyed = (from: number, to: number, count = values.length) =>
    values.slice(0, count).map((vs, c) => ({ key: `service-${c}`, values: vs.slice(from, to), verdicts: verdicts[c].slice(from, to) }));
  const sameTotals = (a: TotalVerdict[], b: TotalVerdict[]) => JSON.stringify(a) === JSON.stringify(b);

  for (const combine of ["sum", "mean"] as const) {
    const hierarchy = { combine, minAbsoluteDelta: 20, drops: true };
    it(`from scratch is exactly combineComponents (${combine})`, () => {
      const full = combineComponents(totals, keyed(0, n), hierarchy);
      expect(sameTotals(combineComponentsFrom(null, totals, keyed(0, n), hierarchy).verdicts, full)).toBe(true);
      expect(full.some((v) => v.isAnomaly && v.direction === "up")).toBe(true);
      expect(full.some((v) => v.outOfBand && v.direction === "down")).toBe(true);
    });

    it(`resumed at a checkpoint a week back, with a service new after the split, gives the full run (${combine})`, () => {
      const full = combineComponents(totals, keyed(0, n), hierarchy);
      const end = split + 7;
      // The new service is unknown to the first call and to its state.
      const first = combineComponentsFrom(null, totals.slice(0, end), keyed(0, end, 3), hierarchy, 0, split - 1);
      const state: unknown = JSON.parse(JSON.stringify(first.state));
      if (!isHierarchyState(state)) throw new Error("not a hierarchy state after JSON");
      expect(state.components.map((c) => c.key)).toEqual(["service-0", "service-1", "service-2"]);
      const rest = combineComponentsFrom(state, totals.slice(split), keyed(split, n), hierarchy, split);
      expect(sameTotals([...first.verdicts.slice(0, split), ...rest.verdicts], full)).toBe(true);
      expect(rest.verdicts.some((v) => v.causes.includes(3))).toBe(true);
      // Dropping the drop memories changes the verdicts: the state is what carries them.
      const forgetful = combineComponentsFrom(null, totals.slice(split), keyed(split, n), hierarchy, split);
      expect(sameTotals([...first.verdicts.slice(0, split), ...forgetful.verdicts], full)).toBe(false);
    });
  }

  it("a daily job resuming each day from a week-old state reproduces the full run", () => {
    const hierarchy = { combine: "sum" as const, minAbsoluteDelta: 20, drops: true };
    const full = combineComponents(totals, keyed(0, n), hierarchy);
    let state = combineComponentsFrom(null, totals.slice(0, split), keyed(0, split, 3), hierarchy, 0, split - 8).state;
    for (let day = split; day < n; day++) {
      const stored: unknown = JSON.parse(JSON.stringify(state));
      if (!isHierarchyState(stored)) throw new Error("not a hierarchy state");
      const from = stored.nextIndex; // a week back: those days are restated
      const run = combineComponentsFrom(stored, totals.slice(from, day + 1), keyed(from, day + 1, day >= starts[3] ? 4 : 3), hierarchy, from, day - 7);
      expect(sameTotals(run.verdicts, full.slice(from, day + 1)), `day ${day}`).toBe(true);
      state = run.state;
    }
  });

  it("refuses a state that does not end where the call starts", () => {
    const first = combineComponentsFrom(null, totals.slice(0, 100), keyed(0, 100), { combine: "sum" });
    expect(() => combineComponentsFrom(first.state, totals.slice(101), keyed(101, n), { combine: "sum" }, 101)).toThrow(/ends before day 100/);
  });
});
