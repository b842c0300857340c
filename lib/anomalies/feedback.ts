// Issue 13: feedback is used. A "not accurate" verdict on an anomaly raises its series' band
// for deviations of a similar size for the next weeks: later drafts on the same series, in the
// same direction, within FEEDBACK_WINDOW_DAYS of the rejected anomaly and whose excess over
// expected is at most FEEDBACK_SIMILAR_FACTOR times the rejected one's, are not raised (and an
// existing one is withdrawn by a sync that removes stale anomalies). Larger deviations and
// anything after the window still alert. Documented in docs/detection.md ("Feedback").
import { db } from "@/lib/db/client";
import type { Direction } from "@/lib/vocabulary";

/** How long a "not accurate" verdict mutes look-alikes on its series. */
export const FEEDBACK_WINDOW_DAYS = 28;
/** How much larger than the rejected excess a deviation may be and still count as "similar". */
export const FEEDBACK_SIMILAR_FACTOR = 1.5;

const DAY_MS = 86_400_000;

interface SeriesDraft {
  seriesKey: string;
  periodStart: Date;
  actual: number;
  expected: number;
  direction: Direction;
}

interface Rejected {
  periodStart: Date;
  excess: number;
  direction: Direction;
}

/** Whether `draft` looks like an anomaly someone called not accurate on its series recently. */
export function isRejectedLookalike(draft: SeriesDraft, rejected: readonly Rejected[]): boolean {
  const excess = Math.abs(draft.actual - draft.expected);
  return rejected.some((r) => {
    const after = draft.periodStart.getTime() - r.periodStart.getTime();
    return after > 0 && after <= FEEDBACK_WINDOW_DAYS * DAY_MS && r.direction === draft.direction && excess <= FEEDBACK_SIMILAR_FACTOR * r.excess;
  });
}

/**
 * The "not accurate" verdicts on these series that still stand (the latest feedback on each
 * anomaly wins: marking it accurate again lifts the rule), grouped by series.
 */
async function standingRejections(orgId: string, seriesKeys: string[]): Promise<Map<string, Rejected[]>> {
  const events = await db().anomalyEvent.findMany({
    where: { orgId, action: "feedback", anomaly: { orgId, seriesKey: { in: seriesKeys } } },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { anomalyId: true, feedback: true, anomaly: { select: { seriesKey: true, periodStart: true, actual: true, expected: true, direction: true } } },
  });
  const latest = new Map<number, (typeof events)[number]>();
  for (const e of events) latest.set(e.anomalyId, e);
  const bySeries = new Map<string, Rejected[]>();
  for (const e of latest.values()) {
    if (e.feedback !== "not_accurate") continue;
    const list = bySeries.get(e.anomaly.seriesKey) ?? [];
    list.push({ periodStart: e.anomaly.periodStart, excess: Math.abs(e.anomaly.actual - e.anomaly.expected), direction: e.anomaly.direction });
    bySeries.set(e.anomaly.seriesKey, list);
  }
  return bySeries;
}

/** The drafts minus look-alikes of anomalies rejected as not accurate (see the header). */
export async function withoutRejectedLookalikes<D extends SeriesDraft>(orgId: string, drafts: D[]): Promise<D[]> {
  if (drafts.length === 0) return drafts;
  const rejections = await standingRejections(orgId, [...new Set(drafts.map((d) => d.seriesKey))]);
  if (rejections.size === 0) return drafts;
  return drafts.filter((d) => !isRejectedLookalike(d, rejections.get(d.seriesKey) ?? []));
}
