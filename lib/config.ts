// Runtime settings, read from the environment with documented defaults (README: Configuration).
function num(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  return Number.isFinite(value) ? value : fallback;
}

export const config = {
  /** Minutes between scheduled detection runs inside the server; 0 disables the schedule. */
  get detectIntervalMinutes() {
    return num("BANDWATCH_DETECT_INTERVAL_MINUTES", 60);
  },
  /** A cost day is only an anomaly when spend exceeds the upper bound by at least this many currency units. */
  get costFloor() {
    return num("BANDWATCH_COST_FLOOR", 10);
  },
  /** A service only counts as a contributor when it is at least this far above its own expectation. */
  get serviceFloor() {
    return num("BANDWATCH_SERVICE_FLOOR", 1);
  },
  /** Detector sensitivity in [0,1] (0.5 is the product default). */
  get sensitivity() {
    return Math.min(1, Math.max(0, num("BANDWATCH_SENSITIVITY", 0.5)));
  },
  /** Consecutive in-band hours after which a web anomaly counts as resolved. */
  get webResolveHours() {
    return Math.max(1, Math.round(num("BANDWATCH_WEB_RESOLVE_HOURS", 2)));
  },
};
