// Bottom-up bands for a total made of components (a provider's spend = the sum of its
// services; a provider's latency = the mean over its services). Each component is
// judged against its own history, and the total's band is the sum of the components'
// expectations with their band half-widths combined as independent noise (root sum
// of squares). A runaway in one small service therefore shows in the total even when
// the total's own variance would hide it, and a past spike in one service widens only
// that service's band, not everyone's.
import type { PointVerdict } from "./types";

export type Combine = "sum" | "mean";

export interface ComponentSeries {
  values: (number | null)[];
  verdicts: PointVerdict[];
}

export interface HierarchyOptions {
  combine: Combine;
  /** The total must exceed its upper bound by at least this much to be out of band. */
  minAbsoluteDelta?: number;
}

/** 0 inside the band's centre, 0.5 at the band edge, approaching 1 far above it. */
export function scoreAboveBand(actual: number, expected: number, upper: number): number {
  const width = upper - expected;
  if (actual <= expected) return 0;
  if (width <= 0) return 1;
  return 1 - Math.pow(2, -(actual - expected) / width);
}

const EMPTY: PointVerdict = { expected: null, lower: null, upper: null, score: 0, outOfBand: false, isAnomaly: false };

export function combineComponents(totals: (number | null)[], components: ComponentSeries[], options: HierarchyOptions): PointVerdict[] {
  const floor = Math.max(0, options.minAbsoluteDelta ?? 0);
  const out: PointVerdict[] = [];
  let previousOutOfBand = false;
  for (let i = 0; i < totals.length; i++) {
    const actual = totals[i];
    if (actual === null || actual === undefined) {
      out.push({ ...EMPTY });
      continue;
    }
    let expected = 0;
    let upperSq = 0;
    let lowerSq = 0;
    let present = 0;
    let judged = 0;
    for (const c of components) {
      const value = c.values[i];
      if (value === null || value === undefined) continue;
      present += 1;
      const v = c.verdicts[i];
      if (v?.expected === null || v?.expected === undefined || v.upper === null || v.lower === null) {
        // A component still warming up is taken at face value: new spend is not judged
        // until its own history says what normal is.
        expected += value;
        continue;
      }
      judged += 1;
      expected += v.expected;
      upperSq += (v.upper - v.expected) ** 2;
      lowerSq += (v.expected - v.lower) ** 2;
    }
    if (judged === 0) {
      out.push({ ...EMPTY });
      previousOutOfBand = false;
      continue;
    }
    const scale = options.combine === "mean" ? 1 / present : 1;
    const e = expected * scale;
    const upper = e + Math.sqrt(upperSq) * scale;
    const lower = e - Math.sqrt(lowerSq) * scale;
    const outOfBand = actual - upper >= floor && actual > upper;
    out.push({
      expected: e,
      lower,
      upper,
      score: scoreAboveBand(actual, e, upper),
      outOfBand,
      // One alarm per incident: only the first day of a run of out-of-band days.
      isAnomaly: outOfBand && !previousOutOfBand,
    });
    previousOutOfBand = outOfBand;
  }
  return out;
}
