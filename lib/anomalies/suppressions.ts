// Suppression rules: "I dismissed it and it came back tomorrow". While a rule is in force,
// new anomalies matching its scope are recorded as dismissed (with the rule's reason and
// `suppressedBy`) instead of active, so the alert dispatcher, which sends only active
// anomalies, never sends them. When the rule expires nothing is retro-alerted: what it
// suppressed stays dismissed. Deleting a rule marks it deleted; its anomalies keep the link.
import { db } from "@/lib/db/client";
import type { OrgRef } from "@/lib/auth/principal";
import { HttpError, notFound } from "@/lib/http/errors";
import { recordAudit } from "@/lib/org/audit";
import { addDays, dayEnd, todayUtc } from "@/lib/time";
import { readTopServices } from "./top-services";
import {
  DEFAULT_SUPPRESS_DAYS,
  MAX_ACTIVE_SUPPRESSIONS,
  MAX_SUPPRESS_DAYS,
  type CreateSuppressionBody,
  type SuppressionRuleJson,
  type SuppressionScope,
} from "./schemas";

const DAY_MS = 86_400_000;

/** A rule's scope as stored: every non-null field must match. */
export interface RuleScope {
  providerId: number | null;
  service: string | null;
  accountId: string | null;
  metric: string | null;
  websiteId: string | null;
}

/** What a rule is matched against: a new anomaly (or a simulated one). */
export interface SuppressibleAnomaly {
  providerId?: number | null;
  websiteId?: string | null;
  metric: string;
  /** The services behind it, largest first: a "service" rule matches the first (the top service). */
  topServices: ReadonlyArray<{ service: string }>;
}

/** Pure: whether `anomaly` falls under `scope`. `accountOf` gives a provider's account id. */
export function scopeMatches(scope: RuleScope, anomaly: SuppressibleAnomaly, accountOf: (providerId: number) => string | null = () => null): boolean {
  if (scope.providerId !== null && anomaly.providerId !== scope.providerId) return false;
  if (scope.websiteId !== null && anomaly.websiteId !== scope.websiteId) return false;
  if (scope.metric !== null && anomaly.metric !== scope.metric) return false;
  if (scope.service !== null && anomaly.topServices[0]?.service !== scope.service) return false;
  if (scope.accountId !== null) {
    if (anomaly.providerId === null || anomaly.providerId === undefined) return false;
    if (accountOf(anomaly.providerId) !== scope.accountId) return false;
  }
  return true;
}

export function scopeFromJson(scope: SuppressionScope): RuleScope {
  return {
    providerId: scope.provider_id ?? null,
    service: scope.service ?? null,
    accountId: scope.account_id ?? null,
    metric: scope.metric ?? null,
    websiteId: scope.website_id ?? null,
  };
}

/** Who recorded a suppressed anomaly as dismissed (its `dismissed_by`). */
export const suppressionActor = (ruleId: number) => `suppression:${ruleId}`;

/** The fields a new anomaly is created with when a rule suppresses it (none when no rule does). */
export type SuppressionFields = Partial<{ status: "dismissed"; suppressedBy: number; dismissReason: string; dismissedBy: string; dismissedAt: Date }>;

async function providerAccounts(orgId: string): Promise<Map<number, string | null>> {
  const providers = await db().provider.findMany({ where: { orgId }, select: { id: true, accountId: true } });
  return new Map(providers.map((p) => [p.id, p.accountId]));
}

/**
 * Loads the rules in force at `now` once per sync and answers, per new anomaly, the fields
 * that record it as suppressed. The oldest matching rule wins (stable across re-runs).
 */
export async function loadSuppressionMatcher(orgId: string, now: Date): Promise<(anomaly: SuppressibleAnomaly) => SuppressionFields> {
  const rules = await db().suppressionRule.findMany({ where: { orgId, deletedAt: null, until: { gt: now } }, orderBy: { id: "asc" } });
  if (rules.length === 0) return (): SuppressionFields => ({});
  const accounts = rules.some((r) => r.accountId !== null) ? await providerAccounts(orgId) : new Map<number, string | null>();
  const accountOf = (providerId: number) => accounts.get(providerId) ?? null;
  return (anomaly): SuppressionFields => {
    const rule = rules.find((r) => scopeMatches(r, anomaly, accountOf));
    if (!rule) return {};
    return { status: "dismissed", suppressedBy: rule.id, dismissReason: rule.reason, dismissedBy: suppressionActor(rule.id), dismissedAt: now };
  };
}

type RuleRow = Awaited<ReturnType<ReturnType<typeof db>["suppressionRule"]["findFirstOrThrow"]>>;

function toRuleJson(rule: RuleRow, matches: number, now: Date): SuppressionRuleJson {
  return {
    id: rule.id,
    scope: {
      ...(rule.providerId !== null ? { provider_id: rule.providerId } : {}),
      ...(rule.service !== null ? { service: rule.service } : {}),
      ...(rule.accountId !== null ? { account_id: rule.accountId } : {}),
      ...(rule.metric !== null ? { metric: rule.metric } : {}),
      ...(rule.websiteId !== null ? { website_id: rule.websiteId } : {}),
    },
    until: rule.until.toISOString(),
    reason: rule.reason,
    created_by: rule.createdBy,
    created_at: rule.createdAt.toISOString(),
    active: rule.until.getTime() > now.getTime(),
    matches,
  };
}

async function matchCounts(orgId: string, ruleIds: number[]): Promise<Map<number, number>> {
  if (ruleIds.length === 0) return new Map();
  const groups = await db().anomaly.groupBy({ by: ["suppressedBy"], where: { orgId, suppressedBy: { in: ruleIds } }, _count: { _all: true } });
  const counts = new Map<number, number>();
  for (const g of groups) if (g.suppressedBy !== null) counts.set(g.suppressedBy, g._count._all);
  return counts;
}

/** The organization's rules (deleted ones left out), newest first, each with how many anomalies it suppressed. */
export async function listSuppressions(org: Pick<OrgRef, "id">, now = new Date()): Promise<SuppressionRuleJson[]> {
  const rules = await db().suppressionRule.findMany({ where: { orgId: org.id, deletedAt: null }, orderBy: { id: "desc" }, take: 1000 });
  const counts = await matchCounts(org.id, rules.map((r) => r.id));
  return rules.map((r) => toRuleJson(r, counts.get(r.id) ?? 0, now));
}

export async function getSuppression(org: Pick<OrgRef, "id">, id: number, now = new Date()): Promise<SuppressionRuleJson> {
  const rule = await db().suppressionRule.findFirst({ where: { id, orgId: org.id, deletedAt: null } });
  if (!rule) throw notFound("Suppression rule");
  return toRuleJson(rule, (await matchCounts(org.id, [id])).get(id) ?? 0, now);
}

/** The end of a rule: `until` (a day means its end, UTC) or `days` from now; at most 365 days ahead, never in the past. */
export function ruleUntil(body: Pick<CreateSuppressionBody, "until" | "days">, now: Date): Date {
  if (body.until === undefined) return new Date(now.getTime() + (body.days ?? DEFAULT_SUPPRESS_DAYS) * DAY_MS);
  const until = /^\d{4}-\d{2}-\d{2}$/.test(body.until) ? dayEnd(body.until) : new Date(body.until);
  const latest = dayEnd(addDays(todayUtc(now), MAX_SUPPRESS_DAYS));
  if (Number.isNaN(until.getTime()) || until.getTime() <= now.getTime() || until.getTime() > latest.getTime()) {
    throw new HttpError("invalid_body", `Invalid request body: until must be in the future and at most ${MAX_SUPPRESS_DAYS} days ahead`, [
      { field: "until", message: `must be in the future and at most ${MAX_SUPPRESS_DAYS} days ahead` },
    ]);
  }
  return until;
}

/** Another organization's provider or website in a scope is a 404, as everywhere. */
async function assertScopeOwned(orgId: string, scope: RuleScope): Promise<void> {
  if (scope.providerId !== null && !(await db().provider.findFirst({ where: { id: scope.providerId, orgId }, select: { id: true } }))) throw notFound("Provider");
  if (scope.websiteId !== null && !(await db().website.findFirst({ where: { id: scope.websiteId, orgId }, select: { id: true } }))) throw notFound("Website");
}

async function insertRule(orgId: string, scope: RuleScope, until: Date, reason: string, actor: string, now: Date): Promise<RuleRow> {
  await assertScopeOwned(orgId, scope);
  const active = await db().suppressionRule.count({ where: { orgId, deletedAt: null, until: { gt: now } } });
  if (active >= MAX_ACTIVE_SUPPRESSIONS) {
    throw new HttpError("conflict", `At most ${MAX_ACTIVE_SUPPRESSIONS} suppression rules can be active; delete one first`);
  }
  return db().$transaction(async (tx) => {
    const rule = await tx.suppressionRule.create({ data: { orgId, ...scope, until, reason, createdBy: actor, createdAt: now } });
    await recordAudit({ orgId, actor, action: "suppression.create", targetType: "suppression", targetId: rule.id, details: { scope: toRuleJson(rule, 0, now).scope, until: until.toISOString(), reason }, at: now }, tx);
    return rule;
  });
}

export async function createSuppression(org: Pick<OrgRef, "id">, body: CreateSuppressionBody, actor: string, now = new Date()): Promise<SuppressionRuleJson> {
  const rule = await insertRule(org.id, scopeFromJson(body.scope), ruleUntil(body, now), body.reason ?? "Suppressed", actor, now);
  return toRuleJson(rule, 0, now);
}

/** Marks the rule deleted (the audit log and the anomalies it suppressed keep it); 404 when already deleted. */
export async function deleteSuppression(org: Pick<OrgRef, "id">, id: number, actor: string, now = new Date()): Promise<void> {
  await db().$transaction(async (tx) => {
    const r = await tx.suppressionRule.updateMany({ where: { id, orgId: org.id, deletedAt: null }, data: { deletedAt: now } });
    if (r.count === 0) throw notFound("Suppression rule");
    await recordAudit({ orgId: org.id, actor, action: "suppression.delete", targetType: "suppression", targetId: id, at: now }, tx);
  });
}

/** The dismiss body's optional rule: `series` = the same provider and metric (or website and metric), `service` = the same top service. */
export interface DismissSuppression {
  suppress_days?: number;
  scope?: "series" | "service";
}

type DismissedAnomaly = { providerId: number | null; websiteId: string | null; metric: string; topServices: unknown };

function dismissScope(row: DismissedAnomaly, kind: "series" | "service"): RuleScope {
  const base: RuleScope = { providerId: row.providerId, websiteId: row.websiteId, service: null, accountId: null, metric: null };
  if (kind === "series") return { ...base, metric: row.metric };
  const top = readTopServices(row)[0]?.service;
  if (!top) {
    throw new HttpError("invalid_body", "Invalid request body: scope 'service' needs an anomaly with a top service", [
      { field: "scope", message: "this anomaly names no top service; use scope 'series'" },
    ]);
  }
  return { ...base, service: top };
}

/**
 * Called by a dismissal that asks for `suppress_days`: the rule runs from now for that many
 * days, with the dismissal's reason. Throws (before anything is written) when the scope is impossible.
 */
export async function suppressFromDismissal(
  org: Pick<OrgRef, "id">,
  row: DismissedAnomaly,
  request: DismissSuppression | undefined,
  reason: string | null,
  actor: string,
  now = new Date(),
): Promise<SuppressionRuleJson | null> {
  if (!request?.suppress_days) return null;
  const scope = dismissScope(row, request.scope ?? "series");
  const rule = await insertRule(org.id, scope, new Date(now.getTime() + request.suppress_days * DAY_MS), reason ?? "Dismissed", actor, now);
  return toRuleJson(rule, 0, now);
}
