import { LevelTracker, SeasonalCandidate } from "./baseline";
import { TailCalibrator } from "./calibration";
import { OnsetTracker } from "./hygiene";
import { SustainedShift } from "./sustained";
import { defaultSeasonalPeriods, inferIntervalMs, slotIndices, TIME } from "./interval";
import { noiseFloor } from "./noise";
import { ContextNovelty, DEFAULT_NOVELTY, type NoveltyTuning } from "./novelty";
import { SortedWindow } from "./sorted-window";
import { calendarLagSlots } from "./recurrence";
import { bandWidthFor, scoreFromZ } from "./scoring";
import type { DetectorOptions, Direction, PointVerdict, SeriesKind } from "./types";

export interface DetectorTuning {
  /** Fraction of the expected value a count or amount must additionally fall by before a drop counts: holidays and quiet days halve traffic, outages zero it. */
  dropAllowance: number;
  /** Offsets stored for seasonal forecasts are clipped at this many sigmas so one outlier cannot haunt the same phase next cycle. */
  clipSigmas: number;
  /** An excess opens a new incident only if it beats the recent maximum by this factor. */
  escalation: number;
  /** Score multiplier for points that continue an incident. */
  continuationDamp: number;
  /** How far back "recent" reaches for sub-daily data, in hours. */
  suppressHours: number;
  /** ... and for daily or coarser data, in points. */
  suppressPointsDaily: number;
  /** Tail calibration: quantile of past excesses compared with the Gaussian one. */
  tailQuantile: number;
  tailMinCount: number;
  tailHorizon: number;
  /** Tail calibration widens only when at least this many excesses (within the horizon) lie in the tail. */
  tailMinPoints: number;
  /** Daily or coarser data: tail calibration ignores the first this-many longest seasonal cycles. */
  tailWarmupCycles: number;
  /** Kinds whose noise is taken as multiplicative (errors measured relative to the forecast). */
  relativeKinds: SeriesKind[];
  /** Relative errors are measured against at least this fraction of the level. */
  relativeFloor: number;
  /**
   * Pick the model with the smallest mean (not median) recent error: a median is
   * blind to a pattern in a minority of phases (a flat forecast has a small median
   * error on a series whose weekends, 2 days in 7, are all wrong).
   */
  chooseByMeanError: boolean;
  /** Short cycles (a week of daily points): the level is the median over this many cycles, a steadier estimate than one cycle's. */
  shortCycleLevelCycles: number;
  /** Longest error history (points) behind a model's band width. */
  maxErrorWindow: number;
  /** Points averaged by the sustained-shift statistic for daily or coarser data (0 disables it). */
  sustainPoints: number;
  /** For sub-daily data: the averaging span in hours (points = span / interval, at least 3). */
  sustainHours: number;
  /** Context novelty (see novelty.ts) runs for these kinds only ... */
  noveltyKinds: SeriesKind[];
  /** ... sampled at least this often (ms): a gauge read every few minutes has the history a context dictionary needs. */
  noveltyMaxIntervalMs: number;
  novelty: NoveltyTuning;
  /** A point is a novelty event when this share of its contexts (order-weighted) is new; 1 = even its last transition between levels is. */
  noveltyEventLevel: number;
  /** ... and its band score is at least this (a new transition deep inside the noise is not an incident). */
  noveltyMinBandScore: number;
  /** Score of a novelty event (the point's band score if higher). */
  noveltyScore: number;
  /** Points after a novelty event during which novelty is silent (CAD's rest period). */
  noveltyRestPoints: number;
  /** Where novelty runs, the band is this many times wider: novelty catches the shape changes a narrow band was there for, and a wide band alone catches the rest with fewer false alarms. */
  noveltyBandFactor: number;
  /** Also look for novel contexts in the sequence of point-to-point changes. */
  noveltyOfChanges: boolean;
  /** Band score a novel change needs to count (the changes of pure noise reach new extremes now and then). */
  changeNoveltyMinBandScore: number;
  /** Where novelty runs: points after any alarm during which no further alarm is raised (one alarm per incident). */
  alarmRestPoints: number;
  /**
   * Where novelty runs: the score carries the alarm decision at the default sensitivity
   * (alarms score >= 0.5, everything else below), so one threshold over the score can
   * reproduce is_anomaly, alarm rest included.
   */
  scoreCarriesAlarm: boolean;
  /** ... and points inside an alarm's rest period keep this fraction of their (halved) score. */
  restScoreDamp: number;
  /** Where novelty runs: an excess no larger than familiarFactor x the largest of the last familiarWindow points is a familiar magnitude (0 = off). */
  familiarWindow: number;
  familiarFactor: number;
  /** Alarm score multiplier for a familiar magnitude (within [0.5, 1]) ... */
  familiarDamp: number;
  /** ... or, when set, a familiar magnitude does not alarm at all. */
  familiarSuppresses: boolean;
  /** Where novelty runs: an alarm within this many points of the previous alarm (beyond the rest) is a frequent one (0 = off) ... */
  frequentWindow: number;
  /** ... its alarm score multiplier, and whether novelty events count (band alarms always do). */
  frequentDamp: number;
  frequentNoveltyOnly: boolean;
  /** A band alarm that is both familiar and frequent does not alarm at all. */
  quietFamiliarFrequent: boolean;
  /** Where novelty runs: a run of unchanged values longer than flatRunFactor x the longest earlier run (and at least flatMinRun points) is an event (0 = off). */
  flatRunFactor: number;
  flatMinRun: number;
  /**
   * Value novelty on log1p(value) when the first novelty.minHistory values are all
   * non-negative integers (a count-like gauge: tweets per 5 minutes, requests): levels
   * of a bursty count's range then tell quiet, busy and burst apart instead of putting
   * everything but the bursts into the lowest level.
   */
  noveltyLogCounts: boolean;
  /** ... and the change dictionary quantises sign(change) x log1p(|change|) there (not the change of the logs: round 19). */
  changeNoveltyLogCounts: boolean;
  /** ... with this many quantisation levels (log-scaled changes: a coarse split of small, medium, large is enough; round 22). */
  countLikeChangeLevels: number;
  /**
   * Count-like gauges (as above) get the Poisson noise floor of kind "count" from the
   * decision point on: an integer series' quiet hours otherwise have a residual scale
   * far below the sqrt(mean) noise every count carries.
   */
  countLikePoissonFloor: boolean;
  /**
   * Where novelty runs (round 23): a band alarm scores 0.5 + 1/2 x (its percentile among
   * this series' own earlier out-of-band excesses, at the default width) x the familiar /
   * frequent multipliers, instead of 1/2 x its raw score. The raw score saturates near 1
   * for every alarm of a bursty series and of a calm one alike; ranked within its own
   * series, an alarm of a bursty series is no longer as high as a calm series' first one,
   * so one optimised threshold fits both. is_anomaly is unchanged.
   */
  alarmPercentile: boolean;
  /** ... over the last this-many out-of-band excesses (bounded memory and time). */
  alarmPercentileMemory: number;
}

export const DEFAULT_TUNING: DetectorTuning = {
  dropAllowance: 0.4,
  clipSigmas: 3,
  escalation: 1.3,
  continuationDamp: 0.35,
  suppressHours: 12,
  suppressPointsDaily: 3,
  tailQuantile: 0.99,
  tailMinCount: 100,
  tailHorizon: 5000,
  tailMinPoints: 4,
  tailWarmupCycles: 5,
  relativeKinds: ["amount", "duration"],
  relativeFloor: 0.25,
  chooseByMeanError: true,
  shortCycleLevelCycles: 2,
  maxErrorWindow: 600,
  sustainPoints: 0,
  sustainHours: 1,
  noveltyKinds: ["gauge"],
  noveltyMaxIntervalMs: TIME.HOUR,
  novelty: DEFAULT_NOVELTY,
  noveltyEventLevel: 1,
  noveltyMinBandScore: 0.05,
  noveltyScore: 1,
  noveltyRestPoints: 100,
  alarmRestPoints: 100,
  noveltyBandFactor: 1.25,
  noveltyOfChanges: true,
  changeNoveltyMinBandScore: 0.15,
  scoreCarriesAlarm: true,
  restScoreDamp: 0.2,
  familiarWindow: 1000,
  familiarFactor: 1,
  familiarDamp: 0.5,
  familiarSuppresses: false,
  frequentWindow: 400,
  frequentDamp: 0.5,
  frequentNoveltyOnly: false,
  quietFamiliarFrequent: true,
  flatRunFactor: 1,
  flatMinRun: 72,
  noveltyLogCounts: true,
  changeNoveltyLogCounts: true,
  countLikeChangeLevels: 3,
  countLikePoissonFloor: true,
  alarmPercentile: true,
  alarmPercentileMemory: 1000,
};

/** Two-sided Gaussian quantile: P(|Z| <= q) = p. */
function gaussianAbsQuantile(p: number): number {
  // Acklam-free shortcut: the few quantiles we use, else a bisection on erf.
  let lo = 0;
  let hi = 10;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (erf(mid / Math.SQRT2) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function erf(x: number): number {
  // Abramowitz-Stegun 7.1.26, plenty for picking a calibration constant.
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return x >= 0 ? y : -y;
}

interface Model {
  candidates: SeasonalCandidate[];
  levels: LevelTracker[];
  /** A raw trailing window whose spread stands in for the error scale during warm-up. */
  spread: LevelTracker;
  periods: number[];
}

function buildModel(periods: number[], intervalMs: number, size: number, xs: Float64Array, t: DetectorTuning): Model {
  const maxErrorWindow = t.maxErrorWindow;
  const raw = new Map<number, LevelTracker>();
  const level = (w: number) => {
    let l = raw.get(w);
    if (!l) {
      l = new LevelTracker(w, size, xs);
      raw.set(w, l);
    }
    return l;
  };
  const usable = periods.filter((p) => Number.isInteger(p) && p >= 2 && p < size).sort((a, b) => a - b);
  const longest = Math.max(15, ...usable);
  const errorWindow = Math.min(maxErrorWindow, Math.max(28, 4 * longest));
  const candidates: SeasonalCandidate[] = [
    new SeasonalCandidate(1, 3, level(5), errorWindow, 5, false, size),
    new SeasonalCandidate(1, 8, level(24), errorWindow, 10, false, size),
  ];
  for (const p of usable) {
    const cycleDays = (p * intervalMs) / TIME.DAY;
    const K = cycleDays >= 6 ? (p >= 100 ? 3 : 4) : p >= 200 ? 5 : 7;
    candidates.push(new SeasonalCandidate(p, K, level(p < 24 ? t.shortCycleLevelCycles * p : p), errorWindow, Math.min(p, 28), p >= 24, size));
  }
  const levels = [...raw.values()];
  return { candidates, levels, spread: levels[levels.length - 1], periods: usable };
}

function defaultMinHistory(intervalMs: number): number {
  return intervalMs >= 0.9 * TIME.DAY ? 7 : 24;
}

function suppressionWindow(intervalMs: number, t: DetectorTuning): number {
  if (intervalMs >= 0.9 * TIME.DAY) return t.suppressPointsDaily;
  return Math.max(3, Math.min(2000, Math.round((t.suppressHours * TIME.HOUR) / intervalMs)));
}

/** Excess beyond [lo, hi] in sigmas, in the allowed directions, after the slack. */
function excessZ(x: number, lo: number, hi: number, scale: number, up: boolean, down: boolean, upSlack: number, downSlack: number): number {
  let z = 0;
  if (up) z = Math.max(z, (x - hi - upSlack) / scale);
  if (down) z = Math.max(z, (lo - x - downSlack) / scale);
  return z;
}

export function detectSeries(timestamps: number[], values: (number | null)[], options: DetectorOptions = {}): PointVerdict[] {
  return detectSeriesTuned(timestamps, values, options, DEFAULT_TUNING);
}

/** detectSeries with explicit internal constants; for experiments and the benchmark log. */
export function detectSeriesTuned(timestamps: number[], values: (number | null)[], options: DetectorOptions, tuning: DetectorTuning): PointVerdict[] {
  const n = timestamps.length;
  if (values.length !== n) throw new Error(`detectSeries: ${n} timestamps but ${values.length} values`);
  const out: PointVerdict[] = new Array(n);
  if (n === 0) return out;

  const kind: SeriesKind = options.kind ?? "gauge";
  const direction: Direction = options.direction ?? (kind === "amount" || kind === "duration" ? "up" : "both");
  const allowUp = direction !== "down";
  const allowDown = direction !== "up";
  const sensitivity = options.sensitivity ?? 0.5;
  let k = bandWidthFor(sensitivity);
  const minDelta = Math.max(0, options.minAbsoluteDelta ?? 0);
  const denominators = options.denominators;

  const intervalMs = inferIntervalMs(timestamps);
  const { slots, size, gridded } = slotIndices(timestamps, intervalMs);
  const periods = options.seasonalPeriods ?? defaultSeasonalPeriods(intervalMs);
  const minHistory = Math.max(1, options.minHistory ?? defaultMinHistory(intervalMs));
  const supWindow = suppressionWindow(intervalMs, tuning);
  const onsets = new OnsetTracker(supWindow, tuning.escalation);
  const familiar = tuning.familiarWindow > 0 ? new OnsetTracker(tuning.familiarWindow, tuning.familiarFactor) : null;
  // Daily points are few and far apart: a run of three noisy days is common, and a
  // real daily shift is large enough to show in one point.
  const sustainN = intervalMs >= 0.9 * TIME.DAY ? tuning.sustainPoints : tuning.sustainHours > 0 ? Math.max(3, Math.min(48, Math.round((tuning.sustainHours * TIME.HOUR) / intervalMs))) : 0;
  const sustained = sustainN > 1 ? new SustainedShift(sustainN) : null;
  const sustainedTails = new TailCalibrator(tuning.tailQuantile, gaussianAbsQuantile(tuning.tailQuantile), tuning.tailMinCount, tuning.tailHorizon, tuning.tailMinPoints);
  const tails = new TailCalibrator(tuning.tailQuantile, gaussianAbsQuantile(tuning.tailQuantile), tuning.tailMinCount, tuning.tailHorizon, tuning.tailMinPoints);

  const xs = new Float64Array(size).fill(NaN);
  const rowAt = new Int32Array(size).fill(-1);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    rowAt[slots[i]] = i;
    if (typeof v === "number" && Number.isFinite(v)) xs[slots[i]] = v;
  }

  const novelty = tuning.noveltyKinds.includes(kind) && intervalMs <= tuning.noveltyMaxIntervalMs ? new ContextNovelty(tuning.novelty) : null;
  if (novelty) k *= tuning.noveltyBandFactor;
  // Count-like = the first novelty.minHistory values are all non-negative integers. Decided
  // once that many values are seen: novelty scores nothing before (its dictionary only
  // learns them, on the chosen scale), and the Poisson floor applies from then on: causal.
  let countLike = false;
  let countLikeFrom = Infinity;
  if (novelty && (tuning.noveltyLogCounts || tuning.changeNoveltyLogCounts || tuning.countLikePoissonFloor)) {
    countLike = true;
    let seenValues = 0;
    for (let j = 0; j < size && seenValues < tuning.novelty.minHistory; j++) {
      const v = xs[j];
      if (!(v === v)) continue;
      seenValues++;
      if (v < 0 || !Number.isInteger(v)) {
        countLike = false;
        break;
      }
      countLikeFrom = j;
    }
    // Too short to decide: not count-like (and nothing decided from the future).
    if (seenValues < tuning.novelty.minHistory) countLike = false;
  }
  const nov = (v: number) => (countLike && tuning.noveltyLogCounts ? Math.log1p(v) : v);
  const changeNovelty = novelty && tuning.noveltyOfChanges ? new ContextNovelty(countLike && tuning.changeNoveltyLogCounts ? { ...tuning.novelty, levels: tuning.countLikeChangeLevels } : tuning.novelty) : null;
  let lastNoveltyEvent = -Infinity;
  let flatRun = 0;
  let longestFlatRun = 0;
  let flatFired = false;
  let validSeen = 0;
  let prevValid = NaN;
  let lastAlarm = -Infinity;
  // The alarm state at the default sensitivity, which the score reflects (the score
  // does not depend on the sensitivity; is_anomaly does).
  let lastDefaultAlarm = -Infinity;
  const kDefault = bandWidthFor(0.5) * tuning.noveltyBandFactor;
  const pastExcesses = new SortedWindow(64);
  const pastExcessRing = new Float64Array(Math.max(1, tuning.alarmPercentileMemory));
  let pastExcessHead = 0;

  const model = buildModel(periods, intervalMs, size, xs, tuning);
  const { candidates, levels } = model;
  // Daily data: until a few weeks have been seen the seasonal model is not proven and
  // the non-seasonal ones mistake every weekend for an incident; those errors say
  // nothing about the series' tails. (Finer data has thousands of points per cycle
  // count, and there the short-term models are good from the start.)
  const calibrationStart = intervalMs >= 0.9 * TIME.DAY ? tuning.tailWarmupCycles * Math.max(0, ...model.periods) : 0;
  // Raw residual and z of the chosen forecast per slot: what recurrence checks compare against.
  const pastResidual = new Float64Array(size).fill(NaN);
  const pastZ = new Float64Array(size).fill(NaN);
  const forecasts = new Float64Array(candidates.length);
  const t0 = timestamps[0];

  let seen = 0;
  let rateUnit = 1;
  // Money varies in proportion to its size (multiplicative noise); errors are then
  // measured relative to the forecast. The floor keeps a near-zero phase from
  // turning small absolute errors into huge relative ones.
  const relative = tuning.relativeKinds.includes(kind);
  const unitOf = (f: number, lvl: number) => (relative ? Math.max(Math.abs(f), tuning.relativeFloor * Math.abs(lvl)) + 1e-9 : 1);

  for (let j = 0; j < size; j++) {
    for (const l of levels) l.snapshot(j);
    const row = rowAt[j];
    const noveltyNow = novelty ? novelty.step(nov(xs[j])) : 0;
    const change = j > 0 ? xs[j] - xs[j - 1] : NaN;
    const changeNoveltyNow = changeNovelty ? changeNovelty.step(countLike && tuning.changeNoveltyLogCounts ? Math.sign(change) * Math.log1p(Math.abs(change)) : change) : 0;
    // A stuck value (a disk that stops writing, a metric that freezes) is inside any band;
    // what is new is that it has never stayed unchanged this long (round 18).
    let flatEvent = false;
    if (novelty && tuning.flatRunFactor > 0 && xs[j] === xs[j]) {
      const x = xs[j];
      if (x === prevValid) flatRun++;
      else {
        if (flatRun > longestFlatRun) longestFlatRun = flatRun;
        flatRun = 0;
        flatFired = false;
      }
      prevValid = x;
      validSeen++;
      if (!flatFired && validSeen >= tuning.novelty.minHistory && flatRun >= tuning.flatMinRun && flatRun > tuning.flatRunFactor * longestFlatRun) {
        flatFired = true;
        flatEvent = true;
      }
    }
    if (row >= 0) {
      const x = xs[j];
      const valid = x === x;
      let verdict: PointVerdict = { expected: null, lower: null, upper: null, score: 0, outOfBand: false, isAnomaly: false };

      // Forecast with every model; judge with the one that has been most accurate lately.
      let best = -1;
      let bestErr = Infinity;
      let fallback = -1;
      for (let c = 0; c < candidates.length; c++) {
        const cand = candidates[c];
        const f = cand.forecast(j, cand.level.level[j]);
        forecasts[c] = f;
        if (f !== f) continue;
        if (fallback < 0) fallback = c;
        if (cand.ready()) {
          const e = tuning.chooseByMeanError ? cand.meanError() : cand.scale();
          if (e < bestErr) {
            bestErr = e;
            best = c;
          }
        }
      }
      if (best < 0) best = fallback;

      if (best >= 0 && seen >= minHistory) {
        const cand = candidates[best];
        // Counts and money cannot go negative; a forecast below zero is the trend
        // correction overshooting on a quiet series.
        const nonNegative = kind === "count" || kind === "amount" || kind === "duration";
        const expected = nonNegative ? Math.max(0, forecasts[best]) : forecasts[best];
        let lo = expected;
        let hi = expected;
        if (cand.phaseTolerant) {
          // Accept the neighbouring phases too: absorbs clock shifts and jittery ramps.
          const lvl = cand.level.level[j];
          const a = cand.forecast(j - 1, lvl);
          const b = cand.forecast(j + 1, lvl);
          if (a === a) { lo = Math.min(lo, a); hi = Math.max(hi, a); }
          if (b === b) { lo = Math.min(lo, b); hi = Math.max(hi, b); }
          if (nonNegative && lo < 0) lo = 0;
        }
        const unit = unitOf(forecasts[best], cand.level.level[j]);
        let scale = cand.scale(unit);
        if (!(scale === scale) || cand.errorCount < 10) {
          // Too few errors yet: do not trust a tiny early error scale.
          const wide = model.spread;
          const spread = 1.4826 * wide.win.mad(wide.win.median());
          scale = scale === scale ? Math.max(scale, spread) : spread;
        }
        const den = denominators && row < denominators.length ? denominators[row] : null;
        if (valid && kind === "rate" && Math.abs(x) > 1.5) rateUnit = 100;
        scale = Math.max(scale === scale ? scale : 0, noiseFloor(countLike && tuning.countLikePoissonFloor && j >= countLikeFrom ? "count" : kind, Math.max(expected, cand.level.level[j]), typeof den === "number" && Number.isFinite(den) ? den : null, rateUnit));

        // Scale widened by how heavy this series' tails have proven to be.
        const noiseScale = scale;
        scale *= tails.factor();
        const dropAllowance = kind === "count" || kind === "amount" ? tuning.dropAllowance * Math.abs(expected) : 0;
        const downSlack = minDelta + dropAllowance;
        let shift = 0;
        let z = valid ? excessZ(x, lo, hi, scale, allowUp, allowDown, minDelta, downSlack) : 0;
        const rawZ = z;
        const residual = valid ? x - expected : NaN;

        if (z >= 0.5 * k && valid) {
          // A deviation seen at the same phase last cycle or the same calendar day of
          // an earlier month is a recurring charge/job, not a new incident.
          const lags: number[] = [];
          for (const p of model.periods) if (j - p >= 0) lags.push(j - p);
          if (gridded) for (const s of calendarLagSlots(timestamps[row], t0, intervalMs)) if (s < j) lags.push(s);
          let bestAdj = NaN;
          for (const q of lags) {
            const rq = pastResidual[q];
            const zq = pastZ[q];
            if (!(rq === rq) || !(zq >= 0.5 * k)) continue;
            if (Math.sign(rq) !== Math.sign(residual)) continue;
            const ratio = Math.abs(rq) / Math.abs(residual);
            if (ratio < 0.5 || ratio > 2) continue;
            if (!(bestAdj === bestAdj) || Math.abs(rq - residual) < Math.abs(bestAdj - residual)) bestAdj = rq;
          }
          if (bestAdj === bestAdj) {
            shift = Math.abs(bestAdj) > Math.abs(residual) ? residual : bestAdj;
            // The recurring amount is estimated from one earlier occurrence, which is as
            // noisy as this point: the difference of the two has sqrt(2) times the noise.
            z = excessZ(x, lo + shift, hi + shift, scale * Math.SQRT2, allowUp, allowDown, minDelta, downSlack);
          }
        }

        // A run of moderate excesses in one direction is as telling as one big one:
        // it is how sustained jumps in rates and slow-page episodes first show.
        let zSustained = 0;
        let rawSustained = 0;
        if (sustained && valid) {
          const upEx = (x - hi - minDelta) / noiseScale;
          const downEx = (lo - x - minDelta - dropAllowance) / noiseScale;
          const m = sustained.stat(upEx, downEx);
          rawSustained = Math.max(m.up, m.down);
          const dirStat = Math.max(allowUp ? m.up : 0, allowDown ? m.down : 0);
          zSustained = dirStat / (sustainedTails.factor() * (shift !== 0 ? 2 : 1));
        }
        z = Math.max(z, zSustained);

        // Alarm hygiene without a threshold: only an excess that clearly beats every
        // excess of the last few points opens an incident.
        const onset = onsets.isOnset(z);
        let score = scoreFromZ(z);
        if (!onset) score *= tuning.continuationDamp;
        const outOfBand = valid && z >= k && z > 0;

        const e = expected + shift;
        let lower = lo + shift - k * scale - minDelta - (allowDown ? dropAllowance : 0);
        const upper = hi + shift + k * scale + minDelta;
        if (nonNegative && lower < 0) lower = 0;
        let isAnomaly = outOfBand && onset;
        if (novelty) {
          // A magnitude this series reached in its recent past (a daily burst of a bursty
          // series) is no news.
          const familiarMagnitude = familiar !== null && !familiar.isOnset(z);
          if (familiarMagnitude && tuning.familiarSuppresses) isAnomaly = false;
          // A shape the series has never made (its last transition between levels is
          // new) is an incident even inside the band; rested like CAD's detector so a
          // new regime raises one event, not one per point while it is being learned.
          const novel = flatEvent || (noveltyNow >= tuning.noveltyEventLevel && score >= tuning.noveltyMinBandScore) || (changeNoveltyNow >= tuning.noveltyEventLevel && score >= tuning.changeNoveltyMinBandScore);
          let noveltyEvent = false;
          if (valid && novel && j - lastNoveltyEvent > tuning.noveltyRestPoints) {
            lastNoveltyEvent = j;
            score = Math.max(score, tuning.noveltyScore);
            isAnomaly = true;
            noveltyEvent = true;
          }
          if (isAnomaly && !noveltyEvent && tuning.quietFamiliarFrequent && familiarMagnitude && j - lastAlarm <= tuning.frequentWindow) isAnomaly = false;
          if (isAnomaly) {
            if (j - lastAlarm <= tuning.alarmRestPoints) isAnomaly = false;
            else lastAlarm = j;
          }
          if (tuning.scoreCarriesAlarm) {
            // The rest period and the wider band act on alarms; a threshold over the score
            // sees them only if the score says so: alarms (at the default sensitivity)
            // score in [0.5, 1], other points below 0.5, rested points far below.
            let alarmAtDefault = noveltyEvent || (valid && onset && z >= kDefault && z > 0 && !(familiarMagnitude && tuning.familiarSuppresses));
            if (alarmAtDefault && !noveltyEvent && tuning.quietFamiliarFrequent && familiarMagnitude && j - lastDefaultAlarm <= tuning.frequentWindow) alarmAtDefault = false;
            let frequent = false;
            if (alarmAtDefault) {
              if (j - lastDefaultAlarm <= tuning.alarmRestPoints) alarmAtDefault = false;
              else {
                frequent = j - lastDefaultAlarm <= tuning.frequentWindow && (noveltyEvent || !tuning.frequentNoveltyOnly);
                lastDefaultAlarm = j;
              }
            }
            // Causal: ranked against earlier excesses only; the first alarm ranks highest.
            if (alarmAtDefault && !noveltyEvent && tuning.alarmPercentile) score = (pastExcesses.countBelow(z) + 1) / (pastExcesses.size + 1);
            if (valid && z >= kDefault && tuning.alarmPercentile) {
              if (pastExcesses.size === pastExcessRing.length) pastExcesses.replace(pastExcessRing[pastExcessHead], z);
              else pastExcesses.insert(z);
              pastExcessRing[pastExcessHead] = z;
              pastExcessHead = (pastExcessHead + 1) % pastExcessRing.length;
            }
            if (alarmAtDefault) score = 0.5 + 0.5 * score * (familiarMagnitude && !noveltyEvent ? tuning.familiarDamp : 1) * (frequent ? tuning.frequentDamp : 1);
            else if (j - lastDefaultAlarm <= tuning.alarmRestPoints) score *= 0.5 * tuning.restScoreDamp;
            else score *= 0.5;
          }
        }
        verdict = {
          expected: e,
          lower,
          upper,
          score,
          outOfBand,
          isAnomaly,
        };
        if (valid) {
          pastResidual[j] = residual;
          pastZ[j] = rawZ;
          onsets.push(z);
          if (familiar) familiar.push(z);
          // Warm-up forecasts (no model proven yet) would teach the calibrator fake tails.
          // Measured against the band as shifted for a recurring event: a charge that is
          // predicted is not evidence of heavy tails.
          if (cand.ready() && seen >= calibrationStart) tails.add(Math.max(0, x - hi - shift, lo + shift - x) / noiseScale);
          if (sustained && cand.ready()) {
            sustained.push((x - hi - minDelta) / noiseScale, (lo - x - minDelta - dropAllowance) / noiseScale);
            sustainedTails.add(rawSustained);
          }
        }
      }
      out[row] = verdict;

      if (valid) {
        for (let c = 0; c < candidates.length; c++) {
          const cand = candidates[c];
          const lvl = cand.level.level[j];
          const f = forecasts[c];
          if (!(lvl === lvl)) continue;
          let off = x - lvl;
          if (f === f) {
            const err = Math.abs(x - f);
            const u = unitOf(f, lvl);
            const s = cand.scale(u);
            if (s === s && s > 0 && cand.errorCount >= 10) {
              const cap = tuning.clipSigmas * s;
              const predOff = f - lvl;
              if (off > predOff + cap) off = predOff + cap;
              else if (off < predOff - cap) off = predOff - cap;
            }
            cand.recordError(err, u);
          }
          cand.offsets[j] = off;
        }
        seen++;
      }
    }
    for (const l of levels) l.advance(j);
  }
  return out;
}
