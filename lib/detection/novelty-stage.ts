import { OnsetTracker } from "./hygiene";
import { ContextNovelty } from "./novelty";
import { bandWidthFor } from "./scoring";
import { SortedWindow } from "./sorted-window";
import type { DetectorTuning } from "./tuning";
import type { SeriesKind } from "./types";

/**
 * Decide once, causally, whether a gauge is count-like: its first minHistory values are
 * all non-negative integers. Returns the slot of the deciding value, or -1 (not count-like,
 * or too short to tell: nothing is decided from the future).
 */
function countLikeFrom(xs: Float64Array, size: number, minHistory: number): number {
  let seen = 0;
  let from = -1;
  for (let j = 0; j < size && seen < minHistory; j++) {
    const v = xs[j];
    if (!(v === v)) continue;
    seen++;
    if (v < 0 || !Number.isInteger(v)) return -1;
    from = j;
  }
  return seen < minHistory ? -1 : from;
}

/**
 * Stage 6 of detection, for gauges sampled hourly or faster: context novelty (a move the
 * series has never made), flat runs (a stuck metric), the alarm rest period, and the
 * score that carries the alarm decision at the default sensitivity.
 */
export class NoveltyStage {
  private readonly values: ContextNovelty;
  private readonly changes: ContextNovelty;
  private readonly countLike: boolean;
  private readonly countLikeSlot: number;
  private readonly familiar: OnsetTracker | null;
  private readonly kDefault: number;
  private readonly pastExcesses = new SortedWindow(64);
  private readonly pastExcessRing: Float64Array;
  private pastExcessHead = 0;
  private noveltyNow = 0;
  private changeNoveltyNow = 0;
  private flatEvent = false;
  private lastNoveltyEvent = -Infinity;
  private flatRun = 0;
  private longestFlatRun = 0;
  private flatFired = false;
  private validSeen = 0;
  private prevValid = NaN;
  private lastAlarm = -Infinity;
  /** The alarm state at the default sensitivity, which the score reflects whatever the sensitivity asked for. */
  private lastDefaultAlarm = -Infinity;

  static create(kind: SeriesKind, intervalMs: number, xs: Float64Array, size: number, t: DetectorTuning): NoveltyStage | null {
    return t.noveltyKinds.includes(kind) && intervalMs <= t.noveltyMaxIntervalMs ? new NoveltyStage(xs, size, t) : null;
  }

  private constructor(xs: Float64Array, size: number, private readonly t: DetectorTuning) {
    const slot = t.noveltyLogCounts || t.changeNoveltyLogCounts || t.countLikePoissonFloor ? countLikeFrom(xs, size, t.novelty.minHistory) : -1;
    this.countLike = slot >= 0;
    this.countLikeSlot = slot >= 0 ? slot : Infinity;
    this.values = new ContextNovelty(t.novelty);
    this.changes = new ContextNovelty(this.countLike && t.changeNoveltyLogCounts ? { ...t.novelty, levels: t.countLikeChangeLevels } : t.novelty);
    this.familiar = t.familiarWindow > 0 ? new OnsetTracker(t.familiarWindow, t.familiarFactor) : null;
    this.kDefault = bandWidthFor(0.5) * t.noveltyBandFactor;
    this.pastExcessRing = new Float64Array(Math.max(1, t.alarmPercentileMemory));
  }

  /** Kind whose noise floor applies at slot j: count-like gauges get Poisson's from the deciding value on. */
  floorKind(j: number, kind: SeriesKind): SeriesKind {
    return this.countLike && this.t.countLikePoissonFloor && j >= this.countLikeSlot ? "count" : kind;
  }

  /** Runs for every slot, with or without a row: the dictionaries learn every value. */
  observe(j: number, xs: Float64Array): void {
    const t = this.t;
    const x = xs[j];
    this.noveltyNow = this.values.step(this.countLike && t.noveltyLogCounts ? Math.log1p(x) : x);
    const change = j > 0 ? x - xs[j - 1] : NaN;
    this.changeNoveltyNow = this.changes.step(this.countLike && t.changeNoveltyLogCounts ? Math.sign(change) * Math.log1p(Math.abs(change)) : change);
    this.flatEvent = false;
    // A stuck value (a disk that stops writing, a metric that freezes) is inside any band;
    // what is new is that it has never stayed unchanged this long (round 18).
    if (t.flatRunFactor <= 0 || x !== x) return;
    if (x === this.prevValid) this.flatRun++;
    else {
      if (this.flatRun > this.longestFlatRun) this.longestFlatRun = this.flatRun;
      this.flatRun = 0;
      this.flatFired = false;
    }
    this.prevValid = x;
    this.validSeen++;
    if (!this.flatFired && this.validSeen >= t.novelty.minHistory && this.flatRun >= t.flatMinRun && this.flatRun > t.flatRunFactor * this.longestFlatRun) {
      this.flatFired = true;
      this.flatEvent = true;
    }
  }

  /** The verdict of a judged point after novelty, familiarity and the rest period. */
  decide(j: number, valid: boolean, z: number, score: number, onset: boolean, isAnomaly: boolean): { score: number; isAnomaly: boolean } {
    const t = this.t;
    // A magnitude this series reached in its recent past (a daily burst of a bursty series) is no news.
    const familiarMagnitude = this.familiar !== null && !this.familiar.isOnset(z);
    // A shape the series has never made is an incident even inside the band; rested like
    // CAD's detector so a new regime raises one event, not one per point while it is learned.
    const novel = this.flatEvent || (this.noveltyNow >= t.noveltyEventLevel && score >= t.noveltyMinBandScore) || (this.changeNoveltyNow >= t.noveltyEventLevel && score >= t.changeNoveltyMinBandScore);
    let noveltyEvent = false;
    if (valid && novel && j - this.lastNoveltyEvent > t.noveltyRestPoints) {
      this.lastNoveltyEvent = j;
      score = Math.max(score, t.noveltyScore);
      isAnomaly = true;
      noveltyEvent = true;
    }
    if (isAnomaly && !noveltyEvent && t.quietFamiliarFrequent && familiarMagnitude && j - this.lastAlarm <= t.frequentWindow) isAnomaly = false;
    if (isAnomaly) {
      if (j - this.lastAlarm <= t.alarmRestPoints) isAnomaly = false;
      else this.lastAlarm = j;
    }
    if (t.scoreCarriesAlarm) score = this.carryAlarm(j, valid, z, score, onset, noveltyEvent, familiarMagnitude);
    return { score, isAnomaly };
  }

  /**
   * The rest period and the wider band act on alarms; a threshold over the score sees them
   * only if the score says so: alarms at the default sensitivity score in [0.5, 1], ranked
   * against this series' own earlier excesses, other points below 0.5, rested points far below.
   */
  private carryAlarm(j: number, valid: boolean, z: number, score: number, onset: boolean, noveltyEvent: boolean, familiarMagnitude: boolean): number {
    const t = this.t;
    let alarmAtDefault = noveltyEvent || (valid && onset && z >= this.kDefault && z > 0);
    if (alarmAtDefault && !noveltyEvent && t.quietFamiliarFrequent && familiarMagnitude && j - this.lastDefaultAlarm <= t.frequentWindow) alarmAtDefault = false;
    let frequent = false;
    if (alarmAtDefault) {
      if (j - this.lastDefaultAlarm <= t.alarmRestPoints) alarmAtDefault = false;
      else {
        frequent = j - this.lastDefaultAlarm <= t.frequentWindow;
        this.lastDefaultAlarm = j;
      }
    }
    // Causal: ranked against earlier excesses only; the first alarm ranks highest.
    if (alarmAtDefault && !noveltyEvent) score = (this.pastExcesses.countBelow(z) + 1) / (this.pastExcesses.size + 1);
    if (valid && z >= this.kDefault) this.rememberExcess(z);
    if (alarmAtDefault) return 0.5 + 0.5 * score * (familiarMagnitude && !noveltyEvent ? t.familiarDamp : 1) * (frequent ? t.frequentDamp : 1);
    if (j - this.lastDefaultAlarm <= t.alarmRestPoints) return score * (0.5 * t.restScoreDamp);
    return score * 0.5;
  }

  private rememberExcess(z: number): void {
    const ring = this.pastExcessRing;
    if (this.pastExcesses.size === ring.length) this.pastExcesses.replace(ring[this.pastExcessHead], z);
    else this.pastExcesses.insert(z);
    ring[this.pastExcessHead] = z;
    this.pastExcessHead = (this.pastExcessHead + 1) % ring.length;
  }

  /** After a valid judged point: its excess joins the familiar-magnitude memory. */
  remember(z: number): void {
    this.familiar?.push(z);
  }
}
