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
import { TailCalibrator, gaussianAbsQuantile } from "./calibration";
import { OnsetTracker, RecoveryMemory } from "./hygiene";
import { defaultSeasonalPeriods, inferIntervalMs, slotIndices, TIME } from "./interval";
import { buildModel, chooseModel, updateModels, type Model } from "./model";
import { noiseFloor } from "./noise";
import { NoveltyStage } from "./novelty-stage";
import { calendarLagSlots } from "./recurrence";
import { bandWidthFor, scoreFromZ } from "./scoring";
import { SustainedShift } from "./sustained";
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

const empty = (): PointVerdict => ({ expected: null, lower: null, upper: null, score: 0, outOfBand: false, isAnomaly: false });

class SeriesDetector {
  private readonly kind: SeriesKind;
  private readonly allowUp: boolean;
  private readonly allowDown: boolean;
  private readonly nonNegative: boolean;
  private readonly relative: boolean;
  private readonly k: number;
  private readonly minDelta: number;
  private readonly intervalMs: number;
  private readonly grid: { slots: Int32Array; size: number; gridded: boolean };
  private readonly minHistory: number;
  private readonly xs: Float64Array;
  private readonly rowAt: Int32Array;
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
  private readonly pastResidual: Float64Array;
  private readonly pastZ: Float64Array;
  private readonly pastExpected: Float64Array;
  private seen = 0;
  private rateUnit = 1;

  constructor(private readonly timestamps: number[], values: (number | null)[], private readonly options: DetectorOptions, private readonly t: DetectorTuning) {
    this.kind = options.kind ?? "gauge";
    const direction = options.direction ?? (this.kind === "amount" || this.kind === "duration" ? "up" : "both");
    this.allowUp = direction !== "down";
    this.allowDown = direction !== "up";
    // Counts, money and durations cannot go negative; a forecast below zero is the trend correction overshooting.
    this.nonNegative = this.kind === "count" || this.kind === "amount" || this.kind === "duration";
    // Money and durations vary in proportion to their size (multiplicative noise).
    this.relative = t.relativeKinds.includes(this.kind);
    this.minDelta = Math.max(0, options.minAbsoluteDelta ?? 0);
    this.intervalMs = inferIntervalMs(timestamps);
    this.grid = slotIndices(timestamps, this.intervalMs);
    const size = this.grid.size;
    this.minHistory = Math.max(1, options.minHistory ?? defaultMinHistory(this.intervalMs));
    this.xs = new Float64Array(size).fill(NaN);
    this.rowAt = new Int32Array(size).fill(-1);
    for (let i = 0; i < timestamps.length; i++) {
      const v = values[i];
      this.rowAt[this.grid.slots[i]] = i;
      if (typeof v === "number" && Number.isFinite(v)) this.xs[this.grid.slots[i]] = v;
    }
    this.novelty = NoveltyStage.create(this.kind, this.intervalMs, this.xs, size, t);
    this.k = bandWidthFor(options.sensitivity ?? 0.5) * (this.novelty ? t.noveltyBandFactor : 1);
    this.onsets = new OnsetTracker(suppressionWindow(this.intervalMs, t), t.escalation);
    const horizon = Math.round((t.recoveryDays * TIME.DAY) / this.intervalMs);
    this.recovery = t.recoveryDays > 0 && !this.novelty ? new RecoveryMemory(Math.max(3, Math.min(t.recoveryMaxPoints, horizon))) : null;
    const n = sustainPoints(this.intervalMs, t);
    this.sustained = n > 1 ? new SustainedShift(n) : null;
    const q = gaussianAbsQuantile(t.tailQuantile);
    this.sustainedTails = new TailCalibrator(t.tailQuantile, q, t.tailMinCount, t.tailHorizon, t.tailMinPoints);
    this.tails = new TailCalibrator(t.tailQuantile, q, t.tailMinCount, t.tailHorizon, t.tailMinPoints);
    this.model = buildModel(options.seasonalPeriods ?? defaultSeasonalPeriods(this.intervalMs), this.intervalMs, size, this.xs, t);
    this.calibrationStart = this.intervalMs >= 0.9 * TIME.DAY ? t.tailWarmupCycles * Math.max(0, ...this.model.periods) : 0;
    this.tailsOnsetOnly = t.dailyTailsOnsetOnly && this.intervalMs >= 0.9 * TIME.DAY;
    this.pastResidual = new Float64Array(size).fill(NaN);
    this.pastZ = new Float64Array(size).fill(NaN);
    this.pastExpected = new Float64Array(size).fill(NaN);
  }

  /** Relative errors are measured against at least a fraction of the level, so a near-zero phase does not blow them up. */
  private readonly unitOf = (f: number, lvl: number): number => (this.relative ? Math.max(Math.abs(f), this.t.relativeFloor * Math.abs(lvl)) + 1e-9 : 1);

  run(): PointVerdict[] {
    const out: PointVerdict[] = new Array(this.timestamps.length);
    const { levels } = this.model;
    for (let j = 0; j < this.grid.size; j++) {
      for (const l of levels) l.snapshot(j);
      this.novelty?.observe(j, this.xs);
      const row = this.rowAt[j];
      if (row >= 0) {
        const x = this.xs[j];
        const valid = x === x;
        const best = chooseModel(this.model, j);
        out[row] = best >= 0 && this.seen >= this.minHistory ? this.judge(j, row, best, x, valid) : empty();
        if (valid) {
          updateModels(this.model, j, x, this.unitOf, this.t.clipSigmas);
          this.seen++;
        }
      }
      for (const l of levels) l.advance(j);
    }
    return out;
  }

  /** Stage 3: expected value, the band's edges before widening, and the noise scale. */
  private band(j: number, row: number, best: number, x: number, valid: boolean): Band {
    const cand = this.model.candidates[best];
    const f = this.model.forecasts[best];
    const lvl = cand.level.level[j];
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
    const dens = this.options.denominators;
    const den = dens && row < dens.length ? dens[row] : null;
    if (valid && this.kind === "rate" && Math.abs(x) > 1.5) this.rateUnit = 100;
    const floorKind = this.novelty ? this.novelty.floorKind(j, this.kind) : this.kind;
    scale = Math.max(scale === scale ? scale : 0, noiseFloor(floorKind, Math.max(expected, lvl), typeof den === "number" && Number.isFinite(den) ? den : null, this.rateUnit));
    // Widened by how heavy this series' tails have proven to be.
    return { expected, lo, hi, scale: scale * this.tails.factor(), noiseScale: scale };
  }

  /**
   * Stage 4: a deviation seen at the same phase last cycle or the same calendar day of an
   * earlier month is a recurring charge or job. Returns the shift of the band and the
   * excess left, or null.
   */
  private recurring(j: number, row: number, x: number, residual: number, b: Band, downSlack: number): { shift: number; z: number } | null {
    const lags: number[] = [];
    for (const p of this.model.periods) if (j - p >= 0) lags.push(j - p);
    if (this.grid.gridded) for (const s of calendarLagSlots(this.timestamps[row], this.timestamps[0], this.intervalMs)) if (s < j) lags.push(s);
    let bestAdj = NaN;
    for (const q of lags) {
      if (!(this.pastZ[q] >= 0.5 * this.k)) continue;
      const rq = this.pastResidual[q];
      bestAdj = closerRecurrence(bestAdj, rq, residual);
      // Money also recurs in proportion to the level it rides on (a quarter-end batch grows
      // with the bill, a weekend's batch is smaller); a fixed invoice does not: both are tried.
      const eq = this.pastExpected[q];
      if (this.t.recurScaled && this.relative && eq > 0 && b.expected > 0) bestAdj = closerRecurrence(bestAdj, (rq * b.expected) / eq, residual);
    }
    if (!(bestAdj === bestAdj)) return null;
    const shift = Math.abs(bestAdj) > Math.abs(residual) ? residual : bestAdj;
    // The recurring amount is estimated from one earlier occurrence, which is as noisy as
    // this point: the difference of the two has sqrt(2) times the noise.
    return { shift, z: excessZ(x, b.lo + shift, b.hi + shift, b.scale * Math.SQRT2, this.allowUp, this.allowDown, this.minDelta, downSlack) };
  }

  /** Stage 5: the mean excess over the last span in sigmas (how rising error rates and slow-page episodes first show). */
  private sustainedZ(x: number, b: Band, dropAllowance: number, shift: number): { z: number; raw: number } {
    if (!this.sustained) return { z: 0, raw: 0 };
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
    const c = this.collapse(expected);
    return c ? Math.max(0, (c.level - x - this.minDelta) / c.sd) : 0;
  }

  private collapse(expected: number): { level: number; sd: number } | null {
    if (this.kind !== "count" || !this.allowDown || !(this.t.collapseLevel > 0)) return null;
    const level = this.t.collapseLevel * expected;
    return { level, sd: Math.sqrt(level) + 1 + this.t.collapseOverdispersion * level };
  }

  /** The lower edge the collapse test sets at band width k (-Infinity where it does not apply). */
  private collapseEdge(expected: number, k: number): number {
    const c = this.collapse(expected);
    return c ? c.level - k * c.sd - this.minDelta : -Infinity;
  }

  /** Stages 3-7 for one point with a proven model. */
  private judge(j: number, row: number, best: number, x: number, valid: boolean): PointVerdict {
    const b = this.band(j, row, best, x, valid);
    const { k, minDelta } = this;
    const dropAllowance = this.dropSlack(b, k);
    const downSlack = minDelta + dropAllowance;
    let z = valid ? excessZ(x, b.lo, b.hi, b.scale, this.allowUp, this.allowDown, minDelta, downSlack) : 0;
    if (valid) z = Math.max(z, this.collapseZ(x, b.expected));
    const rawZ = z;
    const residual = valid ? x - b.expected : NaN;
    let shift = 0;
    const rec = z >= 0.5 * k && valid ? this.recurring(j, row, x, residual, b, downSlack) : null;
    if (rec) ({ shift, z } = rec);
    const sus = valid ? this.sustainedZ(x, b, dropAllowance, shift) : { z: 0, raw: 0 };
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
    if (valid) this.learn(j, best, x, { residual, rawZ, z, shift, dropAllowance, rawSustained: sus.raw, continuing: outOfBand && !onset }, b);
    return verdict;
  }

  /** Stage 8: what the judged point teaches the recurrence memory, hygiene and the calibrators. */
  private learn(j: number, best: number, x: number, p: { residual: number; rawZ: number; z: number; shift: number; dropAllowance: number; rawSustained: number; continuing: boolean }, b: Band): void {
    const cand = this.model.candidates[best];
    this.pastResidual[j] = p.residual;
    this.pastZ[j] = p.rawZ;
    this.pastExpected[j] = p.residual === p.residual ? x - p.residual : NaN;
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
}

export function detectSeries(timestamps: number[], values: (number | null)[], options: DetectorOptions = {}): PointVerdict[] {
  return detectSeriesTuned(timestamps, values, options, DEFAULT_TUNING);
}

/** detectSeries with explicit internal constants; for experiments and the benchmark log. */
export function detectSeriesTuned(timestamps: number[], values: (number | null)[], options: DetectorOptions, tuning: DetectorTuning): PointVerdict[] {
  const n = timestamps.length;
  if (values.length !== n) throw new Error(`detectSeries: ${n} timestamps but ${values.length} values`);
  if (n === 0) return [];
  return new SeriesDetector(timestamps, values, options, tuning).run();
}
