import { inferIntervalMs, TIME } from "./interval";
import type { DetectorOptions, Direction, SeriesKind } from "./types";

/** What a user names a series as on the command line (`detect-series --kind`). */
export const USER_KINDS = ["cost", "count", "rate", "duration", "gauge"] as const;
export type UserKind = (typeof USER_KINDS)[number];

export function isUserKind(s: string): s is UserKind {
  return (USER_KINDS as readonly string[]).includes(s);
}

const ENGINE_KIND: Record<UserKind, SeriesKind> = { cost: "amount", count: "count", rate: "rate", duration: "duration", gauge: "gauge" };

/**
 * Which way a move is a problem, by kind: latency up; spend both ways (spend falling to
 * zero is an account suspended or an export broken; a drop must also exceed the 40 %
 * drop allowance, so holidays and quiet days pass), traffic and rates both ways.
 */
const DEFAULT_DIRECTION: Record<UserKind, Direction> = { cost: "both", count: "both", rate: "both", duration: "up", gauge: "both" };

/**
 * Smallest excess that counts, by kind, in the series' unit: a cost day must be beyond
 * its band by at least 10 (dollars), like the cost job's BANDWATCH_COST_FLOOR default,
 * so a tiny service moving a few dollars never alarms.
 */
export const DEFAULT_MIN_DELTA: Record<UserKind, number> = { cost: 10, count: 0, rate: 0, duration: 0, gauge: 0 };

/**
 * Guess the kind of a series from its values and sampling interval, causally safe
 * because it only picks the noise model, never a verdict:
 * - daily (or coarser) non-negative data is spend (`cost`), or `count` when every value is an integer;
 * - hourly data: non-negative integers are `count`, fractions in [0, 1] are a `rate`;
 * - anything else, and everything sampled faster than every 45 minutes, is a `gauge`
 *   (machine metrics, whose own detector refinements need the fine grain).
 */
export function inferUserKind(timestamps: number[], values: (number | null)[]): UserKind {
  const interval = inferIntervalMs(timestamps);
  if (interval < 0.75 * TIME.HOUR) return "gauge";
  let integers = true;
  let nonNegative = true;
  let unit = true;
  let seen = 0;
  for (const v of values) {
    if (v === null || !Number.isFinite(v)) continue;
    seen++;
    if (v < 0) nonNegative = false;
    if (!Number.isInteger(v)) integers = false;
    if (v < 0 || v > 1) unit = false;
  }
  if (seen === 0 || !nonNegative) return "gauge";
  if (integers) return "count";
  if (interval >= 0.9 * TIME.DAY) return "cost";
  return unit ? "rate" : "gauge";
}

/** Detector options for a user kind, with optional direction and floor overrides. */
export function optionsForUserKind(kind: UserKind, direction?: Direction, minDelta?: number): Pick<DetectorOptions, "kind" | "direction" | "minAbsoluteDelta"> {
  return { kind: ENGINE_KIND[kind], direction: direction ?? DEFAULT_DIRECTION[kind], minAbsoluteDelta: minDelta ?? DEFAULT_MIN_DELTA[kind] };
}
