/**
 * Band width in robust standard deviations at the product default (sensitivity 0.5).
 * Business series are judged thousands of times a day, so the default is set well
 * past the textbook 3 sigma to keep the false alarm rate per series-year low.
 */
export const DEFAULT_K = 4;

/** Sensitivity 0..1 -> band half-width in robust sigmas: 0 -> 2k, 0.5 -> k, 1 -> k/2. */
export function bandWidthFor(sensitivity: number): number {
  const s = Math.min(1, Math.max(0, Number.isFinite(sensitivity) ? sensitivity : 0.5));
  return DEFAULT_K * Math.pow(2, (0.5 - s) * 2);
}

/**
 * Anomaly score in [0,1) from an excess measured in robust sigmas. Monotone, 0.5
 * exactly at the default band edge, so "score >= 0.5" means "outside the band at
 * the default sensitivity".
 */
export function scoreFromZ(z: number): number {
  if (!(z > 0)) return 0;
  const r = z / DEFAULT_K;
  return 1 - Math.pow(2, -r * r);
}

/** The score an onset needs to alarm at a given sensitivity. */
export function alarmThreshold(sensitivity: number): number {
  return scoreFromZ(bandWidthFor(sensitivity));
}
