// Incremental detection (issue 12). After judging a series the cloud job saves, per series,
// every engine's state as of a settled day (RESUME_MARGIN_DAYS before its last day), the
// incident still open then and the first day of its anomaly. The next run loads only the
// days after that checkpoint, continues the engines from it, and re-judges just those days:
// its cost follows the new data, not the history. Results are the same as a full run's
// (tests/api/incremental-detection.test.ts compares them), because the engines are resumed
// exactly (lib/detection: detectSeriesFrom, combineComponentsFrom) and anything that would
// make a full run judge earlier days differently forces one:
//  - a rollup row written on or before the checkpoint's day (DetectionChange, kept by database
//    triggers, so every writer counts: ingest, imports, seeds, hand-made SQL);
//  - other settings (sensitivity, floors) or another engine version (the settings key);
//  - the detection window moving past the series' first day (history over MAX_HISTORY_DAYS),
//    or a run with an earlier clock than the checkpoint's last day.
import { deserialize, serialize } from "node:v8";
import { config } from "@/lib/config";
import { isDetectorCheckpoint, isHierarchyState } from "@/lib/detection";
import { db, dbProvider } from "@/lib/db/client";
import { ensureDetectionChangeTriggers } from "@/lib/db/pg-detection-changes";
import { addDays, daysBetween } from "@/lib/time";
import type { AnomalyDraft } from "@/lib/anomalies/store";
import type { CloudAnomalyType } from "@/lib/vocabulary";
import type { EngineState, ResumeFrom } from "./evaluation";
import type { IncidentCarry } from "./incidents";

/**
 * Days re-judged on every run before a series' last day: recent bills are restated for days
 * (settlement), and a day inside the margin can change without forcing a rebuild. A checkpoint
 * also moves by at least this much at a time, so a run re-judges between 7 and 14 days.
 */
export const RESUME_MARGIN_DAYS = 7;

/** Bumped whenever the engine or the job judges differently: older checkpoints are then rebuilt. */
const CHECKPOINT_VERSION = 1;

/** The first day's figures of an anomaly whose incident is still open at the checkpoint. */
export type IncidentHead = Pick<AnomalyDraft, "actual" | "expected" | "expectedLower" | "expectedUpper" | "score" | "topServices">;

export interface SeriesCheckpointState extends ResumeFrom {
  version: number;
  settingsKey: string;
  /** The series' last day when the checkpoint was saved: a run whose window ends earlier rebuilds. */
  lastDay: string;
  incidents: IncidentCarry & { open: (NonNullable<IncidentCarry["open"]> & { startDay: string; lastDay: string; head: IncidentHead }) | null };
}

/** What the settings make of a series: a checkpoint made under others is not continued. */
export function settingsKey(type: CloudAnomalyType, metric: string): string {
  return JSON.stringify([CHECKPOINT_VERSION, type, metric, config.sensitivity, config.costFloor, config.serviceFloor]);
}

export function checkpointDayFor(lastDay: string): string {
  return addDays(lastDay, -RESUME_MARGIN_DAYS);
}

/** A series' own day of the week for moving its checkpoint (a stable hash of its key). */
function movingDayOf(seriesKey: string): number {
  let hash = 0;
  for (let i = 0; i < seriesKey.length; i++) hash = (hash * 31 + seriesKey.charCodeAt(i)) >>> 0;
  return hash % RESUME_MARGIN_DAYS;
}

/**
 * Whether this run moves a series' checkpoint from `throughDay` to `wantedDay`. A checkpoint
 * moves a week at a time (the runs in between re-judge a few more days instead of rewriting every
 * series' state each day: the write costs more than the days), on the series' own day of the
 * week: after a rebuild every checkpoint would otherwise move on the same day, and that run wrote
 * the whole organization's (27 MB for 100 providers: 1.3–1.5 s instead of 0.5). A run that missed
 * the series' day moves it at the next one, at most a week late.
 */
export function movesCheckpoint(seriesKey: string, throughDay: string, wantedDay: string): boolean {
  const gap = daysBetween(throughDay, wantedDay);
  if (gap <= 0) return false;
  if (gap >= RESUME_MARGIN_DAYS) return true;
  return (daysBetween("1970-01-01", wantedDay) + movingDayOf(seriesKey)) % RESUME_MARGIN_DAYS === 0;
}

/** The provider's pending change: the earliest rollup day written since the job last cleared it. */
export interface DataChange {
  fromDay: string;
  seq: number;
}

/** Whether changes are tracked: null until checked (once per process). */
let tracking: boolean | null = null;

/**
 * PostgreSQL keeps DetectionChange with triggers installed at run time (lib/db/pg-detection-changes.ts;
 * SQLite's come with its migration). Checked once per process: if they had to be installed,
 * writes may have gone unrecorded, so every checkpoint is dropped and the next runs rebuild. A
 * database user that may not create triggers gets full runs, not failed ones.
 */
async function ensureChangeTracking(): Promise<boolean> {
  if (tracking !== null) return tracking;
  if (dbProvider() !== "postgresql") return (tracking = true);
  try {
    if (await ensureDetectionChangeTriggers()) await db().seriesCheckpoint.deleteMany({});
    tracking = true;
  } catch (error) {
    console.error("[bandwatch] cannot install the change triggers incremental detection needs; every run judges every series in full", error);
    tracking = false;
  }
  return tracking;
}

/** The providers' pending changes; null when changes are not tracked (then no checkpoint may be continued). */
export async function readDataChanges(providerIds: number[]): Promise<Map<number, DataChange> | null> {
  if (!(await ensureChangeTracking())) return null;
  if (providerIds.length === 0) return new Map();
  const rows = await db().detectionChange.findMany({ where: { providerId: { in: providerIds } } });
  return new Map(rows.map((r) => [r.providerId, { fromDay: r.fromDay, seq: r.seq }]));
}

/**
 * Clears the changes the run has judged (one statement for many providers), unless another
 * write came in meanwhile (its seq moved on: the next run sees it).
 */
export async function clearDataChanges(changes: Array<DataChange & { providerId: number }>): Promise<void> {
  if (changes.length === 0) return;
  await db().detectionChange.deleteMany({ where: { OR: changes.map((c) => ({ providerId: c.providerId, seq: c.seq })) } });
}

function decode(text: string): SeriesCheckpointState | null {
  try {
    const value: unknown = deserialize(Buffer.from(text, "base64"));
    return isCheckpointState(value) ? value : null;
  } catch {
    return null; // unreadable (another Node version's format): rebuilt
  }
}

/**
 * Written by writeCheckpoints of this version; anything else (an older version, damage) is rebuilt.
 * The engines' parts are checked by the engine's own guards (lib/detection/checkpoint-guard.ts).
 */
function isCheckpointState(value: unknown): value is SeriesCheckpointState {
  return (
    typeof value === "object" &&
    value !== null &&
    "version" in value &&
    value.version === CHECKPOINT_VERSION &&
    "firstDay" in value &&
    typeof value.firstDay === "string" &&
    "throughDay" in value &&
    typeof value.throughDay === "string" &&
    "lastDay" in value &&
    typeof value.lastDay === "string" &&
    "services" in value &&
    value.services instanceof Map &&
    [...value.services.values()].every(isDetectorCheckpoint) &&
    "hierarchy" in value &&
    isHierarchyState(value.hierarchy) &&
    "hadHistory" in value &&
    value.hadHistory instanceof Set &&
    "started" in value &&
    value.started instanceof Set
  );
}

/** Every checkpoint of the organization, by series key (one read per run). */
export async function loadCheckpoints(orgId: string): Promise<Map<string, SeriesCheckpointState>> {
  const rows = await db().seriesCheckpoint.findMany({ where: { orgId }, select: { seriesKey: true, state: true } });
  const out = new Map<string, SeriesCheckpointState>();
  for (const row of rows) {
    const state = decode(row.state);
    if (state) out.set(row.seriesKey, state);
  }
  return out;
}

/**
 * Whether `saved` can continue a run at this window: same settings, nothing written on or
 * before its day since, the window still reaching back to the series' first day and ending
 * no earlier than the last run's data.
 */
export function canContinue(saved: SeriesCheckpointState | undefined, key: string, change: DataChange | undefined, window: { fromDay: string; untilDay: string }): saved is SeriesCheckpointState {
  if (!saved || saved.settingsKey !== key) return false;
  if (change && change.fromDay <= saved.throughDay) return false;
  return window.fromDay <= saved.firstDay && window.untilDay >= saved.lastDay;
}

const CHECKPOINT_WRITE_BATCH = 50;

export interface CheckpointWrite {
  ref: { orgId: string; providerId: number; seriesKey: string };
  /** The new checkpoint, or null: the series must not keep one (too short, or judged in full without one). */
  state: SeriesCheckpointState | null;
}

/**
 * Stores (or drops) many series' checkpoints of one organization: one delete and one insert,
 * however many series, inside one transaction (a reader sees the old checkpoint or the new one).
 */
export async function writeCheckpoints(orgId: string, writes: CheckpointWrite[], now: Date): Promise<void> {
  if (writes.length === 0) return;
  const rows = writes.flatMap((w) =>
    w.state ? [{ orgId, seriesKey: w.ref.seriesKey, providerId: w.ref.providerId, throughDay: w.state.throughDay, state: serialize(w.state).toString("base64"), updatedAt: now }] : [],
  );
  const keys = writes.map((w) => w.ref.seriesKey);
  // A checkpoint is tens of kilobytes: a few dozen per statement.
  const inserts = [];
  for (let i = 0; i < rows.length; i += CHECKPOINT_WRITE_BATCH) inserts.push(db().seriesCheckpoint.createMany({ data: rows.slice(i, i + CHECKPOINT_WRITE_BATCH) }));
  await db().$transaction([db().seriesCheckpoint.deleteMany({ where: { orgId, seriesKey: { in: keys } } }), ...inserts]);
}

export function checkpointState(engine: EngineState, base: { firstDay: string; lastDay: string; settingsKey: string }, incidents: SeriesCheckpointState["incidents"]): SeriesCheckpointState {
  return { version: CHECKPOINT_VERSION, ...base, ...engine, incidents };
}

/** A rebuild (`bandwatch detect --rebuild`): the next run judges these organizations' series from their first day. */
export async function forgetCheckpoints(orgIds: string[]): Promise<void> {
  await db().seriesCheckpoint.deleteMany({ where: { orgId: { in: orgIds } } });
}
