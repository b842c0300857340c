export type Severity = "info" | "warning" | "critical";

/**
 * Stand-in for "infinitely far": big enough to map to critical, small enough to
 * keep JSON valid and charts readable.
 */
export const DEVIATION_CAP = 10_000;

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** (actual - expected) / expected * 100, rounded to 0.1; never Infinity or NaN. */
export function deviationPercent(actual: number, expected: number): number {
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return 0;
  if (expected === 0) return actual === 0 ? 0 : actual > 0 ? DEVIATION_CAP : -DEVIATION_CAP;
  const d = ((actual - expected) / Math.abs(expected)) * 100;
  return round1(Math.max(-DEVIATION_CAP, Math.min(DEVIATION_CAP, d)));
}

/**
 * Deviation magnitude that treats a halving like a doubling (both 100%), so drops
 * and rises share one severity scale. A fall to zero (or below) maps to the cap.
 */
export function symmetricDeviationPercent(actual: number, expected: number): number {
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return 0;
  if (actual === expected) return 0;
  if (actual > expected) {
    if (expected <= 0) return DEVIATION_CAP;
    return round1(Math.min(DEVIATION_CAP, ((actual - expected) / expected) * 100));
  }
  if (actual <= 0) return expected > 0 ? DEVIATION_CAP : round1(Math.min(DEVIATION_CAP, ((expected - actual) / Math.max(Math.abs(actual), 1e-9)) * 100));
  return round1(Math.min(DEVIATION_CAP, (expected / actual - 1) * 100));
}

export const DEFAULT_SEVERITY_THRESHOLDS = { info: 50, warning: 100, critical: 200 } as const;

export function severityForDeviation(
  absSymmetricDeviationPercent: number,
  thresholds: { info: number; warning: number; critical: number } = DEFAULT_SEVERITY_THRESHOLDS,
): Severity | null {
  const d = Math.abs(absSymmetricDeviationPercent);
  if (!Number.isFinite(d)) return Number.isNaN(d) ? null : "critical";
  if (d >= thresholds.critical) return "critical";
  if (d >= thresholds.warning) return "warning";
  if (d >= thresholds.info) return "info";
  return null;
}
