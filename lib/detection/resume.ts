/**
 * Resumable detection (issue 12, "incremental detection"): the detector's whole state after
 * a given point, as JSON, and a run that continues from it. detectSeries runs through the
 * same engine (detect.ts, runRows), so a run resumed from a checkpoint gives bit for bit the
 * verdicts a full run gives, as long as canResume says the full run would have been built
 * the same way (same interval, grid and seasonal periods).
 */
import { configure, DEFAULT_TUNING, driftAllowance, nextSlot, runRows, SeriesDetector, slotDrift, type DetectorState, type SeriesConfig } from "./detect";
import { defaultSeasonalPeriods, TIME } from "./interval";
import { usablePeriods } from "./model";
import { dec, enc, type Num } from "./state";
import type { DetectorTuning } from "./tuning";
import type { DetectorOptions, Direction, PointVerdict, SeriesKind } from "./types";

/** The options a checkpoint was made with (all but the per-point denominators, which a call passes for its own rows). */
export interface CheckpointOptions {
  sensitivity: Num | null;
  kind: SeriesKind | null;
  direction: Direction | null;
  minAbsoluteDelta: Num | null;
  seasonalPeriods: Num[] | null;
  minHistory: Num | null;
}

export interface DetectorCheckpoint {
  version: 1;
  options: CheckpointOptions;
  /** Fingerprint of the engine's tuning: a checkpoint from other constants is not resumed. */
  tuning: string;
  config: SeriesConfig;
  /** Rows seen up to the checkpoint (the grid test of slotIndices counts them). */
  rows: number;
  lastTimestamp: Num;
  lastSlot: number;
  /**
   * The positive gaps between consecutive rows so far, counted below, at and above the
   * interval: a full run's interval is their median (inferIntervalMs), which is still the
   * checkpoint's interval exactly when the counts put the median at it.
   */
  gaps: GapCounts;
  state: DetectorState;
}

export interface GapCounts {
  below: number;
  equal: number;
  above: number;
}

export interface ResumeResult {
  verdicts: PointVerdict[];
  checkpoint: DetectorCheckpoint | null;
}

function normalizeOptions(o: DetectorOptions): CheckpointOptions {
  const num = (x: number | undefined) => (x === undefined ? null : enc(x));
  return {
    sensitivity: num(o.sensitivity),
    kind: o.kind ?? null,
    direction: o.direction ?? null,
    minAbsoluteDelta: num(o.minAbsoluteDelta),
    seasonalPeriods: o.seasonalPeriods ? o.seasonalPeriods.map(enc) : null,
    minHistory: num(o.minHistory),
  };
}

const fingerprints = new WeakMap<DetectorTuning, string>();

/** FNV-1a over the tuning's JSON: changes whenever a constant does (computed once per tuning object). */
function fingerprint(t: DetectorTuning): string {
  const known = fingerprints.get(t);
  if (known !== undefined) return known;
  const text = JSON.stringify(t);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const print = `${h.toString(16)}:${text.length}`;
  fingerprints.set(t, print);
  return print;
}

/** Counts the positive gaps between consecutive timestamps (the first after `before`, NaN: none) up to row `upTo`. */
function countGaps(counts: GapCounts, intervalMs: number, before: number, timestamps: number[], upTo: number): GapCounts {
  const out = { ...counts };
  let prev = before;
  for (let i = 0; i <= upTo; i++) {
    const d = timestamps[i] - prev;
    prev = timestamps[i];
    if (!(d > 0 && Number.isFinite(d))) continue;
    if (d < intervalMs) out.below++;
    else if (d === intervalMs) out.equal++;
    else out.above++;
  }
  return out;
}

/** Whether inferIntervalMs over gaps with these counts gives `intervalMs`: the upper median (or a day without gaps). */
function medianIs(counts: GapCounts, intervalMs: number): boolean {
  const total = counts.below + counts.equal + counts.above;
  if (total === 0) return intervalMs === TIME.DAY;
  const at = total >> 1;
  return counts.below <= at && at < counts.below + counts.equal;
}

/** Each new row's slot, continuing the grid after `lastSlot`. */
function continueSlots(config: SeriesConfig, lastSlot: number, timestamps: number[]): number[] {
  const slots: number[] = [];
  let prev = lastSlot;
  for (const t of timestamps) {
    prev = nextSlot(t, prev, config);
    slots.push(prev);
  }
  return slots;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Whether continuing `from` with these timestamps gives what a full run would (same interval, same grid mode; false → caller runs in full). */
export function canResume(from: DetectorCheckpoint, timestamps: number[], options: DetectorOptions): boolean {
  if (from.version !== 1 || from.tuning !== fingerprint(DEFAULT_TUNING) || !sameJson(from.options, normalizeOptions(options))) return false;
  if (!from.config.gridded) return false;
  if (timestamps.length === 0) return true;
  if (!(timestamps[0] > dec(from.lastTimestamp))) return false;
  if (!medianIs(countGaps(from.gaps, from.config.intervalMs, dec(from.lastTimestamp), timestamps, timestamps.length - 1), from.config.intervalMs)) return false;
  const slots = continueSlots(from.config, from.lastSlot, timestamps);
  const allowance = driftAllowance(from.config);
  if (slots.some((s, i) => slotDrift(timestamps[i], s, from.config) > allowance)) return false;
  // slotIndices' test for a regular grid, and the periods a grid of this size runs.
  const size = slots[slots.length - 1] + 1;
  if (size > 4 * (from.rows + timestamps.length) + 1000) return false;
  const periods = usablePeriods(options.seasonalPeriods ?? defaultSeasonalPeriods(from.config.intervalMs), size);
  return sameJson(periods, from.config.periods);
}

/** The last row whose timestamp is at most `at` (-1: none). */
function lastRowAtOrBefore(timestamps: number[], at: number): number {
  let last = -1;
  for (let i = 0; i < timestamps.length; i++) if (timestamps[i] <= at) last = i;
  return last;
}

/**
 * Verdicts for `timestamps`/`values` (all strictly after the checkpoint's last point), continuing from `from`
 * (null: from scratch, exactly detectSeries). `checkpointAt`: save the state right after the last point whose
 * timestamp <= checkpointAt (default: the last point); null when no such point was processed in this call
 * and `from` is null; when no new point is <= checkpointAt, `from` is returned unchanged.
 * `options.denominators` are this call's rows'. Throws when `from` cannot be resumed (see canResume).
 */
export function detectSeriesFrom(from: DetectorCheckpoint | null, timestamps: number[], values: (number | null)[], options: DetectorOptions, checkpointAt = Infinity): ResumeResult {
  const n = timestamps.length;
  if (values.length !== n) throw new Error(`detectSeriesFrom: ${n} timestamps but ${values.length} values`);
  if (from && !canResume(from, timestamps, options)) throw new Error("detectSeriesFrom: this checkpoint cannot be resumed with these points (see canResume); run in full");
  if (n === 0) return { verdicts: [], checkpoint: from };
  let detector: SeriesDetector;
  let slots: ArrayLike<number>;
  if (from) {
    detector = new SeriesDetector(from.config, options, DEFAULT_TUNING);
    detector.load(from.state);
    slots = continueSlots(from.config, from.lastSlot, timestamps);
  } else {
    const built = configure(timestamps, options);
    detector = new SeriesDetector(built.config, options, DEFAULT_TUNING);
    slots = built.slots;
  }
  const saveAfter = lastRowAtOrBefore(timestamps, checkpointAt);
  const { verdicts, saved } = runRows(detector, timestamps, values, slots, options.denominators, saveAfter);
  if (!saved) return { verdicts, checkpoint: from };
  const before = from ? dec(from.lastTimestamp) : NaN;
  const gaps = countGaps(from?.gaps ?? { below: 0, equal: 0, above: 0 }, detector.config.intervalMs, before, timestamps, saveAfter);
  const checkpoint: DetectorCheckpoint = {
    version: 1,
    options: normalizeOptions(options),
    tuning: fingerprint(DEFAULT_TUNING),
    config: detector.config,
    rows: (from?.rows ?? 0) + saveAfter + 1,
    lastTimestamp: enc(timestamps[saveAfter]),
    lastSlot: slots[saveAfter],
    gaps,
    state: saved,
  };
  return { verdicts, checkpoint };
}
