/**
 * Runtime checks for checkpoints read back from storage (JSON.parse gives unknown): a
 * stored checkpoint is used only after it is proven to have the shape the detector saves,
 * field by field, so callers never cast. The state's sizes are checked again on load
 * (a ring of the wrong capacity throws there).
 */
import type { SeasonalCandidateState, LevelTrackerState } from "./baseline";
import type { TailCalibratorState } from "./calibration";
import type { DetectorState, SeriesConfig } from "./detect";
import type { DropMemoryState, HierarchyState } from "./hierarchy";
import type { OnsetTrackerState, RecoveryMemoryState } from "./hygiene";
import type { ModelState } from "./model";
import type { ContextNoveltyState } from "./novelty";
import type { NoveltyStageState } from "./novelty-stage";
import type { CheckpointOptions, DetectorCheckpoint, GapCounts } from "./resume";
import type { Num, SlotRingState } from "./state";
import type { SustainedShiftState } from "./sustained";
import type { Direction, SeriesKind } from "./types";

type Check<T> = (x: unknown) => x is T;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
const num: Check<number> = (x): x is number => typeof x === "number";
const bool: Check<boolean> = (x): x is boolean => typeof x === "boolean";
const str: Check<string> = (x): x is string => typeof x === "string";
const enc: Check<Num> = (x): x is Num => typeof x === "number" || x === "NaN" || x === "Infinity" || x === "-Infinity" || x === "-0";

function oneOf<T extends string | number>(values: readonly T[]): Check<T> {
  return (x): x is T => values.some((v) => v === x);
}

function arrayOf<T>(check: Check<T>): Check<T[]> {
  return (x): x is T[] => Array.isArray(x) && x.every((v) => check(v));
}

function nullable<T>(check: Check<T>): Check<T | null> {
  return (x): x is T | null => x === null || check(x);
}

function pair<A, B>(a: Check<A>, b: Check<B>): Check<[A, B]> {
  return (x): x is [A, B] => Array.isArray(x) && x.length === 2 && a(x[0]) && b(x[1]);
}

/** An object with (at least) these fields, each passing its check. */
function shape<T>(fields: { [K in keyof T]-?: Check<T[K]> }): Check<T> {
  return (x): x is T => {
    if (!isRecord(x)) return false;
    for (const key in fields) {
      const check: Check<unknown> = fields[key];
      if (!check(x[key])) return false;
    }
    return true;
  };
}

const encs = arrayOf(enc);
const slotRing = shape<SlotRingState>({ latest: num, data: encs });
const tails = shape<TailCalibratorState>({ hist: arrayOf(pair(num, enc)), total: enc, cached: enc, sinceUpdate: num });
const onsets = shape<OnsetTrackerState>({ idx: arrayOf(num), val: encs, n: num });
const recovery = shape<RecoveryMemoryState>({ lastLower: enc, lastUpper: enc, anchorLower: enc, anchorUpper: enc, anchorUp: bool, anchorUntil: num });
const sustained = shape<SustainedShiftState>({ up: encs, down: encs, head: num, count: num, sumUp: enc, sumDown: enc });
const level = shape<LevelTrackerState>({ win: encs, level: enc, held: enc, covered: bool });
const candidate = shape<SeasonalCandidateState>({ offsets: slotRing, slotErrors: nullable(slotRing), errors: nullable(encs), ring: encs, head: num, count: num, sum: enc });
const model = shape<ModelState>({ xs: slotRing, levels: arrayOf(level), candidates: arrayOf(candidate) });
const contextNovelty = shape<ContextNoveltyState>({ maps: arrayOf(arrayOf(pair(num, num))), history: encs, valid: num, obsLo: enc, obsHi: enc, qLo: enc, qWidth: enc, recent: arrayOf(num) });
const novelty = shape<NoveltyStageState>({
  countLike: nullable(bool),
  countLikeSlot: enc,
  decisionSeen: num,
  pending: encs,
  values: nullable(contextNovelty),
  changes: nullable(contextNovelty),
  familiar: nullable(onsets),
  pastExcesses: encs,
  pastExcessRing: encs,
  pastExcessHead: num,
  scalars: encs,
  flatFired: bool,
});
const pastEntry: Check<[number, Num, Num, Num]> = (x): x is [number, Num, Num, Num] => Array.isArray(x) && x.length === 4 && num(x[0]) && enc(x[1]) && enc(x[2]) && enc(x[3]);
const detectorState = shape<DetectorState>({
  nextSlot: num,
  seen: num,
  rateUnit: num,
  model,
  novelty: nullable(novelty),
  onsets,
  recovery: nullable(recovery),
  tails,
  sustained: nullable(sustained),
  sustainedTails: tails,
  past: arrayOf(pastEntry),
});
const kinds: readonly SeriesKind[] = ["amount", "count", "rate", "duration", "gauge"];
const directions: readonly Direction[] = ["up", "down", "both"];
const options = shape<CheckpointOptions>({
  sensitivity: nullable(enc),
  kind: nullable(oneOf(kinds)),
  direction: nullable(oneOf(directions)),
  minAbsoluteDelta: nullable(enc),
  seasonalPeriods: nullable(encs),
  minHistory: nullable(enc),
});
const config = shape<SeriesConfig>({ intervalMs: num, t0: num, gridded: bool, periods: arrayOf(num), drift: num });
const gaps = shape<GapCounts>({ below: num, equal: num, above: num });

/** Whether a value read back from storage is a detector checkpoint (version 1). */
export const isDetectorCheckpoint: Check<DetectorCheckpoint> = shape<DetectorCheckpoint>({
  version: oneOf([1] as const),
  options,
  tuning: str,
  config,
  rows: num,
  lastTimestamp: enc,
  lastSlot: num,
  gaps,
  state: detectorState,
});

const dropMemory = shape<DropMemoryState>({ lastUpper: enc, upper: enc, until: num });

/** Whether a value read back from storage is a hierarchy state (version 1). */
export const isHierarchyState: Check<HierarchyState> = shape<HierarchyState>({
  version: oneOf([1] as const),
  nextIndex: num,
  components: arrayOf(shape<HierarchyState["components"][number]>({ key: str, seen: bool, memory: dropMemory })),
  total: dropMemory,
  previousOutOfBand: bool,
});
