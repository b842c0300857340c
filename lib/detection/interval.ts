const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Typical sampling step: the median of positive gaps, so missing rows do not skew it. */
export function inferIntervalMs(timestamps: number[]): number {
  // A typed array sorts numerically without calling a comparator per comparison (every series
  // of a rebuild is configured); the gaps are positive and finite, so they sort only one way.
  const diffs = new Float64Array(Math.max(0, timestamps.length - 1));
  let n = 0;
  for (let i = 1; i < timestamps.length; i++) {
    const d = timestamps[i] - timestamps[i - 1];
    if (d > 0 && Number.isFinite(d)) diffs[n++] = d;
  }
  if (n === 0) return DAY;
  const gaps = diffs.subarray(0, n).sort();
  return gaps[n >> 1];
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 0.02 * b;
}

/**
 * Seasonal periods (in points) that real business series have at this sampling
 * step: the week for daily data, day and week for hourly, the day for sub-hourly.
 * Weekly cycles of fine-grained data are skipped because their windows get long
 * (cost) and a day already carries most of the shape.
 */
export function defaultSeasonalPeriods(intervalMs: number): number[] {
  if (near(intervalMs, DAY)) return [7];
  if (near(intervalMs, HOUR)) return [24, 168];
  if (intervalMs < DAY) {
    const perDay = DAY / intervalMs;
    const rounded = Math.round(perDay);
    if (rounded < 2 || Math.abs(perDay - rounded) > 0.02 * perDay) return [];
    const out = [rounded];
    const perWeek = rounded * 7;
    if (perWeek <= 1008 && intervalMs >= 10 * MINUTE) out.push(perWeek);
    return out;
  }
  // Monthly-ish data: a yearly cycle.
  if (intervalMs >= 27 * DAY && intervalMs <= 32 * DAY) return [12];
  return [];
}

/**
 * Map rows to positions on a regular grid so that seasonal lags stay aligned across
 * missing rows. Irregular series (grid far larger than the row count) fall back to
 * plain row positions.
 */
export function slotIndices(timestamps: number[], intervalMs: number): { slots: Int32Array; size: number; gridded: boolean } {
  const n = timestamps.length;
  const slots = new Int32Array(n);
  if (n === 0) return { slots, size: 0, gridded: true };
  const t0 = timestamps[0];
  let prev = -1;
  for (let i = 0; i < n; i++) {
    let s = Math.round((timestamps[i] - t0) / intervalMs);
    if (!Number.isFinite(s)) s = prev + 1;
    if (s <= prev) s = prev + 1;
    slots[i] = s;
    prev = s;
  }
  const size = prev + 1;
  if (size > 4 * n + 1000) {
    for (let i = 0; i < n; i++) slots[i] = i;
    return { slots, size: n, gridded: false };
  }
  return { slots, size, gridded: true };
}

export const TIME = { MINUTE, HOUR, DAY };
