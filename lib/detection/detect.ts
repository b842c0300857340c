/**
 * The detector, as named stages (docs/detection.md, "How it works"):
 *   1. grid        — rows on a regular grid so seasonal lags stay aligned (interval.ts);
 *   2. forecast    — several small models side by side, the most accurate lately judges (model.ts);
 *   3. band        — expected value, noise scale (robust errors, per-kind floor, tail calibration);
 *   4. recurrence  — a deviation seen one cycle or one month ago shifts the band instead of alarming;
 *   5. sustained   — a run of moderate excesses (sub-daily data);
 *   6. novelty     — context novelty, flat runs, alarm rest and score carrying for fine gauges (novelty-stage.ts);
 *   7. hygiene     — one alarm per incident: only an onset that beats recent excesses alarms;
 *   8. learning    — errors, offsets, tail calibration learn from the point after it is judged.
 * Pure: no I/O, causal (a verdict uses only its point and earlier ones).
 */
import { TailCalibrator, gaussianAbsQuantile, type TailCalibratorState } from "./calibration";
import { OnsetTracker, RecoveryMemory, type OnsetTrackerState, type RecoveryMemoryState } from "./hygiene";
import { defaultSeasonalPeriods, inferIntervalMs, slotIndices, TIME } from "./interval";
import { buildModel, chooseModel, loadModel, openSlot, saveModel, updateModels, usablePeriods, type Model, type ModelState } from "./model";
import { noiseFloor } from "./noise";
import { NoveltyStage, type NoveltyStageState } from "./novelty-stage";
import { CALENDAR_LOOKBACK_DAYS, calendarLagSlots } from "./recurrence";
import { bandWidthFor, scoreFromZ } from "./scoring";
import { dec, enc, powerOfTwoAtLeast, SlotRing, type Num } from "./state";
import { SustainedShift, type SustainedShiftState } from "./sustained";
import { DEFAULT_TUNING, type DetectorTuning } from "./tuning";
import type { DetectorOptions, PointVerdict, SeriesKind } from "./types";

export { DEFAULT_TUNING, type DetectorTuning } from "./tuning";

/** Excess beyond [lo, hi] in sigmas, in the allowed directions, after the slack. */
function excessZ(x: number, lo: number, hi: number, scale: number, up: boolean, down: boolean, upSlack: number, downSlack: number): number {
  let z = 0;
  if (up) z = Math.max(z, (x - hi - upSlack) / scale);
  if (down) z = Math.max(z, (lo - x - downSlack) / scale);
  return z;
}

/**
 * An earlier deviation rq explains today's residual when it has the same sign and a size
 * within a factor of two; of several, the closest one wins. Returns the better of best and rq.
 */
function closerRecurrence(best: number, rq: number, residual: number): number {
  if (!(rq === rq) || Math.sign(rq) !== Math.sign(residual)) return best;
  const ratio = Math.abs(rq) / Math.abs(residual);
  if (ratio < 0.5 || ratio > 2) return best;
  return !(best === best) || Math.abs(rq - residual) < Math.abs(best - residual) ? rq : best;
}

function defaultMinHistory(intervalMs: number): number {
  return intervalMs >= 0.9 * TIME.DAY ? 7 : 24;
}

function suppressionWindow(intervalMs: number, t: DetectorTuning): number {
  if (intervalMs >= 0.9 * TIME.DAY) return t.suppressPointsDaily;
  return Math.max(3, Math.min(2000, Math.round((t.suppressHours * TIME.HOUR) / intervalMs)));
}

/**
 * Points averaged by the sustained-shift statistic: sub-daily data only. Daily points are
 * few and far apart: a run of three noisy days is common, and a real daily shift is large
 * enough to show in one point.
 */
function sustainPoints(intervalMs: number, t: DetectorTuning): number {
  if (intervalMs >= 0.9 * TIME.DAY || t.sustainHours <= 0) return 0;
  return Math.max(3, Math.min(48, Math.round((t.sustainHours * TIME.HOUR) / intervalMs)));
}

/**
 * What a series' detector is built from, fixed for the life of the series (a checkpoint
 * records it; resume.ts checks that the full series would have been built the same way).
 */
export interface SeriesConfig {
  intervalMs: number;
  /** Timestamp of slot 0. */
  t0: number;
  /** false: irregular series, slots are row positions (slotIndices' fallback). */
  gridded: boolean;
  /** Seasonal periods the model runs (usablePeriods for the series' grid size). */
  periods: number[];
  /** How many slots the grid runs ahead of the timestamps at most (rows bunched closer than the interval). */
  drift: number;
}

/** Slot of a timestamp on a grid whose previous row sat at slot `prev` (slotIndices, one row at a time). */
export function nextSlot(t: number, prev: number, config: SeriesConfig): number {
  let s = Math.round((t - config.t0) / config.intervalMs);
  if (!Number.isFinite(s)) s = prev + 1;
  return s <= prev ? prev + 1 : s;
}

/** How far a row's slot lies ahead of its timestamp's position on the grid (0 where the timestamp says nothing). */
export function slotDrift(t: number, slot: number, config: SeriesConfig): number {
  const s = Math.round((t - config.t0) / config.intervalMs);
  return Number.isFinite(s) ? Math.max(0, slot - s) : 0;
}

/** The configuration a full run over these timestamps uses, and each row's slot. */
export function configure(timestamps: number[], options: DetectorOptions): { config: SeriesConfig; slots: Int32Array } {
  const intervalMs = inferIntervalMs(timestamps);
  const grid = slotIndices(timestamps, intervalMs);
  const periods = usablePeriods(options.seasonalPeriods ?? defaultSeasonalPeriods(intervalMs), grid.size);
  const config: SeriesConfig = { intervalMs, t0: timestamps[0], gridded: grid.gridded, periods, drift: 0 };
  if (grid.gridded) for (let i = 0; i < timestamps.length; i++) config.drift = Math.max(config.drift, slotDrift(timestamps[i], grid.slots[i], config));
  return { config, slots: grid.slots };
}

/** Slots back a calendar lag lies from its row's own grid position (CALENDAR_LOOKBACK_DAYS plus rounding); 0 where none apply. */
function calendarLookback(config: SeriesConfig): number {
  if (!config.gridded || !(config.intervalMs > 0) || config.intervalMs > 1.05 * TIME.DAY) return 0;
  return Math.ceil((CALENDAR_LOOKBACK_DAYS * TIME.DAY) / config.intervalMs) + 1;
}

/** Slots back the recurrence memory is read (stage 4): one longest period, and calendar lags plus the grid's drift. */
function recurrenceLookback(config: SeriesConfig): number {
  const calendar = calendarLookback(config);
  return Math.max(0, ...config.periods, calendar > 0 ? calendar + config.drift : 0);
}

/**
 * How far a later row's slot may run ahead of its timestamp before the recurrence memory
 * built for `config` is too short for its calendar lags (the ring rounds up to a power of
 * two, so usually well beyond config.drift).
 */
export function driftAllowance(config: SeriesConfig): number {
  const calendar = calendarLookback(config);
  return calendar > 0 ? powerOfTwoAtLeast(recurrenceLookback(config) + 1) - 1 - calendar : Infinity;
}

/**
 * Slots back the band reads a candidate's per-slot errors (phase noise, see band()):
 * phaseNoiseCycles cycles, or countDayPhaseDays days for counts on a multi-day cycle; 0 where
 * phase noise does not apply.
 */
function phaseLookback(p: number, kind: SeriesKind, intervalMs: number, t: DetectorTuning): number {
  const pn = t.phaseNoiseMinPeriod;
  if (!(pn > 0 && p >= pn && intervalMs >= t.phaseNoiseMinIntervalMs)) return 0;
  const day = Math.round(TIME.DAY / intervalMs);
  const daily = kind === "count" && t.countDayPhaseDays > 0 && p > day && p % day === 0;
  return daily ? t.countDayPhaseDays * day : t.phaseNoiseCycles * p;
}

/** Everything a detector learns, JSON-safe (resume.ts). */
export interface DetectorState {
  nextSlot: number;
  seen: number;
  rateUnit: number;
  model: ModelState;
  novelty: NoveltyStageState | null;
  onsets: OnsetTrackerState;
  recovery: RecoveryMemoryState | null;
  tails: TailCalibratorState;
  sustained: SustainedShiftState | null;
  sustainedTails: TailCalibratorState;
  /** The recurrence memory, only the slots it would ever read (z at least half the band): [slot, z, residual, expected]. */
  past: Array<[number, Num, Num, Num]>;
}

/** Stage 3's result for one point. */
interface Band {
  expected: number;
  lo: number;
  hi: number;
  /** Noise scale after tail calibration (band half-width = k x scale). */
  scale: number;
  /** ... and before it. */
  noiseScale: number;
}

/** What stage 8 learns from a judged point (judge's intermediate results). */
interface Lesson {
  residual: number;
  rawZ: number;
  z: number;
  shift: number;
  dropAllowance: number;
  rawSustained: number;
  continuing: boolean;
}

/** Stage 5's answer where it does not run (daily data); shared, never written. */
const NO_SUSTAINED: Readonly<{ z: number; raw: number }> = Object.freeze({ z: 0, raw: 0 });

const empty = (): PointVerdict => ({ expected: null, lower: null, upper: null, score: 0, outOfBand: false, isAnomaly: false });

export class SeriesDetector {
  private readonly kind: SeriesKind;
  private readonly allowUp: boolean;
  private readonly allowDown: boolean;
  private readonly nonNegative: boolean;
  private readonly relative: boolean;
  private readonly k: number;
  private readonly minDelta: number;
  private readonly intervalMs: number;
  private readonly minHistory: number;
  private readonly model: Model;
  private readonly novelty: NoveltyStage | null;
  private readonly onsets: OnsetTracker;
  private readonly recovery: RecoveryMemory | null;
  private readonly tails: TailCalibrator;
  private readonly sustained: SustainedShift | null;
  private readonly sustainedTails: TailCalibrator;
  /** Daily data: tail calibration ignores the warm-up, when non-seasonal models mistake every weekend for an incident. */
  private readonly calibrationStart: number;
  /** Daily data: tail calibration learns from the first point of an out-of-band run only (business round 10). */
  private readonly tailsOnsetOnly: boolean;
  /** Raw residual and z of the chosen forecast per slot: what recurrence checks compare against. */
  private readonly pastResidual: SlotRing;
  private readonly pastZ: SlotRing;
  private readonly pastExpected: SlotRing;
  /** The first slot not yet processed. */
  private next = 0;
  private seen = 0;
  private rateUnit = 1;
  /**
   * Scratch records for one point's band and lesson, overwritten at every judged point:
   * a fresh object per point is garbage at every slot of every series of a rebuild.
   */
  private readonly bandOut: Band = { expected: 0, lo: 0, hi: 0, scale: 0, noiseScale: 0 };
  private readonly lesson: Lesson = { residual: 0, rawZ: 0, z: 0, shift: 0, dropAllowance: 0, rawSustained: 0, continuing: false };

  constructor(readonly config: SeriesConfig, private readonly options: DetectorOptions, private readonly t: DetectorTuning) {
    this.kind = options.kind ?? "gauge";
    const direction = options.direction ?? (this.kind === "amount" || this.kind === "duration" ? "up" : "both");
    this.allowUp = direction !== "down";
    this.allowDown = direction !== "up";
    // Counts, money and durations cannot go negative; a forecast below zero is the trend correction overshooting.
    this.nonNegative = this.kind === "count" || this.kind === "amount" || this.kind === "duration";
    // Money and durations vary in proportion to their size (multiplicative noise).
    this.relative = t.relativeKinds.includes(this.kind);
    this.minDelta = Math.max(0, options.minAbsoluteDelta ?? 0);
    this.intervalMs = config.intervalMs;
    this.minHistory = Math.max(1, options.minHistory ?? defaultMinHistory(this.intervalMs));
    this.novelty = NoveltyStage.create(this.kind, this.intervalMs, t);
    this.k = bandWidthFor(options.sensitivity ?? 0.5) * (this.novelty ? t.noveltyBandFactor : 1);
    this.onsets = new OnsetTracker(suppressionWindow(this.intervalMs, t), t.escalation);
    const horizon = Math.round((t.recoveryDays * TIME.DAY) / this.intervalMs);
    this.recovery = t.recoveryDays > 0 && !this.novelty ? new RecoveryMemory(Math.max(3, Math.min(t.recoveryMaxPoints, horizon))) : null;
    const n = sustainPoints(this.intervalMs, t);
    this.sustained = n > 1 ? new SustainedShift(n) : null;
    const q = gaussianAbsQuantile(t.tailQuantile);
    this.sustainedTails = new TailCalibrator(t.tailQuantile, q, t.tailMinCount, t.tailHorizon, t.tailMinPoints);
    this.tails = new TailCalibrator(t.tailQuantile, q, t.tailMinCount, t.tailHorizon, t.tailMinPoints);
    this.model = buildModel(config.periods, this.intervalMs, t, (p) => phaseLookback(p, this.kind, this.intervalMs, t));
    this.calibrationStart = this.intervalMs >= 0.9 * TIME.DAY ? t.tailWarmupCycles * Math.max(0, ...this.model.periods) : 0;
    this.tailsOnsetOnly = t.dailyTailsOnsetOnly && this.intervalMs >= 0.9 * TIME.DAY;
    const lookback = recurrenceLookback(config);
    this.pastResidual = new SlotRing(lookback);
    this.pastZ = new SlotRing(lookback);
    this.pastExpected = new SlotRing(lookback);
  }

  /** The first slot not yet processed. */
  get nextSlot(): number {
    return this.next;
  }

  /** Relative errors are measured against at least a fraction of the level, so a near-zero phase does not blow them up. */
  private readonly unitOf = (f: number, lvl: number): number => (this.relative ? Math.max(Math.abs(f), this.t.relativeFloor * Math.abs(lvl)) + 1e-9 : 1);

  /**
   * Judges the row at slot j (after the empty slots since the last row) and learns from it.
   * `value`: null or non-finite is a missing value; `denominator`: kind "rate" only.
   */
  row(j: number, timestamp: number, value: number | null, denominator: number | null | undefined): PointVerdict {
    if (j < this.next) throw new Error(`SeriesDetector: slot ${j} after slot ${this.next - 1}`);
    while (this.next < j) this.slot(this.next, NaN, false, NaN, null);
    const x = typeof value === "number" && Number.isFinite(value) ? value : NaN;
    return this.slot(j, x, true, timestamp, denominator) ?? empty();
  }

  /**
   * One grid slot, with or without a row (a row's verdict, else null). The row comes as
   * plain arguments rather than an object: this runs once per slot of every series.
   */
  private slot(j: number, x: number, hasRow: boolean, timestamp: number, denominator: number | null | undefined): PointVerdict | null {
    const { levels, xs } = this.model;
    openSlot(this.model, j, x);
    this.pastResidual.open(j);
    this.pastZ.open(j);
    this.pastExpected.open(j);
    for (const l of levels) l.snapshot();
    this.novelty?.observe(j, x, j > 0 ? xs.get(j - 1) : NaN);
    let out: PointVerdict | null = null;
    if (hasRow) {
      const valid = x === x;
      const best = chooseModel(this.model, j);
      out = best >= 0 && this.seen >= this.minHistory ? this.judge(j, timestamp, denominator, best, x, valid) : empty();
      if (valid) {
        updateModels(this.model, j, x, this.unitOf, this.t.clipSigmas);
        this.seen++;
      }
    }
    for (const l of levels) l.advance(j);
    this.next = j + 1;
    return out;
  }

  /** Stage 3: expected value, the band's edges before widening, and the noise scale. */
  private band(j: number, den: number | null | undefined, best: number, x: number, valid: boolean): Band {
    const cand = this.model.candidates[best];
    const f = this.model.forecasts[best];
    const lvl = cand.level.level;
    const expected = this.nonNegative ? Math.max(0, f) : f;
    let lo = expected;
    let hi = expected;
    if (cand.phaseTolerant) {
      // Accept the neighbouring phases too: absorbs clock shifts and jittery ramps.
      const a = cand.forecast(j - 1, lvl);
      const b = cand.forecast(j + 1, lvl);
      if (a === a) { lo = Math.min(lo, a); hi = Math.max(hi, a); }
      if (b === b) { lo = Math.min(lo, b); hi = Math.max(hi, b); }
      if (this.nonNegative && lo < 0) lo = 0;
    }
    const unit = this.unitOf(f, lvl);
    let scale = cand.scale(unit);
    const pn = this.t.phaseNoiseMinPeriod;
    if (pn > 0 && cand.period >= pn && this.intervalMs >= this.t.phaseNoiseMinIntervalMs) {
      // A count's noise follows its level through the day (Poisson-like): the same hour of
      // the last days, not the whole week's errors nor three weeks of one weekly phase.
      const day = Math.round(TIME.DAY / this.intervalMs);
      const daily = this.kind === "count" && this.t.countDayPhaseDays > 0 && cand.period > day && cand.period % day === 0;
      const ps = daily ? cand.phaseScale(j, this.t.countDayPhaseDays, unit, day) : cand.phaseScale(j, this.t.phaseNoiseCycles, unit);
      if (ps === ps && scale === scale) scale = daily ? ps : Math.max(scale, ps);
    }
    if (!(scale === scale) || cand.errorCount < 10) {
      // Too few errors yet: do not trust a tiny early error scale.
      const wide = this.model.spread;
      const spread = 1.4826 * wide.win.mad(wide.win.median());
      scale = scale === scale ? Math.max(scale, spread) : spread;
    }
    if (valid && this.kind === "rate" && Math.abs(x) > 1.5) this.rateUnit = 100;
    const floorKind = this.novelty ? this.novelty.floorKind(j, this.kind) : this.kind;
    scale = Math.max(scale === scale ? scale : 0, noiseFloor(floorKind, Math.max(expected, lvl), typeof den === "number" && Number.isFinite(den) ? den : null, this.rateUnit));
    // Widened by how heavy this series' tails have proven to be.
    const out = this.bandOut;
    out.expected = expected;
    out.lo = lo;
    out.hi = hi;
    out.scale = scale * this.tails.factor();
    out.noiseScale = scale;
    return out;
  }

  /**
   * Stage 4: a deviation seen at the same phase last cycle or the same calendar day of an
   * earlier month is a recurring charge or job. Returns the shift of the band and the
   * excess left, or null.
   */
  private recurring(j: number, timestamp: number, x: number, residual: number, b: Band, downSlack: number): { shift: number; z: number } | null {
    const lags: number[] = [];
    for (const p of this.model.periods) if (j - p >= 0) lags.push(j - p);
    if (this.config.gridded) for (const s of calendarLagSlots(timestamp, this.config.t0, this.intervalMs)) if (s < j) lags.push(s);
    let bestAdj = NaN;
    for (const q of lags) {
      if (!(this.pastZ.get(q) >= 0.5 * this.k)) continue;
      const rq = this.pastResidual.get(q);
      bestAdj = closerRecurrence(bestAdj, rq, residual);
      // Money also recurs in proportion to the level it rides on (a quarter-end batch grows
      // with the bill, a weekend's batch is smaller); a fixed invoice does not: both are tried.
      const eq = this.pastExpected.get(q);
      if (this.t.recurScaled && this.relative && eq > 0 && b.expected > 0) bestAdj = closerRecurrence(bestAdj, (rq * b.expected) / eq, residual);
    }
    if (!(bestAdj === bestAdj)) return null;
    const shift = Math.abs(bestAdj) > Math.abs(residual) ? residual : bestAdj;
    // The recurring amount is estimated from one earlier occurrence, which is as noisy as
    // this point: the difference of the two has sqrt(2) times the noise.
    return { shift, z: excessZ(x, b.lo + shift, b.hi + shift, b.scale * Math.SQRT2, this.allowUp, this.allowDown, this.minDelta, downSlack) };
  }

  /** Stage 5: the mean excess over the last span in sigmas (how rising error rates and slow-page episodes first show). */
  private sustainedZ(x: number, b: Band, dropAllowance: number, shift: number): Readonly<{ z: number; raw: number }> {
    if (!this.sustained) return NO_SUSTAINED;
    const m = this.sustained.stat((x - b.hi - this.minDelta) / b.noiseScale, (b.lo - x - this.minDelta - dropAllowance) / b.noiseScale);
    const dirStat = Math.max(this.allowUp ? m.up : 0, this.allowDown ? m.down : 0);
    return { z: dirStat / (this.sustainedTails.factor() * (shift !== 0 ? 2 : 1)), raw: Math.max(m.up, m.down) };
  }

  /**
   * How much further than the band a count or amount must fall before a drop counts
   * (holidays and quiet days halve traffic and spend; outages zero them). With
   * dropQuadrature the allowance and the band's k sigma add as independent
   * uncertainties (root of the sum of squares) instead of end to end, so a small
   * site's outage at night is not hidden under both (business round 7).
   */
  private dropSlack(b: Band, k: number): number {
    if (this.kind !== "count" && this.kind !== "amount") return 0;
    const d = this.t.dropAllowance * Math.abs(b.expected);
    if (!this.t.dropQuadrature) return d;
    const ks = k * b.scale;
    return Math.sqrt(ks * ks + d * d) - ks;
  }

  /**
   * A count's fall far below even a quiet day: the excess below the lowest plausible level
   * (collapseLevel x expected: holidays and weekends halve traffic, an outage takes 95 %)
   * in units of the Poisson noise at that level, widened for overdispersion. The band's
   * noise is learned over all hours, so at night it can be many times the hour's own
   * Poisson noise and hide an outage (business round B13). 0 for other kinds.
   */
  private collapseZ(x: number, expected: number): number {
    if (!this.collapses()) return 0;
    const level = this.t.collapseLevel * expected;
    return Math.max(0, (level - x - this.minDelta) / this.collapseSd(level));
  }

  /** Whether the collapse test applies (level and sd are computed inline: no object per point). */
  private collapses(): boolean {
    return this.kind === "count" && this.allowDown && this.t.collapseLevel > 0;
  }

  private collapseSd(level: number): number {
    return Math.sqrt(level) + 1 + this.t.collapseOverdispersion * level;
  }

  /** The lower edge the collapse test sets at band width k (-Infinity where it does not apply). */
  private collapseEdge(expected: number, k: number): number {
    if (!this.collapses()) return -Infinity;
    const level = this.t.collapseLevel * expected;
    return level - k * this.collapseSd(level) - this.minDelta;
  }

  /** Stages 3-7 for one point with a proven model. */
  private judge(j: number, timestamp: number, den: number | null | undefined, best: number, x: number, valid: boolean): PointVerdict {
    const b = this.band(j, den, best, x, valid);
    const { k, minDelta } = this;
    const dropAllowance = this.dropSlack(b, k);
    const downSlack = minDelta + dropAllowance;
    let z = valid ? excessZ(x, b.lo, b.hi, b.scale, this.allowUp, this.allowDown, minDelta, downSlack) : 0;
    if (valid) z = Math.max(z, this.collapseZ(x, b.expected));
    const rawZ = z;
    const residual = valid ? x - b.expected : NaN;
    let shift = 0;
    const rec = z >= 0.5 * k && valid ? this.recurring(j, timestamp, x, residual, b, downSlack) : null;
    if (rec) ({ shift, z } = rec);
    const sus = valid ? this.sustainedZ(x, b, dropAllowance, shift) : NO_SUSTAINED;
    z = Math.max(z, sus.z);
    // Stage 7, alarm hygiene without a threshold: only an excess that clearly beats every
    // excess of the last few points opens an incident.
    const onset = this.onsets.isOnset(z);
    let score = scoreFromZ(z);
    if (!onset) score *= this.t.continuationDamp;
    const outOfBand = valid && z >= k && z > 0;
    let lower = b.lo + shift - k * b.scale - minDelta - (this.allowDown ? dropAllowance : 0);
    lower = Math.max(lower, this.collapseEdge(b.expected, k));
    if (this.nonNegative && lower < 0) lower = 0;
    let isAnomaly = outOfBand && onset;
    const upper = b.hi + shift + k * b.scale + minDelta;
    if (this.recovery && valid) {
      const recovered = outOfBand && this.recovery.isRecovery(j, x, x > b.expected + shift);
      if (recovered) {
        isAnomaly = false;
        score *= this.t.continuationDamp;
      }
      this.recovery.observe(j, x, lower, upper, outOfBand, x > b.expected + shift, recovered);
    }
    if (this.novelty) ({ score, isAnomaly } = this.novelty.decide(j, valid, z, score, onset, isAnomaly));
    const verdict: PointVerdict = { expected: b.expected + shift, lower, upper, score, outOfBand, isAnomaly };
    if (valid) {
      const p = this.lesson;
      p.residual = residual;
      p.rawZ = rawZ;
      p.z = z;
      p.shift = shift;
      p.dropAllowance = dropAllowance;
      p.rawSustained = sus.raw;
      p.continuing = outOfBand && !onset;
      this.learn(j, best, x, p, b);
    }
    return verdict;
  }

  /** Stage 8: what the judged point teaches the recurrence memory, hygiene and the calibrators. */
  private learn(j: number, best: number, x: number, p: Lesson, b: Band): void {
    const cand = this.model.candidates[best];
    this.pastResidual.set(j, p.residual);
    this.pastZ.set(j, p.rawZ);
    this.pastExpected.set(j, p.residual === p.residual ? x - p.residual : NaN);
    this.onsets.push(p.z);
    this.novelty?.remember(p.z);
    // Warm-up forecasts (no model proven yet) would teach the calibrator fake tails.
    // Measured against the band as shifted for a recurring event: a charge that is
    // predicted is not evidence of heavy tails.
    if (cand.ready() && this.seen >= this.calibrationStart && !(p.continuing && this.tailsOnsetOnly)) this.tails.add(Math.max(0, x - b.hi - p.shift, b.lo + p.shift - x) / b.noiseScale);
    if (this.sustained && cand.ready()) {
      this.sustained.push((x - b.hi - this.minDelta) / b.noiseScale, (b.lo - x - this.minDelta - p.dropAllowance) / b.noiseScale);
      this.sustainedTails.add(p.rawSustained);
    }
  }

  save(): DetectorState {
    const past: Array<[number, Num, Num, Num]> = [];
    const latest = this.next - 1;
    for (let q = Math.max(0, latest - this.pastZ.capacity + 1); q <= latest; q++) {
      const z = this.pastZ.get(q);
      if (z >= 0.5 * this.k) past.push([q, enc(z), enc(this.pastResidual.get(q)), enc(this.pastExpected.get(q))]);
    }
    return {
      nextSlot: this.next,
      seen: this.seen,
      rateUnit: this.rateUnit,
      model: saveModel(this.model),
      novelty: this.novelty?.save() ?? null,
      onsets: this.onsets.save(),
      recovery: this.recovery?.save() ?? null,
      tails: this.tails.save(),
      sustained: this.sustained?.save() ?? null,
      sustainedTails: this.sustainedTails.save(),
      past,
    };
  }

  load(s: DetectorState): void {
    if ((s.novelty === null) !== (this.novelty === null) || (s.recovery === null) !== (this.recovery === null) || (s.sustained === null) !== (this.sustained === null)) throw new Error("checkpoint: stages differ from the detector's");
    this.next = s.nextSlot;
    this.seen = s.seen;
    this.rateUnit = s.rateUnit;
    loadModel(this.model, s.model);
    if (s.novelty) this.novelty?.load(s.novelty);
    this.onsets.load(s.onsets);
    if (s.recovery) this.recovery?.load(s.recovery);
    this.tails.load(s.tails);
    if (s.sustained) this.sustained?.load(s.sustained);
    this.sustainedTails.load(s.sustainedTails);
    for (const ring of [this.pastResidual, this.pastZ, this.pastExpected]) ring.restart(this.next - 1);
    for (const [q, z, r, e] of s.past) {
      this.pastZ.set(q, dec(z));
      this.pastResidual.set(q, dec(r));
      this.pastExpected.set(q, dec(e));
    }
  }
}

export function detectSeries(timestamps: number[], values: (number | null)[], options: DetectorOptions = {}): PointVerdict[] {
  return detectSeriesTuned(timestamps, values, options, DEFAULT_TUNING);
}

/** detectSeries with explicit internal constants; for experiments and the benchmark log. */
export function detectSeriesTuned(timestamps: number[], values: (number | null)[], options: DetectorOptions, tuning: DetectorTuning): PointVerdict[] {
  const n = timestamps.length;
  if (values.length !== n) throw new Error(`detectSeries: ${n} timestamps but ${values.length} values`);
  if (n === 0) return [];
  const { config, slots } = configure(timestamps, options);
  return runRows(new SeriesDetector(config, options, tuning), timestamps, values, slots, options.denominators).verdicts;
}

/**
 * Feeds rows to a detector in order (one engine for full runs and resumed ones) and saves
 * its state right after row `saveAfter` (-1: never).
 */
export function runRows(
  detector: SeriesDetector,
  timestamps: number[],
  values: (number | null)[],
  slots: ArrayLike<number>,
  denominators: (number | null)[] | undefined,
  saveAfter = -1,
): { verdicts: PointVerdict[]; saved: DetectorState | null } {
  const verdicts: PointVerdict[] = new Array<PointVerdict>(timestamps.length);
  let saved: DetectorState | null = null;
  for (let i = 0; i < timestamps.length; i++) {
    verdicts[i] = detector.row(slots[i], timestamps[i], values[i], denominators && i < denominators.length ? denominators[i] : null);
    if (i === saveAfter) saved = detector.save();
  }
  return { verdicts, saved };
}
