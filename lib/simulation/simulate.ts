// POST /api/v1/simulations: "this change would have sent N alerts in the last 90 days
// (today: M)". Replays detection over the stored data (lib/simulation/replay.ts) with the
// proposed settings and with today's, applies suppression rules and the alert rules, and
// counts. Writes nothing.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { HttpError } from "@/lib/http/errors";
import { addDays, dayStart, todayUtc } from "@/lib/time";
import { matchesFilters } from "@/lib/alerts/dispatch";
import { scopeFromJson, scopeMatches, type RuleScope } from "@/lib/anomalies/suppressions";
import type { SimulatedAnomalyJson, SimulationBody, SimulationResultJson } from "@/lib/anomalies/schemas";
import type { AlertMode, Severity } from "@/lib/vocabulary";
import { loadReplayInput, replayDetection, type ReplayedAnomaly } from "./replay";

/** Simulations one organization may run at once on an instance (each replays every series). */
export const MAX_CONCURRENT_SIMULATIONS_PER_ORG = 1;
/** Simulations an instance runs at once, all organizations together: each is a detection run's worth of CPU. */
export const MAX_CONCURRENT_SIMULATIONS = 2;
/** The answer lists at most this many anomalies (newest first); the counts cover all of them. */
export const MAX_LISTED_ANOMALIES = 5000;

const running = new Map<string, number>();

function acquireSlot(orgId: string): () => void {
  const count = running.get(orgId) ?? 0;
  if (count >= MAX_CONCURRENT_SIMULATIONS_PER_ORG) {
    throw new HttpError("rate_limited", "A simulation is already running for this organization; try again in a moment", undefined, { "Retry-After": "2" });
  }
  const total = [...running.values()].reduce((sum, n) => sum + n, 0);
  if (total >= MAX_CONCURRENT_SIMULATIONS) {
    throw new HttpError("rate_limited", "Too many simulations are running; try again in a moment", undefined, { "Retry-After": "5" });
  }
  running.set(orgId, count + 1);
  return () => {
    const left = (running.get(orgId) ?? 1) - 1;
    if (left <= 0) running.delete(orgId);
    else running.set(orgId, left);
  };
}

type Destination = { id: string; types: string; minSeverity: Severity; minImpact: number; mode: AlertMode };

/** With no destination configured, what a default one (every type, every severity) would have sent. */
const DEFAULT_DESTINATION: Destination = { id: "default", types: "", minSeverity: "info", minImpact: 0, mode: "immediate" };

interface AlertRules {
  destinations: Destination[];
  minImpact?: number;
  minImpactPercent?: number;
}

/** Whether the alert rules would have sent `a` to at least one destination. */
export function wouldAlert(a: ReplayedAnomaly, rules: AlertRules): boolean {
  if (rules.minImpactPercent !== undefined && Math.abs(a.deviationPercent) < rules.minImpactPercent) return false;
  const anomaly = { type: a.type, severity: a.severity, actual: a.actual, expected: a.expected, periodEnd: a.periodEnd, status: "active" as const };
  return rules.destinations.some((d) => matchesFilters(rules.minImpact === undefined ? d : { ...d, minImpact: rules.minImpact }, anomaly));
}

interface TimedRule {
  scope: RuleScope;
  /** Last day the rule is in force (inclusive); null: the whole window. */
  lastDay: string | null;
}

function suppressedBy(a: ReplayedAnomaly, rules: TimedRule[], accountOf: (providerId: number) => string | null): boolean {
  return rules.some((r) => (r.lastDay === null || a.date <= r.lastDay) && scopeMatches(r.scope, a, accountOf));
}

function untilDay(until: string | undefined): string | null {
  if (until === undefined) return null;
  return /^\d{4}-\d{2}-\d{2}$/.test(until) ? until : new Date(until).toISOString().slice(0, 10);
}

/** Monday of the week of `day` (ISO weeks). */
export function weekOf(day: string): string {
  const weekday = (dayStart(day).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

function byWeek(fromDay: string, today: string, alerted: ReplayedAnomaly[]): SimulationResultJson["by_week"] {
  const weeks = new Map<string, number>();
  for (let w = weekOf(fromDay); w <= today; w = addDays(w, 7)) weeks.set(w, 0);
  for (const a of alerted) weeks.set(weekOf(a.date), (weeks.get(weekOf(a.date)) ?? 0) + 1);
  return [...weeks].map(([week, alerts]) => ({ week, alerts }));
}

async function loadContext(orgId: string) {
  const [destinations, rules, providers] = await Promise.all([
    db().alertDestination.findMany({ where: { orgId, enabled: true }, select: { id: true, types: true, minSeverity: true, minImpact: true, mode: true } }),
    db().suppressionRule.findMany({ where: { orgId, deletedAt: null } }),
    db().provider.findMany({ where: { orgId }, select: { id: true, accountId: true } }),
  ]);
  const accounts = new Map(providers.map((p) => [p.id, p.accountId]));
  return {
    destinations: destinations.length ? destinations : [DEFAULT_DESTINATION],
    rules: rules.map((r): TimedRule => ({ scope: r, lastDay: r.until.toISOString().slice(0, 10) })),
    accountOf: (providerId: number) => accounts.get(providerId) ?? null,
  };
}

function toJson(a: ReplayedAnomaly, alerted: boolean, suppressed: boolean): SimulatedAnomalyJson {
  return {
    date: a.date,
    type: a.type,
    ...(a.providerId !== null ? { provider_id: a.providerId } : {}),
    ...(a.websiteId !== null ? { website_id: a.websiteId } : {}),
    metric: a.metric,
    impact: Math.round(a.impact * 100) / 100,
    severity: a.severity,
    deviation_percent: Math.round(a.deviationPercent * 10) / 10,
    alerted,
    suppressed,
  };
}

export async function simulateAlerts(org: Pick<OrgRef, "id">, body: SimulationBody, now = new Date()): Promise<SimulationResultJson> {
  const release = acquireSlot(org.id);
  try {
    const started = Date.now();
    const today = todayUtc(now);
    const fromDay = addDays(today, -(body.days - 1));
    const [input, context] = await Promise.all([loadReplayInput(org.id, now), loadContext(org.id)]);
    const current = await replayDetection(input, fromDay);
    const changed = body.sensitivity !== undefined || body.cost_floor !== undefined;
    const simulated = changed ? await replayDetection(input, fromDay, { sensitivity: body.sensitivity, costFloor: body.cost_floor }) : current;

    const currentAlerts = current.filter((a) => !suppressedBy(a, context.rules, context.accountOf) && wouldAlert(a, context));
    const tried = body.suppressions ? body.suppressions.map((r): TimedRule => ({ scope: scopeFromJson(r.scope), lastDay: untilDay(r.until) })) : context.rules;
    const rules: AlertRules = { destinations: context.destinations, minImpact: body.min_impact, minImpactPercent: body.min_impact_percent };
    const judged = simulated.map((a) => {
      const suppressed = suppressedBy(a, tried, context.accountOf);
      return { a, suppressed, alerted: !suppressed && wouldAlert(a, rules) };
    });
    const alerted = judged.filter((j) => j.alerted).map((j) => j.a);
    return {
      days: body.days,
      alerts: alerted.length,
      anomalies: judged.slice(0, MAX_LISTED_ANOMALIES).map((j) => toJson(j.a, j.alerted, j.suppressed)),
      by_week: byWeek(fromDay, today, alerted),
      current: { alerts: currentAlerts.length },
      elapsed_ms: Date.now() - started,
    };
  } finally {
    release();
  }
}

