/** duration: response or load times, positive with multiplicative noise (judged relative to the forecast). */
export type SeriesKind = "amount" | "count" | "rate" | "duration" | "gauge";
export type Direction = "up" | "down" | "both";

export interface DetectorOptions {
  /** Seasonal periods in points; inferred from the sampling interval when omitted. */
  seasonalPeriods?: number[];
  /** 0..1, default 0.5; higher = more alarms. */
  sensitivity?: number;
  /** Default "up" for amount and duration, "both" otherwise. */
  direction?: Direction;
  /** Default "gauge". */
  kind?: SeriesKind;
  /** A point is out of band only if it is beyond the band by at least this much. */
  minAbsoluteDelta?: number;
  /** For kind "rate": per-point denominators (e.g. pageviews). */
  denominators?: (number | null)[];
  /** Valid points of history needed before anything is judged. */
  minHistory?: number;
}

export interface PointVerdict {
  expected: number | null;
  lower: number | null;
  upper: number | null;
  score: number;
  outOfBand: boolean;
  isAnomaly: boolean;
}
