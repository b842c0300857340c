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
 * Which way a move is a problem, by kind: spend and latency up (a cost drop is judged
 * by the drop allowance only when asked for), traffic and rates both ways.
 */
const DEFAULT_DIRECTION: Record<UserKind, Direction> = { cost: "up", count: "both", rate: "both", duration: "up", gauge: "both" };

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

/** Detector options for a user kind (and an optional direction override). */
export function optionsForUserKind(kind: UserKind, direction?: Direction): Pick<DetectorOptions, "kind" | "direction"> {
  return { kind: ENGINE_KIND[kind], direction: direction ?? DEFAULT_DIRECTION[kind] };
}
