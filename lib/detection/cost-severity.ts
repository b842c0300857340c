// Severity of a cost anomaly from both how far spend moved (percent) and how much money
// it moved (impact). Percent alone calls a $3 service tripling "critical" and a $40,000
// overrun on a huge bill "info"; money alone ignores how unusual the day is. The rule:
//   severity = the lower of the percent band and the impact band,
//   except that an impact of IMPACT_ALWAYS_CRITICAL or more is always critical.
// Percent bands are the web API's table (50 / 100 / 200 % → info / warning / critical, below
// 50 % info); impact bands: under $100 info, under $1,000 warning, $1,000 or more critical.
import { severityForDeviation, type Severity } from "./severity";

export const IMPACT_WARNING = 100;
export const IMPACT_CRITICAL = 1_000;
export const IMPACT_ALWAYS_CRITICAL = 10_000;

const RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

export function impactSeverity(impact: number): Severity {
  const money = Math.abs(impact);
  if (!Number.isFinite(money)) return "critical";
  if (money >= IMPACT_CRITICAL) return "critical";
  if (money >= IMPACT_WARNING) return "warning";
  return "info";
}

/**
 * @param deviationPercent symmetric deviation in percent (a halving counts like a doubling)
 * @param impact the incident's money moved away from expected, in the provider's currency
 */
export function costSeverity(deviationPercent: number, impact: number): Severity {
  if (Math.abs(impact) >= IMPACT_ALWAYS_CRITICAL) return "critical";
  const byPercent = severityForDeviation(Math.abs(deviationPercent)) ?? "info";
  const byImpact = impactSeverity(impact);
  return RANK[byPercent] <= RANK[byImpact] ? byPercent : byImpact;
}
