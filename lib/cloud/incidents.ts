// Groups a series' out-of-band days into incidents (one anomaly each). Resumable: an
// incremental run (lib/cloud/resume.ts) carries the incident still open at its checkpoint
// into the next window, so grouping a window after a checkpoint gives what grouping the
// whole history gives.
import type { TotalVerdict } from "@/lib/detection";

/** In-band days (with data) after which a cloud incident is resolved. */
export const RESOLVE_DAYS = 2;

/** One incident: its first out-of-band day carries the anomaly; later ones extend it. */
export interface DailyIncident {
  /** Index of its first day in the evaluated days; -1 for an incident carried in from before them. */
  start: number;
  last: number;
  direction: "up" | "down";
  /** Sum of actual − expected over its out-of-band days (negative for a drop). */
  impact: number;
  /** Index of the day that resolved it (the RESOLVE_DAYS-th in-band day), or null while open. */
  resolvedAt: number | null;
}

/** The grouping's state after a day: the open incident (if any) and the in-band days since its last excess. */
export interface IncidentCarry {
  open: { direction: "up" | "down"; impact: number } | null;
  inBand: number;
}

export interface TrackedIncidents {
  incidents: DailyIncident[];
  /** The state right after index `snapshotAt` (null when not asked for). */
  snapshot: (IncidentCarry & { openIncident: DailyIncident | null }) | null;
}

/**
 * Groups out-of-band days into incidents: a run of out-of-band days (in one direction)
 * separated by fewer than RESOLVE_DAYS in-band days is one incident. Days without data
 * neither extend nor resolve. `carry` continues an incident open before these days (its
 * incident has start and last -1 until it is extended).
 */
export function trackIncidents(
  total: (number | null)[],
  verdicts: TotalVerdict[],
  options: { resolveDays?: number; carry?: IncidentCarry; snapshotAt?: number } = {},
): TrackedIncidents {
  const resolveDays = options.resolveDays ?? RESOLVE_DAYS;
  const incidents: DailyIncident[] = [];
  let open: DailyIncident | null = null;
  let inBand = 0;
  if (options.carry?.open) {
    open = { start: -1, last: -1, direction: options.carry.open.direction, impact: options.carry.open.impact, resolvedAt: null };
    incidents.push(open);
    inBand = options.carry.inBand;
  }
  let snapshot: TrackedIncidents["snapshot"] = null;
  const snapshotAt = options.snapshotAt ?? -1;
  for (let i = 0; i < verdicts.length; i++) {
    const v = verdicts[i];
    const actual = total[i];
    if (actual !== null && v.expected !== null) {
      if (v.outOfBand && v.direction) {
        if (open && open.direction !== v.direction) {
          open.resolvedAt = i; // the series turned the other way: that incident is over
          open = null;
        }
        if (!open) incidents.push((open = { start: i, last: i, direction: v.direction, impact: 0, resolvedAt: null }));
        open.last = i;
        open.impact += actual - v.expected;
        inBand = 0;
      } else if (open && ++inBand >= resolveDays) {
        open.resolvedAt = i;
        open = null;
      }
    }
    // A copy: the open incident goes on changing after the snapshot.
    if (i === snapshotAt) snapshot = { open: open && { direction: open.direction, impact: open.impact }, inBand: open ? inBand : 0, openIncident: open && { ...open } };
  }
  return { incidents, snapshot };
}

export function findDailyIncidents(total: (number | null)[], verdicts: TotalVerdict[], resolveDays = RESOLVE_DAYS): DailyIncident[] {
  return trackIncidents(total, verdicts, { resolveDays }).incidents;
}
