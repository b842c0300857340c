// Issue 13: alert subscriptions. Which anomalies a destination wants (type, severity, monitor,
// and the dollar and percentage thresholds combined by threshold_mode like AWS's threshold
// expressions), a description of the rule that matched for the delivery log, and when a
// daily or weekly digest is due.
import { alertConfig } from "@/lib/config";
import { dollarImpact } from "./payload";
import { SEVERITY_RANK, type AlertFrequency, type AlertMode, type AnomalyType, type Severity, type ThresholdMode } from "@/lib/vocabulary";

export interface RuleDestination {
  types: string;
  minSeverity: Severity;
  minImpact: number;
  minImpactPercent: number;
  thresholdMode: ThresholdMode;
  monitorIds: string;
}

export interface RuleAnomaly {
  type: AnomalyType;
  severity: Severity;
  actual: number;
  expected: number;
  deviationPercent: number;
  /** The monitor that raised it (GET /api/v1/monitors ids); null for performance and web anomalies. */
  monitorId?: number | null;
}

/** A comma list stored as text (empty = none); unknown or blank entries are dropped. */
export function parseList(stored: string): string[] {
  return stored
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The monitor an anomaly belongs to, as destinations list it (`monitor_ids` are the monitors' ids). */
export function monitorIdOf(anomaly: Pick<RuleAnomaly, "monitorId">): string | null {
  return anomaly.monitorId === undefined || anomaly.monitorId === null ? null : String(anomaly.monitorId);
}

const money = (n: number) => (Math.round(n * 100) / 100).toString();

/** The thresholds that apply to this anomaly, each with whether it is met and how to say so. */
function thresholdChecks(d: RuleDestination, a: RuleAnomaly): Array<{ met: boolean; text: string }> {
  const checks: Array<{ met: boolean; text: string }> = [];
  const impact = dollarImpact(a);
  // A dollar threshold says nothing about a latency or a web metric.
  if (d.minImpact > 0 && impact !== null) checks.push({ met: impact >= d.minImpact, text: `impact ${money(impact)} ≥ ${money(d.minImpact)}` });
  if (d.minImpactPercent > 0) {
    const pct = Math.abs(a.deviationPercent);
    checks.push({ met: pct >= d.minImpactPercent, text: `deviation ${Math.round(pct * 10) / 10}% ≥ ${d.minImpactPercent}%` });
  }
  return checks;
}

/** The rule that lets `anomaly` through to `destination`, in words for the delivery log; null when it does not match. */
export function matchedRule(destination: RuleDestination, anomaly: RuleAnomaly): string | null {
  const parts: string[] = [];
  const types = parseList(destination.types);
  if (types.length) {
    if (!types.includes(anomaly.type)) return null;
    parts.push(`type ${anomaly.type}`);
  }
  if (SEVERITY_RANK[anomaly.severity] < SEVERITY_RANK[destination.minSeverity]) return null;
  if (destination.minSeverity !== "info") parts.push(`severity ${anomaly.severity} ≥ ${destination.minSeverity}`);
  const monitors = parseList(destination.monitorIds);
  if (monitors.length) {
    const monitor = monitorIdOf(anomaly);
    if (monitor === null || !monitors.includes(monitor)) return null;
    parts.push(`monitor ${monitor}`);
  }
  const checks = thresholdChecks(destination, anomaly);
  if (checks.length) {
    const met = checks.filter((c) => c.met);
    if (destination.thresholdMode === "all" ? met.length < checks.length : met.length === 0) return null;
    parts.push(destination.thresholdMode === "all" ? met.map((c) => c.text).join(" and ") : met[0].text);
  }
  return parts.length ? parts.join("; ") : "every anomaly";
}

/** Whether a destination collects its alerts into digests rather than sending each at once. */
export function isDigest(d: { mode: AlertMode; frequency: AlertFrequency }): boolean {
  return d.mode === "digest" || d.frequency !== "immediate";
}

const DAY_MS = 86_400_000;

/** Start of the UTC day, or of the ISO week (Monday 00:00 UTC), that `now` is in. */
export function periodStart(frequency: "daily" | "weekly", now: Date): Date {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  if (frequency === "daily") return new Date(day);
  const sinceMonday = (now.getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS);
}

/**
 * Which waiting items a digest takes now: a daily (weekly) digest goes out once the UTC day
 * (ISO week) its items were collected in is over, with the items from before the current
 * period (`itemsBefore`); the older "digest" mode sends everything waiting (`itemsBefore`
 * null) every BANDWATCH_ALERT_DIGEST_MINUTES. null: not due.
 */
export function digestCutoff(d: { mode: AlertMode; frequency: AlertFrequency }, lastDigestAt: Date | null, now: Date): { itemsBefore: Date | null } | null {
  if (d.frequency !== "immediate") return { itemsBefore: periodStart(d.frequency, now) };
  if (lastDigestAt && now.getTime() - lastDigestAt.getTime() < alertConfig.digestMinutes * 60_000) return null;
  return { itemsBefore: null };
}
