import { DEFAULT_NOVELTY, type NoveltyTuning } from "./novelty";
import { TIME } from "./interval";
import type { SeriesKind } from "./types";

/**
 * The detector's internal constants, each measured on NAB and the business benchmark
 * (docs/detection.md, experiment log). Experiments pass a modified copy to
 * detectSeriesTuned; the product always runs DEFAULT_TUNING.
 */
export interface DetectorTuning {
  /** Fraction of the expected value a count or amount must additionally fall by before a drop counts: holidays and quiet days halve traffic, outages zero it. */
  dropAllowance: number;
  /** The drop allowance and the band's k sigma add in quadrature instead of end to end (see SeriesDetector.dropSlack). */
  dropQuadrature: boolean;
  /** How long (days) the band before an incident is remembered so the return to it is a recovery, not an alarm (0 = off; see RecoveryMemory) ... */
  recoveryDays: number;
  /** ... at most this many points. Not where context novelty runs: its alarm rest already covers a recovery (measured: no change on the infra family). */
  recoveryMaxPoints: number;
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
  /**
   * Seasonal models with a period of at least this many points judge a point with the
   * larger of their overall noise and the noise at its own phase over the last
   * phaseNoiseCycles cycles (0 = off; business round 3).
   */
  phaseNoiseMinPeriod: number;
  phaseNoiseCycles: number;
  /** ... for data sampled at most this often (ms): a website's hours, not a machine's minutes (NAB standard fell from 75.3 to 74.0 with it on 5-minute data, to 74.3 with 30-minute data included). */
  phaseNoiseMinIntervalMs: number;
  /**
   * Counts judged downwards: a value is also tested against the lowest level a quiet day or
   * a holiday plausibly reaches (this fraction of expected) with Poisson noise at that level,
   * so an outage (traffic at 5 %) is caught even where the band is wide (0 = off; business
   * round B13). The band's own noise is learned over all hours and, at night or on a noisy
   * weekly model, is several times the Poisson noise of the hour.
   */
  collapseLevel: number;
  /** ... with that Poisson noise widened for overdispersion: sd = sqrt(level) + 1 + this x level. */
  collapseOverdispersion: number;
  /**
   * Counts judged by a model with a period of several days (hourly data: the weekly one):
   * the noise is the mean absolute error at the same time of day over this many days,
   * replacing the overall noise (0 = off; business round B14). The overall noise mixes
   * busy afternoons with quiet nights, and the weekly phase's own noise needs three weeks.
   */
  countDayPhaseDays: number;
  /**
   * Daily data: tail calibration learns only from the first point of an out-of-band run:
   * ten days of spend at zero are one incident, not ten pieces of evidence that this
   * series has heavy tails (business round 10; on all data it cost infra, round B2c).
   */
  dailyTailsOnsetOnly: boolean;
  /** Relative kinds (money, durations): a recurring deviation is rescaled by the ratio of today's expected value to the earlier one's (business round 11). */
  recurScaled: boolean;
  /** Kinds whose noise is taken as multiplicative (errors measured relative to the forecast). */
  relativeKinds: SeriesKind[];
  /** Relative errors are measured against at least this fraction of the level. */
  relativeFloor: number;
  /** Short cycles (a week of daily points): the level is the median over this many cycles, a steadier estimate than one cycle's. */
  shortCycleLevelCycles: number;
  /** Longest error history (points) behind a model's band width. */
  maxErrorWindow: number;
  /** For sub-daily data: the averaging span in hours (points = span / interval, at least 3). */
  sustainHours: number;
  /** Context novelty (see novelty.ts) runs for these kinds only ... */
  noveltyKinds: SeriesKind[];
  /**
   * ... sampled at least this often (ms): a gauge read every few minutes has the history a
   * context dictionary needs. Hourly gauges (a website's load time) are judged by the band
   * alone since business round 12 (was one hour): web F1 0.64 -> 0.69, load-time false alarms
   * 39 -> 1, NAB 75.3 -> 74.1 (its hourly ad-exchange and temperature files).
   */
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
  /** Where novelty runs: an alarm within this many points of the previous alarm (beyond the rest) is a frequent one (0 = off) ... */
  frequentWindow: number;
  /** ... and its alarm score multiplier. */
  frequentDamp: number;
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
   * frequent multipliers, ranked over the last this-many excesses (bounded memory and time).
   * The raw score saturates near 1 for every alarm of a bursty series and of a calm one
   * alike; ranked within its own series, one optimised threshold fits both.
   */
  alarmPercentileMemory: number;
}

export const DEFAULT_TUNING: DetectorTuning = {
  dropAllowance: 0.6,
  dropQuadrature: true,
  recoveryDays: 31,
  recoveryMaxPoints: 2000,
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
  phaseNoiseMinPeriod: 24,
  phaseNoiseCycles: 14,
  phaseNoiseMinIntervalMs: 50 * TIME.MINUTE,
  collapseLevel: 0.4,
  collapseOverdispersion: 0.05,
  countDayPhaseDays: 7,
  dailyTailsOnsetOnly: true,
  recurScaled: true,
  relativeKinds: ["amount", "duration"],
  relativeFloor: 0.25,
  shortCycleLevelCycles: 2,
  maxErrorWindow: 600,
  sustainHours: 1,
  noveltyKinds: ["gauge"],
  noveltyMaxIntervalMs: 30 * TIME.MINUTE,
  novelty: DEFAULT_NOVELTY,
  noveltyEventLevel: 1,
  noveltyMinBandScore: 0.06,
  noveltyScore: 1,
  noveltyRestPoints: 100,
  alarmRestPoints: 100,
  noveltyBandFactor: 1.25,
  changeNoveltyMinBandScore: 0.15,
  scoreCarriesAlarm: true,
  restScoreDamp: 0.2,
  familiarWindow: 1000,
  familiarFactor: 1,
  familiarDamp: 0.5,
  frequentWindow: 400,
  frequentDamp: 0.5,
  quietFamiliarFrequent: true,
  flatRunFactor: 1,
  flatMinRun: 72,
  noveltyLogCounts: true,
  changeNoveltyLogCounts: true,
  countLikeChangeLevels: 3,
  countLikePoissonFloor: true,
  alarmPercentileMemory: 1000,
};

