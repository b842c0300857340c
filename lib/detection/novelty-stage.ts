import { OnsetTracker, type OnsetTrackerState } from "./hygiene";
import { ContextNovelty, type ContextNoveltyState } from "./novelty";
import { dec, decInto, enc, encAll, type Num } from "./state";
import { bandWidthFor } from "./scoring";
import { SortedWindow } from "./sorted-window";
import type { DetectorTuning } from "./tuning";
import type { SeriesKind } from "./types";

/**
 * Stage 6 of detection, for gauges sampled hourly or faster: context novelty (a move the
 * series has never made), flat runs (a stuck metric), the alarm rest period, and the
 * score that carries the alarm decision at the default sensitivity.
 */
export interface NoveltyStageState {
  countLike: boolean | null;
  countLikeSlot: Num;
  decisionSeen: number;
  pending: Num[];
  values: ContextNoveltyState | null;
  changes: ContextNoveltyState | null;
  familiar: OnsetTrackerState | null;
  pastExcesses: Num[];
  pastExcessRing: Num[];
  pastExcessHead: number;
  scalars: Num[];
  flatFired: boolean;
}

export class NoveltyStage {
  /** The dictionaries, created once count-likeness is decided (null before). */
  private values: ContextNovelty | null = null;
  private changes: ContextNovelty | null = null;
  /**
   * Decided once, causally: a gauge is count-like when its first minHistory values are all
   * non-negative integers. null until decided; a series too short to tell is not count-like.
   */
  private countLike: boolean | null = null;
  /** The slot of the deciding value (Infinity: not count-like, or undecided). */
  private countLikeSlot = Infinity;
  private decisionSeen = 0;
  /**
   * Until decided, each slot's (value, change), replayed into the dictionaries then: they
   * learn log counts from the first value on, but score nothing before minHistory values,
   * so nothing was scored from them meanwhile.
   */
  private pending: number[] = [];
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

  static create(kind: SeriesKind, intervalMs: number, t: DetectorTuning): NoveltyStage | null {
    return t.noveltyKinds.includes(kind) && intervalMs <= t.noveltyMaxIntervalMs ? new NoveltyStage(t) : null;
  }

  private constructor(private readonly t: DetectorTuning) {
    if (!(t.noveltyLogCounts || t.changeNoveltyLogCounts || t.countLikePoissonFloor)) this.settleCountLike(false, Infinity);
    this.familiar = t.familiarWindow > 0 ? new OnsetTracker(t.familiarWindow, t.familiarFactor) : null;
    this.kDefault = bandWidthFor(0.5) * t.noveltyBandFactor;
    this.pastExcessRing = new Float64Array(Math.max(1, t.alarmPercentileMemory));
  }

  /** Kind whose noise floor applies at slot j: count-like gauges get Poisson's from the deciding value on. */
  floorKind(j: number, kind: SeriesKind): SeriesKind {
    return this.countLike === true && this.t.countLikePoissonFloor && j >= this.countLikeSlot ? "count" : kind;
  }

  private settleCountLike(countLike: boolean, slot: number): void {
    const t = this.t;
    this.countLike = countLike;
    this.countLikeSlot = countLike ? slot : Infinity;
    this.values = new ContextNovelty(t.novelty);
    this.changes = new ContextNovelty(countLike && t.changeNoveltyLogCounts ? { ...t.novelty, levels: t.countLikeChangeLevels } : t.novelty);
  }

  /** Feeds both dictionaries one slot's value and change; sets the novelty of this slot. */
  private learn(x: number, change: number): void {
    const t = this.t;
    if (!this.values || !this.changes) return;
    this.noveltyNow = this.values.step(this.countLike && t.noveltyLogCounts ? Math.log1p(x) : x);
    this.changeNoveltyNow = this.changes.step(this.countLike && t.changeNoveltyLogCounts ? Math.sign(change) * Math.log1p(Math.abs(change)) : change);
  }

  /** Streaming count-likeness: the value at slot j either settles it or waits with the pending ones. */
  private learnUndecided(j: number, x: number, change: number): void {
    this.pending.push(x, change);
    this.noveltyNow = 0;
    this.changeNoveltyNow = 0;
    if (x === x) {
      this.decisionSeen++;
      if (x < 0 || !Number.isInteger(x)) this.settleCountLike(false, Infinity);
      else if (this.decisionSeen >= this.t.novelty.minHistory) this.settleCountLike(true, j);
    }
    if (this.countLike === null) return;
    const replay = this.pending;
    this.pending = [];
    for (let i = 0; i < replay.length; i += 2) this.learn(replay[i], replay[i + 1]);
  }

  /** Runs for every slot, with or without a row: the dictionaries learn every value (`prev`: the slot before's, NaN at the first). */
  observe(j: number, x: number, prev: number): void {
    const t = this.t;
    const change = j > 0 ? x - prev : NaN;
    if (this.countLike === null) this.learnUndecided(j, x, change);
    else this.learn(x, change);
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

  save(): NoveltyStageState {
    return {
      countLike: this.countLike,
      countLikeSlot: enc(this.countLikeSlot),
      decisionSeen: this.decisionSeen,
      pending: encAll(this.pending),
      values: this.values?.save() ?? null,
      changes: this.changes?.save() ?? null,
      familiar: this.familiar?.save() ?? null,
      pastExcesses: this.pastExcesses.save(),
      pastExcessRing: encAll(this.pastExcessRing),
      pastExcessHead: this.pastExcessHead,
      scalars: encAll([this.noveltyNow, this.changeNoveltyNow, this.lastNoveltyEvent, this.flatRun, this.longestFlatRun, this.validSeen, this.prevValid, this.lastAlarm, this.lastDefaultAlarm, this.flatEvent ? 1 : 0]),
      flatFired: this.flatFired,
    };
  }

  load(s: NoveltyStageState): void {
    this.countLike = null;
    if (s.countLike !== null) this.settleCountLike(s.countLike, dec(s.countLikeSlot));
    this.decisionSeen = s.decisionSeen;
    this.pending = s.pending.map(dec);
    if (s.values) this.values?.load(s.values);
    if (s.changes) this.changes?.load(s.changes);
    if (s.familiar) this.familiar?.load(s.familiar);
    this.pastExcesses.load(s.pastExcesses);
    decInto(s.pastExcessRing, this.pastExcessRing);
    this.pastExcessHead = s.pastExcessHead;
    const v = s.scalars.map(dec);
    [this.noveltyNow, this.changeNoveltyNow, this.lastNoveltyEvent, this.flatRun, this.longestFlatRun, this.validSeen, this.prevValid, this.lastAlarm, this.lastDefaultAlarm] = v;
    this.flatEvent = v[9] === 1;
    this.flatFired = s.flatFired;
  }
}
