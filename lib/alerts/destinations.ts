// Alert destinations of an organization. Every query is scoped by the organization.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db/client";
import { HttpError, notFound } from "@/lib/http/errors";
import { isSealed, openSecret, sealSecret } from "@/lib/auth/secret-box";
import { isPermittedUrl } from "./net-guard";
import { parseList } from "./rules";
import type { AlertFrequency, AlertMode } from "@/lib/vocabulary";
import { ANOMALY_TYPES, isOneOf, type AnomalyType } from "@/lib/vocabulary";
import { type CreateDestinationInput, type DeliveryJson, type DestinationJson, type UpdateDestinationInput } from "./schemas";

type DestinationRow = Awaited<ReturnType<ReturnType<typeof db>["alertDestination"]["findFirstOrThrow"]>>;

export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

/** AlertDestination.types is a comma list (empty = every type); unknown entries are ignored. */
export function parseTypes(types: string): AnomalyType[] {
  return types
    .split(",")
    .map((t) => t.trim())
    .filter((t) => isOneOf(ANOMALY_TYPES, t));
}

/** What the viewer may see: admins see full URLs; analysts only the origin (Slack URLs are credentials). */
export interface DestinationView {
  showUrls: boolean;
  /** The plain signing secret, returned once on creation or rotation. */
  revealSecret?: string;
}

export function maskUrl(url: string | null): string | null {
  if (!url) return url;
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return "…";
  }
}

function secretHint(stored: string | null): string | null {
  if (!stored) return null;
  const plain = openSecret(stored);
  return plain ? `…${plain.slice(-4)}` : "unreadable (rotate it)";
}

export function toDestinationJson(d: DestinationRow, view: DestinationView): DestinationJson {
  return {
    id: d.id,
    name: d.name,
    kind: d.kind,
    url: view.showUrls ? d.url : maskUrl(d.url),
    email: d.email,
    types: parseTypes(d.types),
    min_severity: d.minSeverity,
    min_impact: d.minImpact,
    mode: d.mode,
    enabled: d.enabled,
    monitor_ids: parseList(d.monitorIds),
    min_impact_percent: d.minImpactPercent,
    threshold_mode: d.thresholdMode,
    frequency: d.frequency,
    forecast_alerts: d.forecastAlerts,
    secret_hint: secretHint(d.secret),
    ...(view.revealSecret ? { secret: view.revealSecret } : {}),
    created_at: d.createdAt.toISOString(),
  };
}

export async function listDestinations(orgId: string, view: DestinationView): Promise<DestinationJson[]> {
  const rows = await db().alertDestination.findMany({ where: { orgId }, orderBy: { createdAt: "asc" } });
  return rows.map((r) => toDestinationJson(r, view));
}

/** Encrypts signing secrets stored in plain text before encryption at rest existed (runs at start-up). */
export async function sealLegacySecrets(): Promise<number> {
  const rows = await db().alertDestination.findMany({ where: { secret: { not: null } }, select: { id: true, secret: true } });
  let sealed = 0;
  for (const row of rows) {
    if (!row.secret || isSealed(row.secret)) continue;
    // Conditional on the old value, so a concurrent rotation is never overwritten.
    const result = await db().alertDestination.updateMany({ where: { id: row.id, secret: row.secret }, data: { secret: sealSecret(row.secret) } });
    sealed += result.count;
  }
  return sealed;
}

export async function findDestination(orgId: string, id: string): Promise<DestinationRow> {
  const row = await db().alertDestination.findFirst({ where: { id, orgId } });
  if (!row) throw notFound("Alert destination");
  return row;
}

const URL_REFUSED = "must be a public internet address (internal receivers need BANDWATCH_ALERT_ALLOW_HOSTS)";

/** Save-time half of the outbound check (send time checks again); one message for every refusal. */
async function assertPermittedUrl(url: string | null | undefined): Promise<void> {
  if (!url || (await isPermittedUrl(url))) return;
  throw new HttpError("invalid_body", `Invalid request body at 'url': ${URL_REFUSED}`, [{ field: "url", message: URL_REFUSED }]);
}

type SubscriptionInput = Pick<UpdateDestinationInput, "monitor_ids" | "min_impact_percent" | "threshold_mode" | "forecast_alerts" | "mode" | "frequency">;

function subscriptionFields(input: SubscriptionInput) {
  return {
    ...(input.monitor_ids !== undefined ? { monitorIds: [...new Set(input.monitor_ids)].join(",") } : {}),
    ...(input.min_impact_percent !== undefined ? { minImpactPercent: input.min_impact_percent } : {}),
    ...(input.threshold_mode !== undefined ? { thresholdMode: input.threshold_mode } : {}),
    ...(input.forecast_alerts !== undefined ? { forecastAlerts: input.forecast_alerts } : {}),
  };
}

/**
 * `mode` (immediate | digest) predates `frequency`; the two stay consistent: a daily or weekly
 * frequency is a digest, choosing "immediate" mode means immediate frequency, and "digest"
 * mode alone keeps the current frequency (immediate there means the periodic digest).
 */
function deliveryCadence(input: SubscriptionInput, current: { mode: AlertMode; frequency: AlertFrequency }): { mode: AlertMode; frequency: AlertFrequency } {
  const frequency = input.frequency ?? (input.mode === "immediate" ? "immediate" : current.frequency);
  const mode = frequency !== "immediate" ? "digest" : (input.mode ?? (input.frequency === "immediate" ? "immediate" : current.mode));
  return { mode, frequency };
}

export async function createDestination(orgId: string, input: CreateDestinationInput): Promise<DestinationJson> {
  if (input.kind !== "email") await assertPermittedUrl(input.url);
  const secret = input.kind === "webhook" ? newSigningSecret() : null;
  const row = await db().alertDestination.create({
    data: {
      orgId,
      name: input.name,
      kind: input.kind,
      url: input.kind === "email" ? null : (input.url ?? null),
      email: input.kind === "email" ? (input.email ?? null) : null,
      // Generic webhooks are signed; Slack incoming webhooks are authenticated by their URL.
      secret: secret ? sealSecret(secret) : null,
      types: (input.types ?? []).join(","),
      minSeverity: input.min_severity ?? "info",
      minImpact: input.min_impact ?? 0,
      enabled: input.enabled ?? true,
      ...subscriptionFields(input),
      ...deliveryCadence(input, { mode: "immediate", frequency: "immediate" }),
    },
  });
  return toDestinationJson(row, { showUrls: true, revealSecret: secret ?? undefined });
}

export async function updateDestination(orgId: string, id: string, input: UpdateDestinationInput): Promise<DestinationJson> {
  const current = await findDestination(orgId, id);
  const rotate = input.rotate_secret === true && current.kind === "webhook";
  if (current.kind !== "email") await assertPermittedUrl(input.url);
  const secret = rotate ? newSigningSecret() : null;
  const row = await db().alertDestination.update({
    where: { id: current.id },
    data: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.url !== undefined && current.kind !== "email" ? { url: input.url } : {}),
      ...(input.email !== undefined && current.kind === "email" ? { email: input.email } : {}),
      ...(input.types !== undefined ? { types: input.types.join(",") } : {}),
      ...(input.min_severity !== undefined ? { minSeverity: input.min_severity } : {}),
      ...(input.min_impact !== undefined ? { minImpact: input.min_impact } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...subscriptionFields(input),
      ...deliveryCadence(input, current),
      ...(secret ? { secret: sealSecret(secret) } : {}),
    },
  });
  return toDestinationJson(row, { showUrls: true, revealSecret: secret ?? undefined });
}

export async function deleteDestination(orgId: string, id: string): Promise<void> {
  const result = await db().alertDestination.deleteMany({ where: { id, orgId } });
  if (result.count === 0) throw notFound("Alert destination");
}

export async function listDeliveries(orgId: string, destinationId?: string, take = 100): Promise<DeliveryJson[]> {
  const rows = await db().alertDelivery.findMany({
    where: { destination: { orgId }, ...(destinationId ? { destinationId } : {}), status: { not: "batched" } },
    include: { destination: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
    take,
  });
  return rows.map((r) => ({
    id: r.id,
    destination_id: r.destinationId,
    destination_name: r.destination.name,
    anomaly_id: r.anomalyId,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    response_status: r.responseStatus,
    last_error: r.lastError,
    next_attempt_at: r.status === "pending" || r.status === "sending" ? r.nextAttemptAt.toISOString() : null,
    created_at: r.createdAt.toISOString(),
    delivered_at: r.deliveredAt ? r.deliveredAt.toISOString() : null,
    matched_rule: r.matchedRule,
  }));
}
