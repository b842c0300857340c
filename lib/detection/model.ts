import { LevelTracker, SeasonalCandidate, type LevelTrackerState, type SeasonalCandidateState } from "./baseline";
import { SlotRing, type SlotRingState } from "./state";
import { TIME } from "./interval";
import type { DetectorTuning } from "./tuning";

/** Stage 2 of detection: the forecast models that run side by side, and the choice between them. */
export interface Model {
  candidates: SeasonalCandidate[];
  levels: LevelTracker[];
  /** A raw trailing window whose spread stands in for the error scale during warm-up. */
  spread: LevelTracker;
  periods: number[];
  /** Each candidate's forecast at the current point. */
  forecasts: Float64Array;
  /** The series' values per slot (NaN: missing), as far back as the level windows reach. */
  xs: SlotRing;
}

/** Seasonal periods a grid of `size` slots can use, ascending (a period as long as the series cannot repeat in it). */
export function usablePeriods(periods: number[], size: number): number[] {
  return periods.filter((p) => Number.isInteger(p) && p >= 2 && p < size).sort((a, b) => a - b);
}

/** The level window a candidate of period p uses. */
function levelWindow(p: number, t: DetectorTuning): number {
  return p < 24 ? t.shortCycleLevelCycles * p : p;
}

/**
 * `usable`: from usablePeriods. `phaseLookback(p)`: how many slots back the band reads
 * per-slot errors of the period-p candidate (0: never). The values ring keeps the longest
 * level window + 1 slots (LevelTracker.advance drops the value w slots back).
 */
export function buildModel(usable: number[], intervalMs: number, t: DetectorTuning, phaseLookback: (p: number) => number): Model {
  const windows = [5, 24, ...usable.map((p) => levelWindow(p, t))];
  const xs = new SlotRing(Math.max(...windows) + 1);
  const raw = new Map<number, LevelTracker>();
  const level = (w: number) => {
    let l = raw.get(w);
    if (!l) {
      l = new LevelTracker(w, xs);
      raw.set(w, l);
    }
    return l;
  };
  const longest = Math.max(15, ...usable);
  const errorWindow = Math.min(t.maxErrorWindow, Math.max(28, 4 * longest));
  const candidates: SeasonalCandidate[] = [
    new SeasonalCandidate(1, 3, level(5), errorWindow, 5, false, 0),
    new SeasonalCandidate(1, 8, level(24), errorWindow, 10, false, 0),
  ];
  for (const p of usable) {
    const cycleDays = (p * intervalMs) / TIME.DAY;
    const K = cycleDays >= 6 ? (p >= 100 ? 3 : 4) : p >= 200 ? 5 : 7;
    candidates.push(new SeasonalCandidate(p, K, level(levelWindow(p, t)), errorWindow, Math.min(p, 28), p >= 24, phaseLookback(p)));
  }
  const levels = [...raw.values()];
  return { candidates, levels, spread: levels[levels.length - 1], periods: usable, forecasts: new Float64Array(candidates.length), xs };
}

export interface ModelState {
  xs: SlotRingState;
  levels: LevelTrackerState[];
  candidates: SeasonalCandidateState[];
}

export function saveModel(m: Model): ModelState {
  return { xs: m.xs.save(), levels: m.levels.map((l) => l.save()), candidates: m.candidates.map((c) => c.save()) };
}

export function loadModel(m: Model, s: ModelState): void {
  if (s.levels.length !== m.levels.length || s.candidates.length !== m.candidates.length) throw new Error("checkpoint: the model's shape differs");
  m.xs.load(s.xs);
  m.levels.forEach((l, i) => l.load(s.levels[i]));
  m.candidates.forEach((c, i) => c.load(s.candidates[i]));
}

/** Slot j begins: every per-slot ring forgets the slot one capacity back, and takes x (NaN: no value). */
export function openSlot(m: Model, j: number, x: number): void {
  m.xs.open(j);
  m.xs.set(j, x);
  for (const c of m.candidates) c.open(j);
}

/**
 * Forecast slot j with every model and return the index of the one with the smallest
 * mean recent error (a median error is blind to a pattern in a minority of phases: a
 * flat forecast is right on weekdays), or the first that forecasts at all; -1 if none.
 */
export function chooseModel(model: Model, j: number): number {
  const { candidates, forecasts } = model;
  let best = -1;
  let bestErr = Infinity;
  let fallback = -1;
  for (let c = 0; c < candidates.length; c++) {
    const cand = candidates[c];
    const f = cand.forecast(j, cand.level.level);
    forecasts[c] = f;
    if (f !== f) continue;
    if (fallback < 0) fallback = c;
    if (cand.ready()) {
      const e = cand.meanError();
      if (e < bestErr) {
        bestErr = e;
        best = c;
      }
    }
  }
  return best < 0 ? fallback : best;
}

/**
 * Teach every model the observed value x at slot j: its error, and the offset stored
 * for its phase, clipped so one outlier cannot haunt the same phase next cycle.
 */
export function updateModels(model: Model, j: number, x: number, unitOf: (f: number, lvl: number) => number, clipSigmas: number): void {
  const { candidates, forecasts } = model;
  for (let c = 0; c < candidates.length; c++) {
    const cand = candidates[c];
    const lvl = cand.level.level;
    const f = forecasts[c];
    if (!(lvl === lvl)) continue;
    let off = x - lvl;
    if (f === f) {
      const err = Math.abs(x - f);
      const u = unitOf(f, lvl);
      const s = cand.scale(u);
      if (s === s && s > 0 && cand.errorCount >= 10) {
        const cap = clipSigmas * s;
        const predOff = f - lvl;
        if (off > predOff + cap) off = predOff + cap;
        else if (off < predOff - cap) off = predOff - cap;
      }
      cand.recordError(err, u, j);
    }
    cand.setOffset(j, off);
  }
}
