export type { SeriesKind, Direction, DetectorOptions, PointVerdict } from "./types";
export { detectSeries } from "./detect";
export { rankContributors } from "./contributors";
export type { Contribution, RankedContributor } from "./contributors";
export { deviationPercent, symmetricDeviationPercent, severityForDeviation, DEFAULT_SEVERITY_THRESHOLDS, DEVIATION_CAP } from "./severity";
export type { Severity } from "./severity";
export { inferIntervalMs, defaultSeasonalPeriods } from "./interval";
export { bandWidthFor, alarmThreshold, scoreFromZ, DEFAULT_K } from "./scoring";
